"""The dashboard's choice of unit, period and filters. Bad input gives a Danish message at the field."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import Benefit, FsmGroup, TargetGroup
from jobspor.citizens.models import Sex
from jobspor.core.forms import Form, ModelForm
from jobspor.core.versioning import VersionedFormMixin
from jobspor.organisation.models import Department, Employee, Team

from .engine import AGE_BANDS, KpiQuery

AGE_BAND_LABELS = {"under30": _("Under 30 år"), "30-39": _("30–39 år"), "40-49": _("40–49 år"),
                   "50-59": _("50–59 år"), "60plus": _("60 år og derover")}
MAX_DAYS = 3 * 366
UNIT_FIELDS = ("department", "team", "employee")


def _blank(choices):
    return [("", _("Alle")), *[(str(v), label) for v, label in choices]]


class DashboardForm(Form):
    start = forms.DateField(label=_("Fra"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Til"), widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ModelChoiceField(Department.objects.order_by("name"), required=False,
                                        label=_("Afdeling"), empty_label=_("Hele jobcentret"))
    team = forms.ModelChoiceField(Team.objects.order_by("name"), required=False, label=_("Team"),
                                  empty_label=_("Alle teams"))
    employee = forms.ModelChoiceField(Employee.objects.filter(is_active=True).order_by("name"), required=False,
                                      label=_("Primær kontaktperson"), empty_label=_("Alle medarbejdere"))
    fsm_group = forms.TypedChoiceField(choices=_blank(FsmGroup.choices), coerce=int, empty_value=None,
                                       required=False, label=_("'Flere skal med'-gruppe"))
    target_group = forms.TypedChoiceField(choices=_blank(TargetGroup.choices), coerce=int, empty_value=None,
                                          required=False, label=_("Hovedmålgruppe"))
    benefit = forms.ChoiceField(choices=_blank(Benefit.choices), required=False, label=_("Ydelse"))
    sex = forms.ChoiceField(choices=_blank(Sex.choices), required=False, label=_("Køn"))
    age_band = forms.ChoiceField(choices=_blank([(k, AGE_BAND_LABELS[k]) for k in AGE_BANDS]), required=False,
                                 label=_("Alder ved periodens start"))

    error_messages = {
        "invalid_choice": _("Vælg en af mulighederne på listen."),
    }

    def __init__(self, data=None, *, employee=None, today=None):
        today = today or timezone.localdate()
        initial = {"start": dt.date(today.year, 1, 1), "end": today}
        if data is not None:
            data = data.copy()
            for key, value in initial.items():
                if not data.get(key):
                    data[key] = value.isoformat()
        super().__init__(data, initial=initial)
        self.employee = employee
        self.today = today
        for name in ("start", "end"):
            self.fields[name].error_messages.update({"required": _("Angiv en dato."),
                                                     "invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")})
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Vælg en af mulighederne på listen.")
        if employee is not None and not employee.is_manager:
            # Staff who are not leaders see their own team's figures and their own caseload only.
            self.fields["department"].queryset = Department.objects.none()
            self.fields["team"].queryset = Team.objects.filter(pk=employee.team_id)
            self.fields["team"].empty_label = None
            self.fields["employee"].queryset = Employee.objects.filter(team_id=employee.team_id, is_active=True)
            own = employee.team.name if employee.team_id else _("dit team")
            for name in UNIT_FIELDS:
                self.fields[name].error_messages["invalid_choice"] = format_lazy(
                    _("Du kan kun se tal for dit eget team ({team}). Vælg det, eller spørg din leder."), team=own)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Perioden slutter før den begynder: vælg en slutdato på eller efter "
                                        "startdatoen."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Vælg en periode på højst tre år."))
            elif start > self.today:
                self.add_error("start", _("Perioden er ikke begyndt endnu, så der er ingen tal at vise. "
                                          "Vælg en startdato til og med i dag."))
        team, department, employee = data.get("team"), data.get("department"), data.get("employee")
        if team and department and team.department_id != department.pk:
            self.add_error("team", _("Teamet hører ikke til den valgte afdeling."))
        if employee and team and employee.team_id != team.pk:
            self.add_error("employee", _("Medarbejderen er ikke i det valgte team."))
        if self.employee is not None and not self.employee.is_manager and not team and not self.errors:
            data["team"] = self.employee.team
        return data

    def refused(self) -> bool:
        """A unit the viewer may not see was asked for (the answer is a message and no number, logged)."""
        errors = self.errors.as_data()
        return any(e.code == "invalid_choice" for name in UNIT_FIELDS for e in errors.get(name, []))

    def describe(self) -> list[str]:
        """What the figures cover, in words, for page headings and the first rows of exports (issue 14, point 8):
        the unit, the period and every filter chosen."""
        from django.utils.formats import date_format

        data = self.cleaned_data
        _level, unit = self.level()
        lines = [str(_("Enhed: %(unit)s")) % {"unit": unit},
                 str(_("Periode: %(start)s–%(end)s")) % {"start": date_format(data["start"], "j. F Y"),
                                                         "end": date_format(data["end"], "j. F Y")}]
        chosen = []
        for name in ("fsm_group", "target_group", "benefit", "sex", "age_band"):
            value = data.get(name)
            if value in (None, ""):
                continue
            label = dict(self.fields[name].choices).get(value, dict(self.fields[name].choices).get(str(value), value))
            chosen.append(f"{self.fields[name].label}: {label}")
        if data.get("employee") and data.get("team"):
            chosen.insert(0, f"{self.fields['team'].label}: {data['team'].name}")
        lines.append(str(_("Filtre: %(filters)s")) % {"filters": "; ".join(chosen) if chosen else _("ingen")})
        return lines

    # --- the query ---------------------------------------------------------------------------------------

    def level(self):
        data = self.cleaned_data
        if data.get("employee"):
            return "employee", data["employee"].name
        if data.get("team"):
            return "team", data["team"].name
        if data.get("department"):
            return "department", data["department"].name
        return "jobcentre", _("Hele jobcentret")

    def team_ids(self):
        data = self.cleaned_data
        if data.get("team"):
            return (data["team"].pk,)
        if data.get("department"):
            return tuple(Team.objects.filter(department=data["department"]).values_list("pk", flat=True))
        return None

    def query(self, scope=None) -> KpiQuery:
        data = self.cleaned_data
        employee = data.get("employee")
        return KpiQuery(start=data["start"], end=data["end"], fsm_group=data.get("fsm_group"),
                        target_group=data.get("target_group"), benefit=data.get("benefit") or None,
                        team_ids=self.team_ids(), primary_contact_id=employee.pk if employee else None,
                        sex=data.get("sex") or None, age_band=data.get("age_band") or None, scope=scope)

    def params(self) -> dict:
        """The cleaned choices as GET parameters (for links to drill-downs and exports)."""
        out = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            out[name] = value.isoformat() if isinstance(value, dt.date) else getattr(value, "pk", value)
        return out


class GoalForm(ModelForm):
    milestones = forms.CharField(
        label=_("Milepæle"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én pr. linje: dato og procent, fx 2026-01-15 20"))

    class Meta:
        from .models import Goal

        model = Goal
        fields = ["title", "level", "department", "team", "employee", "measure", "fsm_group", "target_group",
                  "start", "deadline", "target_percent"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}),
                   "deadline": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "title": {"required": _("Giv målet en titel.")},
            "level": {"required": _("Vælg et niveau.")},
            "measure": {"required": _("Vælg et nøgletal.")},
            "start": {"required": _("Angiv en dato."), "invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")},
            "deadline": {"required": _("Angiv en dato."), "invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")},
            "target_percent": {"required": _("Skriv målet i procent."), "invalid": _("Skriv et tal, fx 40.")},
        }

    def __init__(self, *args, leader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.leader = leader
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Vælg en af mulighederne på listen.")
            field.error_messages.setdefault("max_digits", _("Skriv en procent mellem 0 og 100."))
            field.error_messages["max_digits"] = _("Skriv en procent mellem 0 og 100.")
            field.error_messages["max_whole_digits"] = _("Skriv en procent mellem 0 og 100.")
        self.fields["employee"].queryset = Employee.objects.filter(is_active=True).order_by("name")
        self.fields["team"].queryset = Team.objects.order_by("name")
        if leader is not None and leader.team_id is not None:
            self._limit_to_unit(leader)
        if self.instance.pk and not self.is_bound:
            self.initial["milestones"] = "\n".join(f"{m.due.isoformat()} {m.target_percent}"
                                                   for m in self.instance.milestones.all())

    def _limit_to_unit(self, leader):
        """A leader chooses among the units they lead; another unit's id gets a message saying so."""
        from jobspor.cases.permissions import visible_team_ids

        from .permissions import outside_unit_message

        teams = visible_team_ids(leader)
        self.fields["department"].queryset = Department.objects.filter(pk=leader.team.department_id)
        self.fields["team"].queryset = Team.objects.filter(pk__in=teams).order_by("name")
        self.fields["employee"].queryset = Employee.objects.filter(is_active=True, team_id__in=teams).order_by("name")
        for name in ("department", "team", "employee"):
            self.fields[name].error_messages["invalid_choice"] = outside_unit_message(leader)
        self.fields["level"].choices = [c for c in self.fields["level"].choices if c[0] != "jobcentre"]
        self.fields["level"].error_messages["invalid_choice"] = outside_unit_message(leader)

    def clean_milestones(self):
        from decimal import Decimal, InvalidOperation

        result = []
        for number, line in enumerate(self.cleaned_data.get("milestones", "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.replace("%", " ").split()
            try:
                due = dt.date.fromisoformat(parts[0])
                target = Decimal(parts[1].replace(",", "."))
            except (IndexError, ValueError, InvalidOperation):
                raise forms.ValidationError(_("Linje %(n)d: skriv dato og procent, fx 2026-01-15 20.")
                                            % {"n": number}) from None
            if len(parts) != 2:
                raise forms.ValidationError(_("Linje %(n)d: skriv dato og procent, fx 2026-01-15 20.")
                                            % {"n": number})
            result.append((due, target))
        return result

    def clean(self):
        """The service's rules at their fields (before the model's constraints would name no field)."""
        from django.core.exceptions import ValidationError

        from .models import Goal
        from .services import goal_validate

        data = super().clean()
        goal = Goal(**{k: v for k, v in data.items() if k != "milestones"})
        try:
            goal_validate(goal, data.get("milestones") or [])
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    if field in self.fields and field not in self.errors:
                        self.add_error(field, error)
        return data


class PlannedVisitationForm(VersionedFormMixin, Form):
    """A leader's planned number of visitations for a team and a quarter ('Flere skal med' criterion 1)."""

    version_fields = ("team", "year", "quarter", "planned")

    team = forms.ModelChoiceField(Team.objects.order_by("name"), label=_("Team"),
                                  error_messages={"required": _("Vælg et team.")})
    year = forms.IntegerField(label=_("År"), error_messages={"required": _("Skriv et årstal, fx 2026."),
                                                             "invalid": _("Skriv et årstal, fx 2026.")})
    quarter = forms.TypedChoiceField(label=_("Kvartal"), coerce=int,
                                     choices=[(q, f"{q}. kvartal") for q in (1, 2, 3, 4)],
                                     error_messages={"required": _("Vælg et kvartal.")})
    planned = forms.IntegerField(label=_("Planlagte visitationer"),
                                 help_text=_("Antal borgere, teamet planlægger at visitere til en 'Flere skal "
                                             "med'-gruppe i kvartalet."),
                                 error_messages={"required": _("Skriv det planlagte antal."),
                                                 "invalid": _("Skriv et helt tal, fx 12.")})

    def __init__(self, *args, leader=None, **kwargs):
        from jobspor.cases.permissions import visible_team_ids

        from .models import PlannedVisitation

        self.version_model = PlannedVisitation
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Vælg en af mulighederne på listen.")
        if leader is not None and leader.team_id is not None:
            from .permissions import unit_name

            self.fields["team"].queryset = Team.objects.filter(pk__in=visible_team_ids(leader)).order_by("name")
            self.fields["team"].error_messages["invalid_choice"] = _(
                "Du kan kun registrere planlagte visitationer for din egen enhed (%(unit)s).") % {
                "unit": unit_name(leader)}

    def clean_planned(self):
        planned = self.cleaned_data["planned"]
        if planned < 0:
            raise forms.ValidationError(_("Antallet af planlagte visitationer kan ikke være negativt. "
                                          "Skriv 0 eller flere."))
        return planned
