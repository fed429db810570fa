"""Answers to Test praksis: one per question per team per cycle (a second is refused in Danish, nothing
changes), concurrent edits do not overwrite each other, and the score counts yes 1, partly ½, no 0."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jobspor.audit.models import Event
from jobspor.core.versioning import Seen, StaleEdit
from jobspor.fidelity import selectors, services
from jobspor.fidelity.models import Answer, CaseloadNorm, Cycle, Question
from jobspor.testing.factories import EmployeeFactory, TeamFactory

TODAY = dt.date(2026, 5, 20)
Q2 = dt.date(2026, 4, 1)
NEW = Seen(0)  # a form opened before there was an answer


@pytest.fixture
def setting(db):
    team = TeamFactory(name="Team Nord")
    leader = EmployeeFactory(team=team, roles=["leder"], name="Lene Leder")
    member = EmployeeFactory(team=team, roles=["jobformidler"], name="Jonas Formidler")
    return {"team": team, "leader": leader, "member": member, "q": Question.objects.get(code="1.1")}


def save(setting, *, who="leader", value="yes", seen=NEW, question=None, **extra):
    employee = setting[who]
    return services.answer_save(actor=employee.user, employee=employee, team=setting["team"], start=Q2,
                                question=question or setting["q"], value=value, seen=seen, today=TODAY, **extra)


def test_an_answer_is_saved_with_its_action_and_an_event(setting):
    answer = save(setting, value="partly", note="Kun nogle gange", action="Tag det op på teammødet",
                  action_owner=setting["member"], action_due=dt.date(2026, 6, 1))
    assert answer.cycle.team == setting["team"] and answer.cycle.end == dt.date(2026, 6, 30)
    assert answer.answered_by == setting["leader"]
    event = Event.objects.get(verb="fidelity_answered")
    assert event.after["value"] == "partly" and event.after["question"] == "1.1"


def test_answering_twice_in_one_cycle_is_refused_in_danish_and_changes_nothing(setting):
    first = save(setting, value="yes", note="Altid")
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        save(setting, who="member", value="no", note="Aldrig")
    message = " ".join(refused.value.messages)
    assert "allerede besvaret" in message and "intet er ændret" in message and "Lene Leder" in message
    assert Answer.objects.count() == 1
    first.refresh_from_db()
    assert (first.value, first.note, first.lock_version) == ("yes", "Altid", 1)
    assert Event.objects.count() == events
    total = selectors.checklist(setting["team"], Q2, dt.date(2026, 6, 30))["score"]["total"]
    assert (total.answered, total.percent) == (1, 100.0)  # the refused answer is no number


def test_the_database_holds_one_answer_per_question_per_cycle(setting):
    answer = save(setting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(cycle=answer.cycle, question=answer.question, value="no")
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(team=setting["team"], start=Q2, end=dt.date(2026, 6, 30))


def test_the_database_refuses_an_action_without_owner_or_due(setting):
    answer = save(setting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(action="Noget")


def test_a_stale_edit_is_refused_and_the_newer_answer_kept(setting):
    answer = save(setting, value="partly")
    seen_by_both = Seen.of(answer, ["value", "note", "action", "action_owner", "action_due"])
    save(setting, who="member", value="yes", note="Vi gør det nu", seen=seen_by_both)
    with pytest.raises(StaleEdit) as refused:
        save(setting, value="no", seen=seen_by_both)
    assert "Jonas Formidler" in " ".join(refused.value.messages)
    answer.refresh_from_db()
    assert (answer.value, answer.note, answer.lock_version) == ("yes", "Vi gør det nu", 2)
    assert Event.objects.filter(verb="fidelity_answer_changed").count() == 1


def test_bad_answers_are_refused_with_danish_messages(setting):
    with pytest.raises(ValidationError) as refused:
        save(setting, action="Ring til virksomheden")
    assert set(refused.value.message_dict) == {"action_owner", "action_due"}
    with pytest.raises(ValidationError) as refused:
        services.answer_save(actor=None, employee=setting["leader"], team=setting["team"],
                             start=dt.date(2026, 7, 1), question=setting["q"], value="yes", seen=Seen(0), today=TODAY)
    assert "ikke begyndt" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.answer_save(actor=None, employee=setting["leader"], team=setting["team"],
                             start=dt.date(2026, 4, 2), question=setting["q"], value="yes", seen=Seen(0), today=TODAY)
    assert not Answer.objects.exists() and not Cycle.objects.exists()


def test_score_per_strand_and_total_leaves_unanswered_out(setting):
    questions = {q.code: q for q in Question.objects.all()}
    save(setting, question=questions["1.1"], value="yes")
    save(setting, question=questions["1.2"], value="partly")
    save(setting, question=questions["2.1"], value="no")
    save(setting, question=questions["3.1"], value="partly")
    score = selectors.checklist(setting["team"], Q2, dt.date(2026, 6, 30))["score"]
    spor1, spor2, spor3 = score["strands"]
    assert (spor1.answered, spor1.unanswered, spor1.percent) == (3, 6, 50.0)  # (1 + ½ + 0) / 3
    assert (spor2.answered, spor2.percent) == (1, 50.0)
    assert (spor3.answered, spor3.percent) == (0, None)  # not answered: no number
    assert (score["total"].answered, score["total"].unanswered, score["total"].percent) == (4, 42, 50.0)


def test_norm_history_is_kept(setting):
    services.norm_set(actor=None, employee=setting["leader"], cases=30, reason="Udvalget 1. maj")
    services.norm_set(actor=None, employee=setting["leader"], cases=None)
    assert selectors.norm_current().cases is None
    assert list(CaseloadNorm.objects.values_list("cases", flat=True)) == [None, 30]
    with pytest.raises(ValidationError):
        services.norm_set(actor=None, employee=setting["leader"], cases=0)
    assert Event.objects.filter(verb="caseload_norm_set").count() == 2
