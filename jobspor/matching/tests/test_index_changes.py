"""The matching index is updated for what changed (the change log written by database triggers) instead of
rebuilt, and a new process starts from the stored snapshot: after each kind of edit the matches — and the
index itself — equal those of a full rebuild."""

import datetime as dt

import pytest
from django.utils import timezone

from jobspor.cases.services import case_update
from jobspor.citizens.services import citizen_save
from jobspor.companies.services import contact_save
from jobspor.cv import services as cv
from jobspor.cv.models import CvItem
from jobspor.jobs.services import job_fill, job_save
from jobspor.matching import engine, index, vocabulary
from jobspor.matching.models import IndexChange, IndexSnapshot, Synonym
from jobspor.placements import services as placements
from jobspor.testing.factories import make_case, make_company, make_cv, make_job

pytestmark = pytest.mark.django_db
REAL_BUILD = vocabulary.build


def _results(world):
    jobs = [world["job"], *world["more_jobs"]]
    cases = [world[k] for k in ("good", "ok", "far", "nolicence", "extra")]
    found = {}
    for job in jobs:
        job.refresh_from_db()
        if job.status == "open":
            found[("job", job.pk)] = [(c.case_id, c.score.total, tuple(c.score.reasons))
                                      for c in engine.candidates_for_job(job, top=10)]
    for case in cases:
        case.refresh_from_db()
        found[("case", case.pk)] = [(m.job.pk, m.score.total, tuple(m.score.reasons))
                                    for m in engine.jobs_for_citizen(case, top=10)]
        found[("companies", case.pk)] = [(m.company_id, m.score, tuple(m.reasons))
                                         for m in engine.companies_for_citizen(case)]
    return found


def _structure():
    state = index.sync()
    vocab = state["vocab"]
    keys = {k: sorted(v.tolist()) for k, v in vocab["bounds_index"]["keys"].items()}
    goals = {k: sorted(set(v.tolist())) for k, v in vocab["bounds_index"]["goals"].items()}
    active = {name: state["active"][name].tolist() for name in ("pk", "cv", "group2", "waiting_from",
                                                                "in_placement", "hours", "limit", "fleks")}
    active["codes"] = [state["active"]["codes"][i] for i in state["active"]["code"]]
    active["licences"] = state["active"]["licences"]
    return {"items": sorted(vocab["items"]), "goals": sorted(vocab["goals"]), "known": vocab["lexicon"].known,
            "keys": keys, "goals_index": goals, "active": active, "openings": state["openings"]["rows"],
            "companies": state["companies"]}


def _equal_to_full_rebuild(world):
    """The incrementally updated index gives the same as one built from scratch (which is then thrown away)."""
    incremental = (_results(world), _structure())
    kept, patched = dict(index._index), vocabulary.build
    vocabulary.build = REAL_BUILD
    try:
        index.reset()
        index.build(store=False)
        full = (_results(world), _structure())
    finally:
        vocabulary.build = patched
        index._index.clear()
        index._index.update(kept)
    assert incremental[1] == full[1]
    assert incremental[0] == full[0]


@pytest.fixture
def more(world, job_broker):
    extra = make_case(primary=job_broker, name="Erik Ekstra", postal_code="8700", external_id="S5")
    make_cv(case=extra, tasks=["rengøre lager"], job_goals=["Lagerarbejder"], hours_per_week=15)
    company = make_company(name="Kantinen ApS", postal_code="7100")
    world["more_jobs"] = [make_job(company=company, title="Kantinemedhjælper", external_id="J2",
                                   tasks=["vaske op", "pakke varer"], postal_code="7100")]
    world["extra"] = extra
    world["company2"] = company
    return world


def _no_rebuild(monkeypatch):
    def refuse():
        raise AssertionError("the vocabulary was read again from scratch")

    monkeypatch.setattr(vocabulary, "build", refuse)


