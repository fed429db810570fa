"""The audit trail as hash chains: `jobspor audit verify` finds a deleted row, a changed row, a back-dated insert and
rows deleted from the end (by an anchor); a clean chain verifies; the retention rule keeps the chain valid. On
SQLite and PostgreSQL. Tampering goes around the triggers as the flush helpers do (audit.triggers)."""

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from jobspor.audit import chain, triggers
from jobspor.audit.models import AccessLog, ChainAnchor, Event
from jobspor.audit.services import access_log_prune, access_log_write, event_record
from jobspor.testing.factories import make_case


def tamper(sql, params=()):
    """Change the tables as someone with the database's owner rights would: the triggers lifted for the moment."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            triggers.execute(connection, triggers.drop_sql("sqlite") + [
                f"DROP TRIGGER IF EXISTS {t}_no_update;" for t in (triggers.ACCESS_LOG, triggers.EVENT)])
            cursor.execute(sql, params)
            triggers.execute(connection, triggers.create_sql("sqlite"))
        else:  # the test database's user is a superuser: a replica session fires no user triggers
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")


def verify() -> tuple[str, bool]:
    out = StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as error:
        assert error.returncode == 1
        return out.getvalue() + str(error), False
    return out.getvalue(), True


def log(n, **kwargs):
    for i in range(n):
        access_log_write(actor=None, action="view", purpose="Opfølgning", citizen_ids=[100 + i], **kwargs)
    return list(AccessLog.objects.order_by("id"))


@pytest.mark.django_db
def test_every_row_links_to_the_previous_one_and_a_clean_chain_verifies(job_broker):
    make_case(primary=job_broker)  # events from a service
    access_log_write(actor=job_broker.user, action="view", purpose="Sag", citizen_ids=[1, 2, 3])  # one batch
    AccessLog.objects.create(actor="x", action="view", purpose="p")  # and one by one
    for model in (AccessLog, Event):
        rows = list(model.objects.order_by("id"))
        assert len(rows) >= 3
        assert rows[0].prev_hash == chain.GENESIS
        assert all(b.prev_hash == a.row_hash and len(b.row_hash) == 64 for a, b in zip(rows, rows[1:], strict=False))
    out, ok = verify()
    assert ok, out
    assert "Alt i orden" in out and "Kædens hoved" in out
    assert ChainAnchor.objects.filter(kind="head").count() == 2  # a clean verify records the heads


@pytest.mark.django_db
def test_a_deleted_row_is_found():
    rows = log(5)
    tamper("DELETE FROM audit_accesslog WHERE id = %s", [rows[2].pk])
    out, ok = verify()
    assert not ok
    assert f"kæden er brudt mellem id {rows[1].pk}–{rows[3].pk}" in out
    assert not ChainAnchor.objects.exists()  # a broken chain is not anchored


@pytest.mark.django_db
def test_a_changed_row_is_found():
    rows = log(3)
    tamper("UPDATE audit_accesslog SET purpose = 'Nysgerrighed' WHERE id = %s", [rows[1].pk])
    out, ok = verify()
    assert not ok
    assert f"FEJL id {rows[1].pk}: rækken er ændret" in out


@pytest.mark.django_db
def test_a_changed_event_with_its_hash_recomputed_breaks_the_next_link(job_broker):
    make_case(primary=job_broker)
    first, second = Event.objects.order_by("id")[:2]
    forged = chain.compute_hash(first.prev_hash, Event.CHAIN_FIELDS,
                                [getattr(first, f) if f != "actor" else "en anden" for f in Event.CHAIN_FIELDS])
    tamper("UPDATE audit_event SET actor = 'en anden', row_hash = %s WHERE id = %s", [forged, first.pk])
    out, ok = verify()
    assert not ok
    assert f"FEJL id {second.pk}: kæden er brudt" in out


@pytest.mark.django_db
def test_a_back_dated_insert_is_found():
    log(3)
    # Someone who may only INSERT writes a well-formed row, hash and link correct, dated last week.
    AccessLog.objects.create(actor="Nogen", action="view", purpose="Sag", citizen_id=7,
                             at=timezone.now() - dt.timedelta(days=7))
    out, ok = verify()
    assert not ok
    assert "tilbagedateret eller indsat i forkert rækkefølge" in out


@pytest.mark.django_db
def test_a_row_slipped_in_between_is_found():
    rows = log(4)
    tamper("DELETE FROM audit_accesslog WHERE id = %s", [rows[2].pk])
    # ... and a forged row in its place, linked to the row before it with a correct hash.
    fake = AccessLog(id=rows[2].pk, at=rows[2].at, actor="Nogen", action="view", purpose="Sag")
    values = [getattr(fake, f) for f in AccessLog.CHAIN_FIELDS]
    tamper("INSERT INTO audit_accesslog (id, at, actor, action, purpose, query, path, subject, organisation, role, "
           "prev_hash, row_hash) VALUES (%s, %s, %s, 'view', 'Sag', '', '', '', '', '', %s, %s)",
           [fake.id, fake.at, fake.actor, rows[1].row_hash, chain.compute_hash(rows[1].row_hash,
                                                                               AccessLog.CHAIN_FIELDS, values)])
    out, ok = verify()
    assert not ok
    assert f"kæden er brudt mellem id {rows[2].pk}–{rows[3].pk}" in out


@pytest.mark.django_db
def test_a_missing_start_is_found():
    rows = log(3)
    tamper("DELETE FROM audit_accesslog WHERE id = %s", [rows[0].pk])
    out, ok = verify()
    assert not ok
    assert "kædens begyndelse mangler" in out


@pytest.mark.django_db
def test_rows_deleted_from_the_end_are_found_by_the_anchor():
    log(3)
    out, ok = verify()  # records the heads
    assert ok, out
    rows = log(2)
    tamper("DELETE FROM audit_accesslog WHERE id >= %s", [rows[2].pk])  # the anchored head and all after it
    out, ok = verify()
    assert not ok
    assert f"FEJL id {rows[2].pk}: rækken var kædens hoved" in out and "slettet fra kædens ende" in out


@pytest.mark.django_db
def test_what_is_not_found_rows_deleted_from_the_end_after_the_last_anchor():
    """Honest limit (docs/audit.md): rows written after the last anchor can go from the end unseen."""
    log(2)
    assert verify()[1]
    rows = log(2)
    tamper("DELETE FROM audit_accesslog WHERE id = %s", [rows[-1].pk])
    assert verify()[1]


@pytest.mark.django_db
def test_english_report():
    rows = log(3)
    tamper("DELETE FROM audit_accesslog WHERE id = %s", [rows[1].pk])
    out = StringIO()
    with pytest.raises(CommandError, match="1 problems found"):
        call_command("audit", "verify", "--english", stdout=out)
    assert "the chain is broken between ids" in out.getvalue()


@pytest.mark.django_db
def test_the_retention_rule_keeps_the_chain_valid_and_the_database_refuses_other_deletes(settings):
    settings.JOBSPOR_ACCESS_LOG_RETENTION_DAYS = 396
    now = timezone.now()
    AccessLog.objects.bulk_create([AccessLog(actor="a", action="view", purpose="p", at=now - dt.timedelta(days=d))
                                   for d in (500, 450, 400, 10, 1)])
    assert access_log_prune(now=now) == 3
    assert AccessLog.objects.count() == 2
    out, ok = verify()
    assert ok, out
    prune = ChainAnchor.objects.get(kind="prune")
    assert prune.rows == 3
    # The database itself: a row the retention rule did not cover cannot be deleted, an event never.
    keep = AccessLog.objects.order_by("id").first()
    for sql in (f"DELETE FROM audit_accesslog WHERE id = {keep.pk}", "DELETE FROM audit_chainanchor",
                "UPDATE audit_chainanchor SET last_hash = ''"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    event_record(actor=None, verb="backup_made", target=keep)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event")
    # After everything is pruned, the next row links to the last pruned one.
    assert access_log_prune(now=now + dt.timedelta(days=500)) == 2
    AccessLog.objects.create(actor="a", action="view", purpose="p")
    out, ok = verify()
    assert ok, out


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is one in-memory connection; its writers queue by BEGIN IMMEDIATE")
    errors = []

    def writer(n):
        try:
            for i in range(15):
                access_log_write(actor=None, action="view", purpose="p", citizen_ids=range(n + 1))
                if i % 5 == 0:
                    Event.objects.create(actor="x", verb="v", target_type="t")
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert AccessLog.objects.count() == 15 * (1 + 2 + 3 + 4)
    out, ok = verify()
    assert ok, out


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_rows_written_before_it():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    executor.migrate([("audit", "0005_access_log_organisation_role")])
    with connection.cursor() as cursor:
        for i in range(5):
            cursor.execute("INSERT INTO audit_accesslog (at, actor, action, purpose, query, path, subject, "
                           "organisation, role, citizen_id) VALUES (%s, 'Anne', 'view', 'Sag', '', '', '', '', '', %s)",
                           [timezone.now(), i])
            cursor.execute("INSERT INTO audit_event (at, actor, verb, target_type, target_ref, before, after) "
                           "VALUES (%s, 'Anne', 'case_created', 'case', '', NULL, %s)",
                           [timezone.now(), '{"b": [1, 2.5, "æ"], "a": null}'])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    assert AccessLog.objects.filter(row_hash="").count() == 0
    out, ok = verify()
    assert ok, out
    assert "Adgangsloggen (audit_accesslog): 5 rækker" in out and "Hændelserne (audit_event): 5 rækker" in out
    access_log_write(actor=None, action="view", purpose="Sag", citizen_ids=[9])  # and the chain goes on
    assert verify()[1]
