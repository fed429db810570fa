"""`company`: {"type":"company","id":"V1","cvr":"12345674","name":"Nordlager ApS","industry":"521000",
"sector":"privat","postal_code":"8200","employees":35}

Owner, relation level, contacts, interactions and the rest are not part of the format: an import keeps what
the database has (a new company from a file has no owner until one is chosen)."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.citizens.models import PostalCode as PostalCodeRow
from jobspor.companies.choices import Sector
from jobspor.companies.cvr import cvr_clean
from jobspor.companies.industries import industry_clean
from jobspor.companies.models import Company
from jobspor.companies.services import (
    companies_insert,
    company_build,
    company_upsert,
    company_upsert_needed,
)

from ..compiled import Slow, compiled_field, text_check
from ..errors import ImportRejected, LineError, problems_of
from ..fields import Code, JsonValue, Key, PostalCode, Text
from ..forms import RecordForm
from ..registry import RecordType, register


class Count(forms.Field):
    """A whole number ≥ 0 (a JSON number, not a text); null when not required."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være et heltal"),
                              "range": gettext_lazy("skal være mellem %(low)d og %(high)d")}

    def __init__(self, *, low=0, high=1_000_000, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = low, high

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.low <= value <= self.high:
            raise ValidationError(self.error_messages["range"], code="range",
                                  params={"low": self.low, "high": self.high})


class CvrText(Text):
    def clean(self, value):
        value = super().clean(value)
        return cvr_clean(value) if value else value


class IndustryCode(Text):
    def clean(self, value):
        value = super().clean(value)
        return industry_clean(value) if value else value


@compiled_field(Count)
def _count_check(field, ctx):
    """Count for a valid value: an int (not a bool) within low..high; null when not required."""
    required, low, high = field.required, field.low, field.high

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        if type(value) is not int or not low <= value <= high:
            raise Slow
        return value
    return check


def _cleaned_by(clean):
    def after(value):
        try:
            return clean(value)
        except ValidationError:
            raise Slow from None
    return after


@compiled_field(CvrText, text=True)
def _cvr_check(field, ctx):
    return text_check(field, ctx, after=_cleaned_by(cvr_clean))


@compiled_field(IndustryCode, text=True)
def _industry_check(field, ctx):
    return text_check(field, ctx, after=_cleaned_by(industry_clean))


class CompanyForm(RecordForm):
    id = Key()
    cvr = CvrText(max_length=10)
    name = Text(max_length=200)
    industry = IndustryCode(max_length=8)
    sector = Code(Sector.choices, unknown=gettext_lazy("ukendt sektor '%(value)s' (privat eller offentlig)"))
    postal_code = PostalCode(required=False)
    employees = Count(required=False)


@register
class CompanyRecord(RecordType):
    type = "company"
    form = CompanyForm
    model = Company

    def check_file(self, items, ctx):
        """One CVR number, one company: in the file and against the database."""
        problems = defaultdict(list)
        first = ctx.seen[self.type]  # CVR number -> (line, id) of its first record, across batches
        for number, data in items:
            other = first.setdefault(data["cvr"], (number, data["id"]))
            if other[1] != data["id"]:
                problems[number].append(("cvr", _("CVR-nummeret er også virksomhed '%(id)s' (linje %(line)d)")
                                         % {"id": other[1], "line": other[0]}))
        cvrs = list({data["cvr"] for _number, data in items})
        owners = dict(Company.objects.filter(cvr__in=cvrs).values_list("cvr", "external_id"))
        for number, data in items:
            owner = owners.get(data["cvr"])
            if owner is not None and owner != data["id"]:
                problems[number].append(("cvr", _("CVR-nummeret tilhører allerede virksomhed '%(id)s' i databasen")
                                         % {"id": owner}))
        return problems

    def write_batch(self, items, ctx):
        """New companies are built (company_build) and inserted together (companies_insert); one that exists is
        compared with the file's (one query for the batch), and only one that differs goes through company_upsert
        (so a second import of the same file writes nothing)."""
        existing = self.lookup_many(data["id"] for _number, data in items)
        postal_codes = PostalCodeRow.objects.in_bulk({data["postal_code"] for _n, data in items} - {None, ""})
        cvrs = [data["cvr"] for _number, data in items]
        taken = {}
        for start in range(0, len(cvrs), 500):
            taken.update({c.cvr: c for c in Company.objects.filter(cvr__in=cvrs[start:start + 500])})
        new = []
        for number, data in items:
            values = self._values(data)
            try:
                company = existing.get(data["id"])
                if company is None:
                    new.append(company_build(actor=ctx.actor, postal_codes=postal_codes, taken_cvrs=taken, **values))
                elif company_upsert_needed(company, **values):
                    company_upsert(actor=ctx.actor, **values)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        companies_insert(actor=ctx.actor, companies=new)

    def upsert(self, data, ctx):
        return company_upsert(actor=ctx.actor, **self._values(data))

    @staticmethod
    def _values(data) -> dict:
        return dict(external_id=data["id"], cvr=data["cvr"], name=data["name"], industry=data["industry"],
                    sector=data["sector"], postal_code=data["postal_code"] or None, employees=data["employees"])

    def export(self, ctx):
        for company in Company.objects.order_by("external_id").iterator(chunk_size=1000):
            yield {"type": self.type, "id": company.external_id, "cvr": company.cvr, "name": company.name,
                   "industry": company.industry, "sector": company.sector, "postal_code": company.postal_code_id,
                   "employees": company.employees}