def test_edits_are_applied_not_rebuilt_and_equal_a_full_rebuild(more, job_broker, monkeypatch):
    world = more
    _results(world)  # builds the index once
    assert IndexSnapshot.objects.exists()
    _no_rebuild(monkeypatch)

    # A CV line added (a word the lexicon did not know), and one removed.
    cv.cv_item_add(actor=None, citizen=world["ok"].citizen, kind="task", text="plukke ordrer")
    cv.cv_item_add(actor=None, citizen=world["extra"].citizen, kind="task", text="kassebetjening og opfyldning")
    _equal_to_full_rebuild(world)
    item = CvItem.objects.get(cv__citizen=world["good"].citizen, text="pakke varer")
    cv.cv_item_remove(actor=None, cv=item.cv, item=item)
    _equal_to_full_rebuild(world)

    # A job goal, and the CV's hours and commute limit.
    cv.cv_job_goal_add(actor=None, citizen=world["nolicence"].citizen, title="Lagermedarbejder")
    cv.cv_details_update(actor=None, citizen=world["far"].citizen, hours_now=12, max_commute_km=300,
                         driving_licence=["B"])
    _equal_to_full_rebuild(world)

    # A case closed; a citizen moving.
    case_update(actor=None, case=world["ok"], closed=timezone.localdate(), close_reason="andet")
    citizen = world["nolicence"].citizen
    citizen_save(actor=None, citizen=citizen, cpr=citizen.cpr, name=citizen.name, postal_code="7100",
                 address="Nyvej 2")
    _equal_to_full_rebuild(world)

    # A placement started (the case waits no longer) and an opening filled, changed and created.
    contact = contact_save(actor=None, company=world["company2"], name="Mette Lund")
    start = timezone.localdate() - dt.timedelta(days=7)
    placement = placements.placement_create(
        actor=None, case=world["extra"], company=world["company2"], contact=contact, kind="virksomhedspraktik",
        purpose=1, start=start, agreement={"goal": "Ordinære timer", "tasks": ["pakke varer", "vaske op"],
                                           "hours_per_week": 10, "conversion": "Mestrede opgaver bliver ordinære.",
                                           "follow_up_weeks": 2, "start": start})
    _equal_to_full_rebuild(world)
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    placements.hours_save(actor=None, placement=placement, weeks=[{"week": monday, "internship_hours": 5,
                                                                   "ordinary_hours": 2}])
    assert world["company2"].pk in index.sync()["companies"]
    job_save(actor=None, company=world["company2"], job=world["more_jobs"][0], title="Kantinemedhjælper",
             kind="smaajob", hours_per_week=12, posted=world["more_jobs"][0].posted, tasks=["rengøre lager"],
             postal_code="8700")
    world["more_jobs"].append(make_job(company=world["company2"], title="Lagerhjælp", external_id="J3",
                                       tasks=["pakke varer"], postal_code="8700"))
    job_fill(actor=None, job=world["job"], filled_on=timezone.localdate(), channel="jobcentret",
             case=world["good"])
    _equal_to_full_rebuild(world)
    assert IndexChange.objects.exists()


def test_a_new_synonym_is_read_again_and_equals_a_full_rebuild(more):
    _results(more)
    Synonym.objects.create(term="pakke varer", synonym="vaske op")
    _equal_to_full_rebuild(more)


def test_a_new_process_starts_from_the_stored_index(more, monkeypatch):
    before = _results(more)
    cv.cv_item_add(actor=None, citizen=more["ok"].citizen, kind="task", text="plukke ordrer")
    after_edit = _results(more)
    index.reset()  # as a new worker: nothing in memory, the snapshot in the database
    _no_rebuild(monkeypatch)
    assert _results(more) == after_edit != before


def test_a_rolled_back_or_restored_log_starts_over(more):
    _results(more)
    IndexChange.objects.all().delete()
    IndexSnapshot.objects.all().delete()
    cv.cv_item_add(actor=None, citizen=more["ok"].citizen, kind="task", text="plukke ordrer")
    _equal_to_full_rebuild(more)


def test_the_triggers_log_every_writer(more):
    """bulk_create and queryset updates bypass the services and signals; the triggers see them."""
    last = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    item = CvItem.objects.filter(kind="task").first()
    CvItem.objects.bulk_create([CvItem(cv=item.cv, kind="task", text="vaske op", key="vask op")])
    from jobspor.cases.models import Case

    Case.objects.filter(pk=more["good"].pk).update(target_group=2)
    logged = set(IndexChange.objects.filter(id__gt=last).values_list("kind", "ref", "detail"))
    assert ("item", item.cv_id, "task:vask op") in logged
    assert ("case", more["good"].pk, "") in logged
    _equal_to_full_rebuild(more)


def test_a_save_that_changes_nothing_matching_reads_logs_nothing(more):
    """Django's save() writes every column: a case saved for another reason (its version goes up), a placement
    saved with the same status are no change to the index (an opening logs every save: all its columns count)."""
    from jobspor.cases.models import Case
    from jobspor.placements.models import Placement

    last = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    case = Case.objects.get(pk=more["good"].pk)
    case.save()
    Case.objects.filter(pk=case.pk).update(lock_version=case.lock_version + 5)
    for placement in Placement.objects.all()[:3]:
        placement.save()
    assert not IndexChange.objects.filter(id__gt=last).exists()

    Case.objects.filter(pk=case.pk).update(closed=None, target_group=3 if case.target_group != 3 else 2)
    assert set(IndexChange.objects.filter(id__gt=last).values_list("kind", "ref")) == {("case", case.pk)}


def test_a_paused_bulk_load_logs_one_change_and_every_process_builds_anew(job_broker):
    # The demo writes hundreds of thousands of CV lines with the triggers lifted (changes.paused).
    from jobspor.matching import changes

    index.reset()
    before = index.sync()
    assert not any(text == "Stable truckkørsel" for _k, _key, text in before["vocab"]["items"])
    logged = IndexChange.objects.count()
    with changes.paused():
        make_cv(case=make_case(primary=job_broker, external_id="P1"), tasks=["Stable truckkørsel"])
    assert list(IndexChange.objects.values_list("kind", flat=True)[logged:]) == [changes.EVERYTHING]
    after = index.sync()  # the same process: its index is built again, not updated
    assert any(text == "Stable truckkørsel" for _k, _key, text in after["vocab"]["items"])
    # The triggers are back.
    make_cv(case=make_case(primary=job_broker, external_id="P2"), tasks=["Pakke varer i kasser"])
    assert IndexChange.objects.count() > logged + 1
