"""What a company sees of the candidates a jobformidler sent it: only what each citizen consented to share on Min
side (citizen_portal.CandidateConsent, the newest row in force): the name, the tasks they can (the CV's tasks), the
hours they want (the CV's wished hours). Never CPR, age, address, health or accommodations.

A candidate without consent in force — never given, or withdrawn (the newest row shares nothing) — is shown as
"Kandidat N" (N: the order in which the opening's candidates were put on the list) with nothing personal, and
cannot be invited to a conversation; the company may still decline. No access control or logging here: the
portal views look entries up through request.company and log each view."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jobspor.citizen_portal.models import CandidateConsent
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import Cv, CvItem

from .models import ShortlistEntry

SHARED, NONE, WITHDRAWN = "shared", "none", "withdrawn"


def consent_refusal(state: str) -> str:
    if state == WITHDRAWN:
        return _("Borgeren har trukket sit samtykke til at dele oplysninger med virksomheder tilbage. Kandidaten "
                 "kan derfor ikke inviteres til samtale – kontakt jeres jobformidler.")
    return _("Borgeren har ikke givet samtykke til at dele oplysninger med virksomheder. Kandidaten kan derfor "
             "ikke inviteres til samtale – kontakt jeres jobformidler.")


def consent_states(citizen_ids) -> dict[int, tuple[str, CandidateConsent | None]]:
    """citizen id → (state, consent in force): one query. The same order as citizen_portal.consent_current."""
    rows = defaultdict(list)
    for consent in CandidateConsent.objects.filter(citizen_id__in=set(citizen_ids)).order_by("citizen_id",
                                                                                            "-given_at", "-id"):
        rows[consent.citizen_id].append(consent)
    states = {}
    for citizen_id in citizen_ids:
        history = rows.get(citizen_id, [])
        current = history[0] if history else None
        if current is not None and current.shares_anything:
            states[citizen_id] = (SHARED, current)
        elif any(c.shares_anything for c in history):
            states[citizen_id] = (WITHDRAWN, None)
        else:
            states[citizen_id] = (NONE, None)
    return states


@dataclass
class CandidateCard:
    entry: ShortlistEntry
    number: int
    state: str
    name: str = ""
    tasks: list = field(default_factory=list)
    hours: int | None = None
    shares_tasks: bool = False
    shares_hours: bool = False

    @property
    def label(self) -> str:
        return self.name or _("Kandidat %(n)d") % {"n": self.number}

    @property
    def can_accept(self) -> bool:
        return self.state == SHARED

    @property
    def refusal(self) -> str:
        return "" if self.can_accept else consent_refusal(self.state)


def company_entries(company):
    """The candidates sent to the company (entries not yet sent are the jobformidler's working list)."""
    return (ShortlistEntry.objects.filter(opening__company=company, sent_on__isnull=False)
            .select_related("opening", "case"))


def candidate_cards(entries) -> list[CandidateCard]:
    entries = list(entries)
    if not entries:
        return []
    openings = {e.opening_id for e in entries}
    numbers = {}
    for pks in _sent_per_opening(openings).values():
        for n, pk in enumerate(pks, start=1):
            numbers[pk] = n
    citizen_ids = [e.case.citizen_id for e in entries]
    states = consent_states(citizen_ids)
    sharing = {cid for cid, (state, _c) in states.items() if state == SHARED}
    names = dict(_names(sharing))
    tasks = defaultdict(list)
    for citizen_id, text in (CvItem.objects.filter(cv__citizen_id__in=sharing, kind=ItemKind.TASK)
                             .order_by("position", "id").values_list("cv__citizen_id", "text")):
        tasks[citizen_id].append(text)
    hours = dict(Cv.objects.filter(citizen_id__in=sharing).values_list("citizen_id", "hours_wanted"))
    cards = []
    for entry in entries:
        cid = entry.case.citizen_id
        state, consent = states[cid]
        card = CandidateCard(entry=entry, number=numbers.get(entry.pk, 0), state=state)
        if consent is not None:
            card.name = names.get(cid, "") if consent.share_name else ""
            card.shares_tasks, card.shares_hours = consent.share_tasks, consent.share_hours
            card.tasks = tasks.get(cid, []) if consent.share_tasks else []
            card.hours = hours.get(cid) if consent.share_hours else None
        cards.append(card)
    return cards


def _sent_per_opening(opening_ids):
    result = defaultdict(list)
    for opening_id, pk in (ShortlistEntry.objects.filter(opening_id__in=opening_ids, sent_on__isnull=False)
                           .order_by("opening_id", "id").values_list("opening_id", "pk")):
        result[opening_id].append(pk)
    return result


def _names(citizen_ids):
    from jobspor.citizens.models import Citizen

    return Citizen.objects.filter(pk__in=citizen_ids).values_list("pk", "name")
