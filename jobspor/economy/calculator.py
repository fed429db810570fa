"""What ordinary hours do to a citizen's monthly income on a benefit (C10). Plain functions, Decimal arithmetic.

The rules (models.EarningsRule) and amounts (models.Rate) in force on the day are read from the database; if one the
calculation needs is missing, nothing is computed and the ValidationError says, in Danish, which one.

One month of earnings = hourly wage × hours per week × 52/12 weeks.
Benefit with earnings E (kr. per month), B = rate + supplements:
  1. disregard F = monthly disregard + per-hour disregard × worked hours (up to the rule's hour limit);
  2. soft benefit = max(0, B − reduction % × max(0, E − F));
  3. if the rule has a krone-for-krone limit T = its % of the maximum dagpenge rate: once benefit + earnings would
     exceed max(T, B), every further krone is deducted: benefit = min(soft benefit, max(0, max(T, B) − E)).
Income = benefit + earnings (before tax).

NOT modelled (said on the page too): income tax and AM-bidrag, ATP, holiday pay, boligstøtte and its cap, a
spouse's income and assets, the temporary adjustment supplement (midlertidigt tilpasningstillæg), fritidstillæg,
sanctions, and what happens to the right to help once the citizen is self-supporting.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import SCHEME_CATEGORIES, AgeBand, Category, RateKind, Scheme
from .models import EarningsRule, Rate, in_force

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
MAX_HOURS_PER_WEEK = Decimal(60)
MAX_HOURLY_WAGE = Decimal(1000)  # kr.; above this the figure is a typing error, not a wage for these jobs
SERIES_HOURS = [0, 5, 10, 15, 20, 25, 30, 37]
CENT = Decimal("0.01")


def kr(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Situation:
    scheme: str
    category: str
    day: dt.date
    hourly_wage: Decimal
    hours_per_week: Decimal
    provider: bool = False  # forsørger for children under 18
    single: bool = False  # enlig
    activity_ready: bool = False  # aktivitetsparat
    age_band: str = ""  # AgeBand, for særligt ungetillæg


@dataclass
class Used:
    """A rate or rule the result stands on, shown with its source and whether it is confirmed."""
    label: str
    value: str
    source: str
    confirmed: bool
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class Month:
    hours_per_week: Decimal
    earnings: Decimal
    benefit: Decimal
    deduction: Decimal

    @property
    def income(self) -> Decimal:
        return self.earnings + self.benefit


@dataclass
class Row:
    hours_per_week: Decimal
    earnings: Decimal
    benefit: Decimal
    income: Decimal
    gain: Decimal
    keep_per_hour: Decimal  # of the next hour's wage, what stays with the citizen
    is_chosen: bool = False


@dataclass
class Result:
    situation: Situation
    without: Month
    with_hours: Month
    keep_per_hour: Decimal
    keep_share: Decimal  # percent of the hourly wage
    benefit_stops_at: Decimal | None  # hours per week where the benefit reaches 0 (None: not within 60)
    rows: list[Row]
    used: list[Used] = field(default_factory=list)

    @property
    def gain(self) -> Decimal:
        return self.with_hours.income - self.without.income

    @property
    def unconfirmed(self) -> bool:
        return any(not u.confirmed for u in self.used)


@dataclass
class Rules:
    base: Decimal
    supplements: Decimal
    rule: EarningsRule
    limit: Decimal | None  # the krone-for-krone limit T, kr. per month
    used: list[Used]


def _day(day: dt.date) -> str:
    return date_format(day, "j. F Y")


def check_situation(s: Situation) -> None:
    """Input that makes no sense is refused with a Danish message per field (nothing is computed)."""
    problems = {}
    if s.scheme not in SCHEME_CATEGORIES:
        problems["scheme"] = _("Vælg en ydelse fra listen.")
    elif s.category not in SCHEME_CATEGORIES[s.scheme]:
        problems["category"] = _("Satskategorien findes ikke for den valgte ydelse.")
    if s.hours_per_week is None or s.hours_per_week < 0:
        problems["hours_per_week"] = _("Timer pr. uge kan ikke være negative.")
    elif s.hours_per_week > MAX_HOURS_PER_WEEK:
        problems["hours_per_week"] = _("Mere end 60 timer om ugen giver ikke mening her.")
    if s.hourly_wage is None or s.hourly_wage <= 0:
        problems["hourly_wage"] = _("Timelønnen skal være over 0 kr.")
    elif s.hourly_wage > MAX_HOURLY_WAGE:
        problems["hourly_wage"] = _("En timeløn over 1.000 kr. er ikke realistisk her. Tjek beløbet.")
    if s.age_band and s.age_band not in AgeBand.values:
        problems["age_band"] = _("Vælg en alder fra listen.")
    if s.category == Category.HJEMMEBOENDE and s.provider:
        problems["provider"] = _("Satsen for hjemmeboende gælder ikke, når man forsørger eget barn.")
    if problems:
        raise ValidationError(problems)


def _used(row, label, value) -> Used:
    return Used(label=label, value=value, source=row.source, confirmed=row.confirmed, valid_from=row.valid_from,
                valid_to=row.valid_to)


def _money(value: Decimal) -> str:
    return f"{kr(value):,.2f} kr.".replace(",", "X").replace(".", ",").replace("X", ".")


def _rate(s: Situation, kind: str, category: str = "") -> Rate:
    row = in_force(Rate.objects.filter(scheme=s.scheme, kind=kind, category=category), s.day).first()
    if row is None:
        what = Category(category).label if kind == RateKind.BASE else RateKind(kind).label
        raise ValidationError(_(
            "Der er ingen sats for %(scheme)s, %(what)s, der gælder %(day)s. Beregningen kan ikke laves, før en "
            "administrator har lagt satsen ind med sin kilde.") % {
            "scheme": Scheme(s.scheme).label.lower(), "what": str(what).lower(), "day": _day(s.day)})
    return row


def supplement_kinds(s: Situation) -> list[str]:
    """Kontanthjælp's supplements the situation gives right to (kalundborg.dk, "Tillæg til kontanthjælp")."""
    if s.scheme != Scheme.KONTANTHJAELP:
        return []
    kinds = []
    if s.provider:
        kinds.append(RateKind.CHILD)  # one børnetillæg whatever the number of children
    if s.provider and s.single and s.category in (Category.MINDSTESATS, Category.GRUNDSATS):
        kinds.append(RateKind.SINGLE_PROVIDER)
    if s.single and not s.provider and s.category in (Category.GRUNDSATS, Category.FORHOEJET):
        kinds.append(RateKind.SINGLE_NON_PROVIDER)
    if s.activity_ready and s.category == Category.GRUNDSATS and s.age_band != AgeBand.FROM_30:
        if s.provider:
            kinds.append(RateKind.YOUTH_PROVIDER)
        elif s.age_band == AgeBand.UNDER_25:
            kinds.append(RateKind.YOUTH_18_24)
        elif s.age_band == AgeBand.FROM_25_TO_29:
            kinds.append(RateKind.YOUTH_25_29)
    return kinds


