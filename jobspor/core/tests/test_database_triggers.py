"""Every invariant the database keeps is there after `migrate`, on both databases. SQLite drops a table's
triggers when a migration rebuilds the table, so a later migration can remove one without any test of that
app noticing; this list catches it."""

import pytest
from django.db import connection

EXPECTED = {
    "postgresql": {"audit_accesslog_no_update", "audit_event_no_update", "audit_chainanchor_no_update",
                   "audit_accesslog_no_delete", "audit_event_no_delete", "audit_chainanchor_no_delete",
                   "placements_agreement_frozen",
                   "placements_placement_frozen", "placements_placement_keeps_hours_in_period",
                   "placements_signature_frozen", "placements_weekhours_in_period"},
    "sqlite": {"audit_accesslog_no_update", "audit_event_no_update", "audit_chainanchor_no_update",
               "audit_accesslog_no_delete", "audit_event_no_delete", "audit_chainanchor_no_delete",
               "placements_agreement_frozen_delete",
               "placements_agreement_frozen_update", "placements_placement_frozen_delete",
               "placements_placement_frozen_update", "placements_placement_keeps_hours_in_period",
               "placements_signature_frozen_delete", "placements_signature_frozen_update",
               "placements_weekhours_in_period_insert", "placements_weekhours_in_period_update"},
}


@pytest.mark.django_db
def test_every_trigger_is_in_place_after_migrate():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    assert EXPECTED[connection.vendor] <= present, sorted(EXPECTED[connection.vendor] - present)
