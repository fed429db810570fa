"""Rates and earnings rules as data, versioned by date. Each row names its source and whether it is confirmed from
the law or the ministry's published rates; the calculator shows an unconfirmed row as "ikke bekræftet".

One row is in force per (scheme, kind, category) on any day: the validity periods of the same rate never overlap
(clean(), which the admin runs). An administrator adds next year's rates as new rows, ending the old row's period."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.core.models import BaseModel

from .choices import SCHEME_CATEGORIES, Category, RateKind, Scheme


def overlapping(queryset, *, valid_from, valid_to, exclude_pk=None):
    """Rows of the queryset whose period [valid_from, valid_to] (open-ended when valid_to is None) meets the given."""
    rows = queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        rows = rows.filter(valid_from__lte=valid_to)
    return rows.exclude(pk=exclude_pk) if exclude_pk else rows


def in_force(queryset, day):
    return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class Dated(BaseModel):
    valid_from = models.DateField(_("gælder fra"))
    valid_to = models.DateField(_("gælder til og med"), null=True, blank=True,
                                help_text=_("Tom: gælder indtil en nyere sats afløser den."))
    source = models.CharField(_("kilde"), max_length=500,
                              help_text=_("Adresse (URL) eller lovhenvisning, fx “aktivloven § 16, stk. 2”."))
    confirmed = models.BooleanField(
        _("bekræftet"), default=False,
        help_text=_("Kun når beløbet er bekræftet af lovteksten eller ministeriets offentliggjorte satser. "
                    "Ellers vises det som “ikke bekræftet”."))
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        abstract = True

    def same_rate(self):  # the rows this one must not overlap
        raise NotImplementedError

    def clean(self):
        problems = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            problems["valid_to"] = _("Slutdatoen ligger før startdatoen.")
        if not (self.source or "").strip():
            problems["source"] = _("Angiv kilden: en adresse (URL) eller en lovhenvisning.")
        category_ok = self._category_fits()
        if category_ok is not True:
            problems["category"] = category_ok
        if not problems and self.valid_from:
            clash = overlapping(self.same_rate(), valid_from=self.valid_from, valid_to=self.valid_to,
                                exclude_pk=self.pk).order_by("valid_from").first()
            if clash is not None:
                until = clash.valid_to.strftime("%d.%m.%Y") if clash.valid_to else _("uden slutdato")
                problems["valid_from"] = _(
                    "Perioden overlapper en sats, der allerede gælder for det samme (fra %(start)s, %(until)s). "
                    "Sæt en slutdato på den gamle sats først.") % {
                    "start": clash.valid_from.strftime("%d.%m.%Y"), "until": until}
        if problems:
            raise ValidationError(problems)

    def _category_fits(self):
        if self.category and self.category not in SCHEME_CATEGORIES.get(self.scheme, []):
            return _("Kategorien hører ikke til ydelsen.")
        return True


class Rate(Dated):
    """A monthly amount: a scheme's rate for a category, a supplement, or the maximum dagpenge rate the earnings
    rule counts from."""

    scheme = models.CharField(_("ydelse"), max_length=40, choices=Scheme.choices)
    kind = models.CharField(_("art"), max_length=40, choices=RateKind.choices, default=RateKind.BASE)
    category = models.CharField(_("satskategori"), max_length=40, choices=Category.choices, blank=True,
                                help_text=_("Kun for selve satsen (art “Sats”); tom for tillæg."))
    amount = models.DecimalField(_("beløb pr. måned (kr.)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("sats")
        verbose_name_plural = _("satser")
        ordering = ["scheme", "kind", "category", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="economy_rate_amount_not_negative"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="economy_rate_period_in_order"),
            models.CheckConstraint(condition=(Q(kind=RateKind.BASE) & ~Q(category=""))
                                   | (~Q(kind=RateKind.BASE) & Q(category="")),
                                   name="economy_rate_category_iff_base"),
            models.UniqueConstraint(fields=["scheme", "kind", "category", "valid_from"],
                                    name="economy_rate_one_start_per_rate"),
        ]

    def __str__(self):
        label = self.get_category_display() if self.kind == RateKind.BASE else self.get_kind_display()
        return f"{self.get_scheme_display()}, {label}, fra {self.valid_from:%d.%m.%Y}"

    def same_rate(self):
        return Rate.objects.filter(scheme=self.scheme, kind=self.kind, category=self.category)

    def clean(self):
        problems = {}
        if self.amount is not None and self.amount < 0:
            problems["amount"] = _("Beløbet kan ikke være negativt.")
        if self.kind == RateKind.BASE and not self.category:
            problems["category"] = _("Vælg satskategorien.")
        if self.kind and self.kind != RateKind.BASE and self.category:
            problems["category"] = _("Et tillæg har ingen satskategori; lad feltet stå tomt.")
        if problems:
            raise ValidationError(problems)
        super().clean()


class EarningsRule(Dated):
    """How earnings reduce the benefit in a month: a disregard (a monthly amount and/or an amount per hour worked,
    up to a number of hours), then a percentage of the rest deducted; optionally, once benefit plus earnings reach
    a percentage of the maximum dagpenge rate, every further krone earned is deducted (krone for krone)."""

    scheme = models.CharField(_("ydelse"), max_length=40, choices=Scheme.choices)
    category = models.CharField(_("satskategori"), max_length=40, choices=Category.choices)
    disregard_monthly = models.DecimalField(_("fribeløb pr. måned (kr.)"), max_digits=10, decimal_places=2,
                                            default=0)
    disregard_per_hour = models.DecimalField(_("fribeløb pr. arbejdstime (kr.)"), max_digits=8, decimal_places=2,
                                             default=0)
    disregard_max_hours = models.PositiveIntegerField(
        _("højst timer pr. måned med fribeløb"), null=True, blank=True,
        help_text=_("Kun med fribeløb pr. time. Tom: ingen grænse."))
    reduction_percent = models.DecimalField(_("fradrag i procent af indtægt over fribeløbet"), max_digits=5,
                                            decimal_places=2)
    full_deduction_at_percent = models.DecimalField(
        _("fuldt fradrag fra (procent af højeste dagpengesats)"), max_digits=5, decimal_places=2, null=True,
        blank=True, help_text=_("Når hjælp og løn tilsammen når denne andel af højeste dagpengesats, trækkes "
                                "lønnen krone for krone. Tom: ingen sådan grænse."))

    class Meta:
        verbose_name = _("fradragsregel")
        verbose_name_plural = _("fradragsregler")
        ordering = ["scheme", "category", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(disregard_monthly__gte=0) & Q(disregard_per_hour__gte=0),
                                   name="economy_rule_disregard_not_negative"),
            models.CheckConstraint(condition=Q(reduction_percent__gte=0) & Q(reduction_percent__lte=100),
                                   name="economy_rule_reduction_is_a_percentage"),
            models.CheckConstraint(condition=Q(full_deduction_at_percent__isnull=True)
                                   | (Q(full_deduction_at_percent__gte=0) & Q(full_deduction_at_percent__lte=200)),
                                   name="economy_rule_full_deduction_percentage"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="economy_rule_period_in_order"),
            models.UniqueConstraint(fields=["scheme", "category", "valid_from"],
                                    name="economy_rule_one_start_per_rule"),
        ]

    def __str__(self):
        return f"{self.get_scheme_display()}, {self.get_category_display()}, fra {self.valid_from:%d.%m.%Y}"

    def same_rate(self):
        return EarningsRule.objects.filter(scheme=self.scheme, category=self.category)

    def clean(self):
        problems = {}
        for name in ("disregard_monthly", "disregard_per_hour"):
            if getattr(self, name) is not None and getattr(self, name) < 0:
                problems[name] = _("Beløbet kan ikke være negativt.")
        if self.reduction_percent is not None and not 0 <= self.reduction_percent <= 100:
            problems["reduction_percent"] = _("Angiv en procent mellem 0 og 100.")
        if self.full_deduction_at_percent is not None and not 0 <= self.full_deduction_at_percent <= 200:
            problems["full_deduction_at_percent"] = _("Angiv en procent mellem 0 og 200.")
        if problems:
            raise ValidationError(problems)
        super().clean()
