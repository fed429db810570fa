"""The stalled rule from the contact facts kept per case (kpi.CaseFacts: first and last contact, open planned
actions): after every kind of write to contacts and planned actions — bulk_create, queryset update, delete, raw SQL,
the services — the kept columns equal a full recomputation, the dashboard's two stalled counts equal the rule read
straight from the contacts and actions (selectors.stalled_recomputed_q, both forms, and
stalled_weekly_recomputed_q) on days before, on and after the contacts, and the stalled list (order, last contact,
open action, in placement) equals its definition before the kept facts (old_stalled_cases below)."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery

from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q
from jobspor.contacts.choices import CONVERSATION_KINDS
from jobspor.contacts.models import Contact, PlannedAction
from jobspor.contacts.selectors import in_company_placement_q, stalled_cases_qs
from jobspor.contacts.services import action_done, action_plan, contact_log
from jobspor.kpi import selectors
from jobspor.kpi.facts import facts_refresh
from jobspor.kpi.models import CaseFacts, CaseFactsChange
from jobspor.testing.factories import EmployeeFactory

from . import scenario

pytestmark = pytest.mark.django_db
REF = dt.date(2025, 6, 15)
DAYS = [REF, REF - dt.timedelta(days=7), REF - dt.timedelta(days=30), REF - dt.timedelta(days=31),
        REF - dt.timedelta(days=90), REF + dt.timedelta(days=25)]


def old_stalled_cases(*, employee, scope, today):
    """contacts.selectors.stalled_cases_qs as it was before the kept facts (the reference)."""
    from jobspor.contacts.selectors import stalled_before_placement_days, stalled_days

    cutoff = today - dt.timedelta(days=stalled_days())
    weekly_cutoff = today - dt.timedelta(days=stalled_before_placement_days())
    last = Contact.objects.filter(case=OuterRef("pk")).order_by("-date").values("date")[:1]
    open_action = PlannedAction.objects.filter(case=OuterRef("pk"), done_on__isnull=True)
    cases = Case.objects.filter(case_scope_q(employee), closed__isnull=True)
    if not employee.sees_team_cases:
        cases = cases.filter(pk__in=CaseStaff.objects.filter(employee_id=employee.pk).exclude(role="mentor")
                             .values("case_id"))
    if scope == "mine":
        cases = cases.filter(pk__in=CaseStaff.objects.filter(employee_id=employee.pk).values("case_id"))
    elif scope == "team":
        cases = cases.filter(team_id=employee.team_id)

    def silent_since(day):
        return Q(last_contact__lt=day) | Q(last_contact__isnull=True, opened__lt=day)

    awaiting = (Q(fsm_group__isnull=True) | ~Q(fsm_group=3)) & Q(in_placement=False)
    return (cases.annotate(last_contact=Subquery(last), has_open_action=Exists(open_action),
                           in_placement=in_company_placement_q(today))
            .filter(silent_since(cutoff) | Q(has_open_action=False) | (awaiting & silent_since(weekly_cutoff)))
            .order_by(F("last_contact").asc(nulls_first=True), "opened", "pk"))


def listed(qs):
    return [(c.pk, c.last_contact, c.has_open_action, c.in_placement) for c in qs]


def ids(q, on):
    return sorted(Case.objects.filter(q, opened__lte=on).values_list("pk", flat=True))


def assert_kept_equals_recomputed(employees):
    facts_refresh()
    assert not CaseFactsChange.objects.exists()
    dates = {r["case_id"]: (r["first"], r["last"]) for r in Contact.objects.values("case_id").annotate(
        first=Min("date"), last=Max("date"))}
    actions = dict(PlannedAction.objects.filter(done_on__isnull=True).values("case_id").annotate(n=Count("id"))
                   .values_list("case_id", "n"))
    kept = {f.case_id: (f.first_contact_on, f.last_contact_on, f.open_actions) for f in CaseFacts.objects.all()}
    assert kept == {pk: (*dates.get(pk, (None, None)), actions.get(pk, 0))
                    for pk in Case.objects.values_list("pk", flat=True)}
    # Makkerskab's first conversation: the earliest conversation, then the lowest id (its old subquery)
    conversation = Contact.objects.filter(case_id=OuterRef("pk"), kind__in=CONVERSATION_KINDS).order_by("date", "id")
    assert {f.case_id: (f.first_conversation_on, f.first_conversation_id) for f in CaseFacts.objects.all()} == {
        pk: (on, contact) for pk, on, contact in Case.objects.annotate(
            on=Subquery(conversation.values("date")[:1]), contact=Subquery(conversation.values("pk")[:1]))
        .values_list("pk", "on", "contact")}
    for on in DAYS:
        stalled = ids(selectors.stalled_q(on), on)
        assert stalled == ids(selectors.stalled_recomputed_q(on), on) == ids(
            selectors.stalled_recomputed_q(on, True), on), on
        assert ids(selectors.stalled_weekly_q(on), on) == ids(selectors.stalled_weekly_recomputed_q(on), on), on
        for employee in employees:
            for scope in ("mine", "team", "alle"):
                assert listed(stalled_cases_qs(employee=employee, scope=scope, today=on)) == listed(
                    old_stalled_cases(employee=employee, scope=scope, today=on)), (on, employee, scope)
    return stalled


def random_contacts(rng, cases, staff, n, prefix):
    return [Contact(external_id=f"{prefix}-{i}", case=rng.choice(cases), employee=rng.choice(staff),
                    kind="jobsamtale", date=REF + dt.timedelta(days=rng.choice([-120, -45, -31, -30, -29, -8, -7,
                                                                                  -6, -1, 0, 1, 5, 20, 26, 40])))
            for i in range(n)]


def test_kept_contact_facts_follow_every_writer():
    rng = random.Random(35)
    data = scenario.build(35, citizens=40, key_dates=[REF])
    staff = data["staff"]
    leader = EmployeeFactory(team=data["teams"][0], roles=["leder"])
    employees = [leader, staff[0]]
    cases = list(Case.objects.order_by("pk"))
    for case in cases[:30]:  # the list's "mine": some cases of staff[0]
        CaseStaff.objects.get_or_create(case=case, employee=staff[0], defaults={"role": "jobformidler"})
    assert_kept_equals_recomputed(employees)

    # bulk_create: contacts before, on and after the days looked at; planned actions, some done
    Contact.objects.bulk_create(random_contacts(rng, cases, staff, 120, "CF"))
    PlannedAction.objects.bulk_create([
        PlannedAction(case=rng.choice(cases), title="Ring", owner=rng.choice(staff), due=REF,
                      done_on=REF if rng.random() < 0.4 else None) for _i in range(50)])
    first = assert_kept_equals_recomputed(employees)
    assert 0 < len(first) < Case.objects.filter(opened__lte=REF).count()

    # queryset update: dates moved (into and out of the window), contacts to another case, actions done and undone
    Contact.objects.filter(pk__in=Contact.objects.order_by("pk").values("pk")[:15]).update(date=REF)
    Contact.objects.filter(pk__in=Contact.objects.order_by("-pk").values("pk")[:10]).update(
        date=REF - dt.timedelta(days=200))
    Contact.objects.filter(pk__in=Contact.objects.order_by("pk").values("pk")[20:30]).update(case=cases[0])
    Contact.objects.filter(pk__in=Contact.objects.order_by("pk").values("pk")[30:45]).update(kind="telefon")
    PlannedAction.objects.filter(pk__in=PlannedAction.objects.filter(done_on__isnull=True).values("pk")[:8]).update(
        done_on=REF)
    PlannedAction.objects.filter(pk__in=PlannedAction.objects.filter(done_on__isnull=False).values("pk")[:3]).update(
        done_on=None)
    PlannedAction.objects.filter(pk__in=PlannedAction.objects.values("pk")[:2]).update(case=cases[1])
    assert_kept_equals_recomputed(employees)

    # delete
    Contact.objects.filter(pk__in=Contact.objects.order_by("pk").values("pk")[30:50]).delete()
    PlannedAction.objects.filter(pk__in=PlannedAction.objects.order_by("pk").values("pk")[:6]).delete()
    assert_kept_equals_recomputed(employees)

    # raw SQL
    contact = Contact.objects.order_by("pk").first()
    action = PlannedAction.objects.filter(done_on__isnull=True).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE contacts_contact SET date = %s WHERE id = %s", [REF + dt.timedelta(days=3), contact.pk])
        cursor.execute("UPDATE contacts_contact SET case_id = %s WHERE id = %s",
                       [cases[2].pk, Contact.objects.order_by("-pk").first().pk])
        cursor.execute("DELETE FROM contacts_contact WHERE id = %s", [Contact.objects.order_by("pk")[1].pk])
        cursor.execute("UPDATE contacts_contact SET kind = 'besked' WHERE id = %s",
                       [Contact.objects.order_by("pk")[2].pk])
        cursor.execute("UPDATE contacts_contact SET kind = 'visitation' WHERE id IN (SELECT id FROM contacts_contact "
                       "WHERE kind = 'telefon' ORDER BY id LIMIT 3)")
        cursor.execute("UPDATE contacts_plannedaction SET done_on = %s WHERE id = %s", [REF, action.pk])
        cursor.execute("DELETE FROM contacts_plannedaction WHERE id = %s",
                       [PlannedAction.objects.order_by("-pk").first().pk])
    assert_kept_equals_recomputed(employees)

    # the services: a contact logged, an action planned and one done
    case = Case.objects.filter(closed__isnull=True, opened__lte=REF - dt.timedelta(days=30)).order_by("pk").last()
    primary = staff[0]
    contact_log(actor=None, case=case, employee=primary, date=REF - dt.timedelta(days=2), kind="jobsamtale",
                note="Samtale", today=REF)
    planned = action_plan(actor=None, case=case, title="Opfølgning", owner=primary, due=REF)
    assert_kept_equals_recomputed(employees)
    action_done(actor=None, action=planned, on=REF)
    assert_kept_equals_recomputed(employees)
