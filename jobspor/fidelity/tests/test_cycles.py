import datetime as dt

from django.test import override_settings

from jobspor.fidelity import cycles


def test_quarters_by_default():
    assert cycles.bounds_for(dt.date(2026, 12, 6)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert cycles.bounds_for(dt.date(2026, 2, 28)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert cycles.label(*cycles.bounds_for(dt.date(2026, 12, 6))) == "2026 K4"
    assert cycles.recent(dt.date(2026, 5, 1), 3) == [
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30))]
    assert cycles.is_cycle_start(dt.date(2026, 4, 1)) and not cycles.is_cycle_start(dt.date(2026, 4, 2))


@override_settings(JOBSPOR_FIDELITY_CYCLE_MONTHS=6)
def test_the_cycle_length_is_configurable():
    assert cycles.bounds_for(dt.date(2026, 12, 6)) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert not cycles.is_cycle_start(dt.date(2026, 10, 1))
