"""The Danish letter templates: each kind's subject and body, merged with the case's data (citizen, jobformidler,
jobcentre). The body is plain text the jobformidler can edit while the letter is a draft; the PDF puts it under the
letterhead (pdf.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .choices import LetterKind


@dataclass(frozen=True)
class Sender:
    jobcentre: str
    name: str  # the jobformidler (the case's primary contact), "" if none
    phone: str
    email: str


def sender_for(case) -> Sender:
    from jobspor.cases.models import CaseStaff

    link = (CaseStaff.objects.filter(case=case, is_primary=True)
            .select_related("employee__team__department__jobcentre").first())
    employee = link.employee if link else None
    jobcentre = ""
    team = case.team or (employee.team if employee else None)
    if team is not None and team.department_id and team.department.jobcentre_id:
        jobcentre = team.department.jobcentre.name
    return Sender(jobcentre=jobcentre or settings.JOBSPOR_LETTER_SENDER_NAME,
                  name=employee.name if employee else "", phone=employee.phone if employee else "",
                  email=employee.email if employee else "")


def _date(value) -> str:
    return formats.date_format(value, "j. F Y")


def _time(value) -> str:
    return formats.time_format(timezone.localtime(value), "H.i")


def greeting(case) -> str:
    return _("Kære %(name)s") % {"name": case.citizen.name}


def closing(sender: Sender) -> str:
    lines = [_("Med venlig hilsen"), sender.name or sender.jobcentre]
    if sender.name:
        lines.append(sender.jobcentre)
    contact = " · ".join(part for part in (sender.phone, sender.email) if part)
    if contact:
        lines.append(contact)
    return "\n".join(lines)


def meeting_text(case, *, start, end, place, video_link="") -> tuple[str, str]:
    sender = sender_for(case)
    when = _("%(day)s kl. %(start)s–%(end)s") % {
        "day": _date(timezone.localtime(start)), "start": _time(start), "end": _time(end)}
    lines = [greeting(case), "",
             _("Du er indkaldt til en samtale med %(who)s.") % {"who": sender.name or sender.jobcentre}, "",
             _("Tid: %(when)s") % {"when": when}, _("Sted: %(place)s") % {"place": place}]
    if video_link:
        lines.append(_("Videomøde: %(link)s") % {"link": video_link})
    lines += ["", _("Til samtalen taler vi om, hvordan det går, og hvad næste skridt mod job er."),
              _("Kan du ikke komme, så giv besked hurtigst muligt, så finder vi en ny tid. Udebliver du uden "
                "rimelig grund, kan det få betydning for din ydelse."), "", closing(sender)]
    return _("Indkaldelse til samtale %(when)s") % {"when": when}, "\n".join(lines)


def plan_text(case) -> tuple[str, str]:
    from jobspor.plans.models import Plan

    plan = Plan.objects.filter(case=case).prefetch_related("sub_goals").first()
    if plan is None:
        raise ValidationError(_("Sagen har ingen plan endnu. Læg planen under fanen «Plan» først."), code="no_plan")
    sender = sender_for(case)
    goal = plan.get_goal_display() + (f": {plan.goal_text}" if plan.goal_text else "")
    lines = [greeting(case), "", _("Her er din plan, som vi har lagt den sammen %(date)s.") % {
        "date": _date(plan.made)}, "", _("Dit mål: %(goal)s") % {"goal": goal}, ""]
    sub_goals = sorted(plan.sub_goals.all(), key=lambda s: (s.due, s.pk))
    if sub_goals:
        lines.append(_("Dine delmål:"))
        lines += [f"– {s.text} ({_('frist')} {_date(s.due)}, {s.get_status_display().lower()})" for s in sub_goals]
        lines.append("")
    lines += [_("Du kan altid se planen på Min side. Har du spørgsmål, så kontakt mig."), "", closing(sender)]
    return _("Din plan"), "\n".join(lines)


def agreement_text(case) -> tuple[str, str]:
    from jobspor.placements.documents import readable
    from jobspor.placements.models import WorkAgreement
    from jobspor.placements.services import agreement_document

    agreement = (WorkAgreement.objects.filter(placement__case=case)
                 .select_related("placement__company", "placement__contact", "placement__workplace",
                                 "placement__case__citizen")
                 .order_by("-placement__start", "-version").first())
    if agreement is None:
        raise ValidationError(_("Sagen har ingen arbejdsaftale. Opret virksomhedsforløbet og aftalen under fanen "
                                "«Forløb» først."), code="no_agreement")
    doc = readable(agreement_document(agreement))
    sender = sender_for(case)
    company = doc["company"]["name"] or agreement.placement.company.name
    lines = [greeting(case), "",
             _("Her er arbejdsaftalen for dit forløb hos %(company)s (version %(v)s).") % {
                 "company": company, "v": agreement.version}, ""]
    facts = [(_("Start"), doc["start"] and _date_iso(doc["start"])), (_("Timer om ugen"), doc["hours_per_week"]),
             (_("Arbejdssted"), doc["company"]["workplace"]), (_("Kontaktperson"), doc["company"]["contact"]),
             (_("Mål"), doc["goal"])]
    lines += [f"{label}: {value}" for label, value in facts if value]
    if doc["tasks"]:
        lines += ["", _("Dine opgaver:")] + [f"– {task}" for task in doc["tasks"]]
    if doc["conversion"]:
        lines += ["", _("Sådan bliver opgaver til ordinære timer:"), doc["conversion"]]
    if doc["support"]:
        lines += ["", _("Støtte undervejs:"), doc["support"]]
    lines += ["", _("Aftalen er underskrevet af alle parter.") if agreement.signed_on else
              _("Aftalen er ikke underskrevet af alle parter endnu."), "", closing(sender)]
    return _("Din arbejdsaftale med %(company)s") % {"company": company}, "\n".join(lines)


def _date_iso(value: str) -> str:
    import datetime as dt

    try:
        return _date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def free_text(case) -> tuple[str, str]:
    return "", "\n".join([greeting(case), "", "", "", closing(sender_for(case))])


def initial_text(case, kind) -> tuple[str, str]:
    """(subject, body) of a new letter of this kind (not the meeting invitation: it needs the meeting)."""
    if kind == LetterKind.PLAN:
        return plan_text(case)
    if kind == LetterKind.AGREEMENT:
        return agreement_text(case)
    return free_text(case)
