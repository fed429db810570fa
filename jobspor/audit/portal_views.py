"""Min side: "Hvem har set mine oplysninger" — the citizen's view of the access log, filterable by period and
organisation, paged, and downloadable as CSV or Excel."""

import csv
import io

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context
from jobspor.core.forms import Form

from . import citizen_log

PAGE_SIZE = 25
DOWNLOAD_MAX = 50_000  # a citizen's log over the 13 months' retention stays far below this


class AccessFilterForm(Form):
    fra = forms.DateField(label=gettext_lazy("Fra dato"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": gettext_lazy("Skriv en dato, fx 2026-01-31.")})
    til = forms.DateField(label=gettext_lazy("Til dato"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": gettext_lazy("Skriv en dato, fx 2026-01-31.")})
    enhed = forms.ChoiceField(label=gettext_lazy("Organisation"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhed"].choices = [("", _("Alle"))] + [(u, u) for u in units]

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Til-datoen ligger før fra-datoen."))
        return data


def _columns():
    columns = [("at", _("Tidspunkt")), ("unit", _("Organisation")), ("role", _("Rolle"))]
    if citizen_log.show_names():
        columns.append(("name", _("Medarbejder")))
    return columns + [("action", _("Hvad skete der")), ("what", _("Hvad blev set")), ("purpose", _("Formål"))]


def _text(value: str) -> str:
    """A text a spreadsheet will not take for a formula (a company or team name could start with "=")."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _cell(key, row):
    return row["at"].strftime("%d.%m.%Y %H:%M:%S") if key == "at" else _text(row[key])


def _csv(rows) -> HttpResponse:
    columns = _columns()
    out = io.StringIO()
    out.write("\ufeff")  # so Excel reads the Danish letters as UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow([label for _key, label in columns])
    for row in rows:
        writer.writerow([_cell(key, row) for key, _label in columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hvem-har-set-mine-oplysninger.csv"'
    return response


def _xlsx(rows) -> HttpResponse:
    from openpyxl import Workbook

    columns = _columns()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Hvem har set"))
    sheet.append([str(label) for _key, label in columns])
    for row in rows:
        sheet.append([row["at"].replace(tzinfo=None) if key == "at" else _text(row[key]) for key, _label in columns])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="hvem-har-set-mine-oplysninger.xlsx"'
    return response


@citizen_view
def access_log(request):
    """Every look-up of my data by others; my own reads are not in it."""
    everything = citizen_log.others_reads(citizen=request.citizen, own_user_id=request.user.pk)
    form = AccessFilterForm(request.GET or None, units=citizen_log.units(everything))
    rows = everything
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        rows = citizen_log.filtered(everything, date_from=d["fra"], date_to=d["til"], unit=d["enhed"])
    log_own_read(request)
    download = request.GET.get("format")
    if download in ("csv", "xlsx") and not form.errors:
        shown = (citizen_log.present(e) for e in rows[:DOWNLOAD_MAX].iterator(chunk_size=2000))
        return _csv(shown) if download == "csv" else _xlsx(shown)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    entries = [citizen_log.present(e) for e in page.object_list]
    query = request.GET.copy()
    query.pop("side", None)
    query.pop("format", None)
    return render(request, "audit/portal_access_log.html", portal_context(
        request, nav="access_log", form=form, page=page, entries=entries, show_names=citizen_log.show_names(),
        query=query.urlencode()), status=400 if form.errors else 200)