def rules_for(s: Situation) -> Rules:
    """The rate, supplements and earnings rule in force on the day; a missing one refuses the calculation."""
    base = _rate(s, RateKind.BASE, s.category)
    used = [_used(base, _("Sats: %(category)s") % {"category": Category(s.category).label}, _money(base.amount))]
    supplements = Decimal(0)
    for kind in supplement_kinds(s):
        row = _rate(s, kind)
        supplements += row.amount
        used.append(_used(row, RateKind(kind).label, _money(row.amount)))
    rule = in_force(EarningsRule.objects.filter(scheme=s.scheme, category=s.category), s.day).first()
    if rule is None:
        raise ValidationError(_(
            "Der er ingen regel for, hvordan løn trækkes i %(scheme)s (%(category)s), der gælder %(day)s. "
            "Beregningen kan ikke laves, før en administrator har lagt reglen ind med sin kilde.") % {
            "scheme": Scheme(s.scheme).label.lower(), "category": Category(s.category).label.lower(),
            "day": _day(s.day)})
    used.append(_used(rule, _("Fradrag for løn"), rule_text(rule)))
    limit = None
    if rule.full_deduction_at_percent is not None:
        top = _rate(s, RateKind.MAX_DAGPENGE)
        limit = top.amount * rule.full_deduction_at_percent / 100
        used.append(_used(top, RateKind.MAX_DAGPENGE.label, _money(top.amount)))
    return Rules(base=base.amount, supplements=supplements, rule=rule, limit=limit, used=used)


