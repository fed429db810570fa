import pytest

from jobspor.cases.models import Case
from jobspor.core.danish_text import phrase_key
from jobspor.cv.models import Cv, CvExperience, CvItem
from jobspor.demo.generator import demo_load


@pytest.mark.django_db
def test_demo_gives_most_active_citizens_a_cv_of_real_tasks():
    result = demo_load(cases=150, seed=3)

    active = set(Case.objects.filter(closed__isnull=True).values_list("citizen_id", flat=True))
    with_cv = set(Cv.objects.values_list("citizen_id", flat=True))
    assert with_cv <= active and len(with_cv) >= 0.6 * len(active)
    assert (len(with_cv), "CV", "CV'er") in result.extra
    for item in CvItem.objects.all():
        assert item.key == phrase_key(item.text)
    assert CvItem.objects.filter(kind="task", text="pakke varer").exists() or \
        CvItem.objects.filter(kind="task", text="vaske gulve").exists()
    assert all(e.end is None or e.end >= e.start for e in CvExperience.objects.all())
    assert Cv.objects.filter(driving_licence=["B"]).exists()
