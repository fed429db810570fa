import pytest
from django.core.exceptions import ValidationError

from jobspor.assessments.models import Assessment
from jobspor.assessments.questionnaire import AREAS
from jobspor.assessments.services import assessment_complete
from jobspor.testing.factories import make_case


def answers(**overrides):
    return {area: 0 for area in AREAS} | {"hours_now": 30, "education_wish": False} | overrides


@pytest.mark.django_db
def test_assessment_sets_target_group(job_broker):
    case = make_case(primary=job_broker, birth="010180")
    a = assessment_complete(actor=job_broker.user, case=case, answers=answers(), chosen_group=1)
    case.refresh_from_db()
    assert case.target_group == 1 and a.suggested_group == 1 and not a.is_override


@pytest.mark.django_db
def test_override_requires_reason_and_keeps_it(job_broker):
    case = make_case(primary=job_broker, birth="010180")
    with pytest.raises(ValidationError) as exc:
        assessment_complete(actor=job_broker.user, case=case, answers=answers(), chosen_group=2)
    assert "Skriv hvorfor" in exc.value.message_dict["override_reason"][0]
    assert Assessment.objects.count() == 0
    case.refresh_from_db()
    assert case.target_group is None
    a = assessment_complete(actor=job_broker.user, case=case, answers=answers(), chosen_group=2,
                            override_reason="Nyligt tilbagefald, jf. samtale")
    assert a.is_override and a.override_reason.startswith("Nyligt")


@pytest.mark.django_db
def test_every_assessment_is_kept(job_broker):
    case = make_case(primary=job_broker, birth="010180")
    assessment_complete(actor=job_broker.user, case=case, answers=answers(), chosen_group=1)
    assessment_complete(actor=job_broker.user, case=case, answers=answers(health=2), chosen_group=2)
    assert Assessment.objects.filter(case=case).count() == 2