def rule_text(rule: EarningsRule) -> str:
    parts = []
    if rule.disregard_monthly:
        parts.append(_("%(amount)s pr. måned trækkes ikke") % {"amount": _money(rule.disregard_monthly)})
    if rule.disregard_per_hour:
        parts.append(_("%(amount)s pr. arbejdstime trækkes ikke") % {"amount": _money(rule.disregard_per_hour)}
                     + (_(" (højst %(hours)s timer pr. måned)") % {"hours": rule.disregard_max_hours}
                        if rule.disregard_max_hours else ""))
    if not parts:
        parts.append(_("intet fribeløb"))
    percent = f"{rule.reduction_percent.normalize():f}".replace(".", ",")
    parts.append(_("derefter trækkes %(percent)s %% af lønnen") % {"percent": percent})
    if rule.full_deduction_at_percent is not None:
        limit = f"{rule.full_deduction_at_percent.normalize():f}".replace(".", ",")
        parts.append(_("krone for krone, når hjælp og løn tilsammen når %(percent)s %% af højeste dagpengesats")
                     % {"percent": limit})
    return "; ".join(parts)


def month(rules: Rules, *, hourly_wage: Decimal, hours_per_week: Decimal) -> Month:
    """One month with the given hours (exact Decimals; round only for display)."""
    rule = rules.rule
    hours = hours_per_week * WEEKS_PER_MONTH
    earnings = hourly_wage * hours
    counted_hours = min(hours, Decimal(rule.disregard_max_hours)) if rule.disregard_max_hours else hours
    disregard = rule.disregard_monthly + rule.disregard_per_hour * counted_hours
    full = rules.base + rules.supplements
    benefit = max(Decimal(0), full - rule.reduction_percent / 100 * max(Decimal(0), earnings - disregard))
    if rules.limit is not None:
        ceiling = max(rules.limit, full)
        benefit = min(benefit, max(Decimal(0), ceiling - earnings))
    return Month(hours_per_week=hours_per_week, earnings=earnings, benefit=benefit, deduction=full - benefit)


def benefit_stops_at(rules: Rules, *, hourly_wage: Decimal) -> Decimal | None:
    """The hours per week (one decimal, rounded up) from which the benefit is 0; None if not within 60 hours."""
    if month(rules, hourly_wage=hourly_wage, hours_per_week=MAX_HOURS_PER_WEEK).benefit > 0:
        return None
    low, high = Decimal(0), MAX_HOURS_PER_WEEK
    while high - low > Decimal("0.01"):  # the benefit falls as hours rise: bisect
        mid = (low + high) / 2
        if month(rules, hourly_wage=hourly_wage, hours_per_week=mid).benefit > 0:
            low = mid
        else:
            high = mid
    return high.quantize(Decimal("0.1"), rounding="ROUND_UP")


def keep_of_next_hour(rules: Rules, *, hourly_wage: Decimal, hours_per_week: Decimal) -> Decimal:
    """What the citizen keeps of one more hour worked (kr.), at these hours: the slope of income just above them."""
    step = Decimal("0.01")  # hours per week; income is piecewise linear, so a small step gives the slope
    here = month(rules, hourly_wage=hourly_wage, hours_per_week=hours_per_week).income
    there = month(rules, hourly_wage=hourly_wage, hours_per_week=hours_per_week + step).income
    return (there - here) / (step * WEEKS_PER_MONTH)


def calculate(s: Situation) -> Result:
    check_situation(s)
    rules = rules_for(s)
    without = month(rules, hourly_wage=s.hourly_wage, hours_per_week=Decimal(0))
    chosen = month(rules, hourly_wage=s.hourly_wage, hours_per_week=s.hours_per_week)
    keep = keep_of_next_hour(rules, hourly_wage=s.hourly_wage, hours_per_week=s.hours_per_week)
    hours_list = sorted({Decimal(h) for h in SERIES_HOURS} | {s.hours_per_week})
    rows = []
    for h in hours_list:
        m = month(rules, hourly_wage=s.hourly_wage, hours_per_week=h)
        rows.append(Row(hours_per_week=h, earnings=kr(m.earnings), benefit=kr(m.benefit), income=kr(m.income),
                        gain=kr(m.income - without.income),
                        keep_per_hour=kr(keep_of_next_hour(rules, hourly_wage=s.hourly_wage, hours_per_week=h)),
                        is_chosen=h == s.hours_per_week))
    return Result(situation=s, without=without, with_hours=chosen, keep_per_hour=kr(keep),
                  keep_share=(keep / s.hourly_wage * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP),
                  benefit_stops_at=benefit_stops_at(rules, hourly_wage=s.hourly_wage), rows=rows, used=rules.used)
