"""What an access-log entry says was read: the tab of the case page or the page or document, in Danish.

access_log_write takes the subject from the request being served (see middleware.AccessLogContextMiddleware):
the URL name of the view ("cv:pdf", "placements:agreement_pdf"), or "fane:<key>" for a tab of the case page.
Commands have no request and no subject (their purpose names the command).
"""

from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _

current_request: ContextVar = ContextVar("jobspor_current_request", default=None)

TAB_PREFIX = "fane:"

# Pages and documents by URL name. A name not listed is shown as it is stored.
LABELS = {
    "cases:list": _("Sagsliste"),
    "cases:edit": _("Ret sagen"),
    "cases:cpr": _("Fuldt CPR-nummer"),
    "cases:citizen_edit": _("Ret borgerens oplysninger"),
    "cases:create": _("Opret sag"),
    "cases:assessment_new": _("Vurdering"),
    "cases:assessment_suggestion": _("Vurdering"),
    "cv:pdf": _("CV som PDF"),
    "placements:detail": _("Virksomhedsforløb"),
    "placements:agreement": _("Arbejdsaftale"),
    "placements:agreement_pdf": _("Arbejdsaftale som PDF"),
    "placements:agreement_edit": _("Arbejdsaftale"),
    "placements:sign": _("Underskrift af arbejdsaftale"),
    "placements:hours": _("Timer"),
    "placements:flagged": _("Forløb med flag"),
    "plans:plan_edit": _("Plan"),
    "plans:sub_goal_add": _("Plan"),
    "plans:sub_goal_edit": _("Plan"),
    "plans:note_add": _("Plan"),
    "contacts:edit": _("Journal"),
    "contacts:stalled": _("Sager i stå"),
    "mentors:assignment_new": _("Mentorforløb"),
    "mentors:assignment_edit": _("Mentorforløb"),
    "mentors:follow_up_add": _("Mentorforløb"),
    "forecast:record": _("Prognose"),
    "followup:my_tasks": _("Mine opgaver"),
    "kpi:drill": _("Sager bag et nøgletal"),
    "kpi:export": _("Eksport af nøgletal"),
    "matching:job_candidates": _("Kandidater til en jobåbning"),
    "matching:bulk": _("Samlet match"),
    "audit:citizen_access_log": _("Adgangslog"),
    "economy:case": _("Økonomiberegning"),
    "letters:detail": _("Brev"),
    "letters:pdf": _("Brev som PDF"),
    "appointments:new": _("Book møde"),
    "appointments:detail": _("Møde"),
    "appointments:edit": _("Møde"),
    "appointments:status": _("Møde"),
    "appointments:ics": _("Mødeinvitation (.ics)"),
    "appointments:calendar": _("Kalender"),
    "appointments:feed": _("Kalender-abonnement"),
}


def subject_of_request(request) -> str:
    """The subject of a request: its URL name (the caller gives the tab of the case page itself)."""
    match = getattr(request, "resolver_match", None)
    return (match.view_name or "")[:100] if match else ""


def subject_current() -> str:
    request = current_request.get()
    if request is None:
        return ""
    return getattr(request, "jobspor_access_subject", None) or subject_of_request(request)


def subject_set(subject: str) -> None:
    """What the rest of this request reads (the case page's open tab: its CV, journal … are logged under it)."""
    request = current_request.get()
    if request is not None:
        request.jobspor_access_subject = subject


def tab_subject(key: str) -> str:
    return f"{TAB_PREFIX}{key}"[:100]


def subject_label(subject: str) -> str:
    if not subject:
        return "–"
    if subject.startswith(TAB_PREFIX):
        from jobspor.cases.tabs import all_tabs

        key = subject.removeprefix(TAB_PREFIX)
        tab = next((t for t in all_tabs() if t.key == key), None)
        return str(_("Fanen %(tab)s") % {"tab": tab.label if tab else key})
    return str(LABELS.get(subject, subject))
