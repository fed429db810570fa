"""Fast bulk inserts of plain tuples, for the demo generator, benchmarks and the services' import writers (rows
that need no model instance: events, CV lines, name words).

`Model.objects.bulk_create` builds a model instance per row and prepares every value of every row through the
field (`pre_save`, `get_db_prep_save`, `field_as_sql`): at 100,000 demo cases that is minutes of Python for a few
hundred thousand rows. `rows_insert` writes the same rows with one `cursor.executemany` per batch of tuples:

- the caller names the columns it fills (field names or attnames: "case" and "case_id" are the same column) and
  gives one tuple per row in that order, foreign keys as ids;
- every other concrete column is filled as the ORM would on create: `auto_now`/`auto_now_add` timestamps with
  the time of the call, else the field's default as `Model.__init__` takes it (`lock_version`, JSON lists, "" for
  text, NULL for a nullable column); a NOT NULL column without a default must be named (ValueError);
- values of the types a database driver does not take as they are (dates, datetimes, decimals, JSON, UUIDs,
  durations, times) go through the field's own `get_db_prep_save`, so SQLite and PostgreSQL get what the ORM
  would give them; strings, integers, booleans and ids go as they are;
- database triggers fire as for any INSERT; `save()` methods and signals do not run, so a model whose `save()`
  derives columns (folded names and the like) needs the caller to fill those columns itself.

Primary keys are not returned (sqlite3's executemany cannot): read them back by a natural key if needed.
"""

import datetime as dt
import operator

from django.db import connections
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

BATCH = 5000
# Internal types whose Python values are prepared by the field; any other value is passed to the driver as is.
PREPARED_TYPES = {"DateField", "DateTimeField", "DecimalField", "JSONField", "UUIDField", "DurationField",
                  "TimeField"}


DATABASE_DEFAULT = object()
# Values that are never an expression the database must compute (checked per value before hasattr).
_PLAIN_VALUES = frozenset({str, int, bool, float, type(None), dt.date, dt.datetime})


def _reads_attribute(field) -> bool:
    """Does the field's pre_save only read its attribute (Field's own; a date's without auto_now)?"""
    from django.db.models import DateField, DateTimeField, Field

    pre_save = type(field).pre_save
    if pre_save is Field.pre_save:
        return True
    return pre_save in (DateField.pre_save, DateTimeField.pre_save) and not (field.auto_now or field.auto_now_add)


def _preparer(field, connection):
    """A function value → database value for this field (identity for the types drivers take as they are)."""
    if field.get_internal_type() not in PREPARED_TYPES:
        return None
    if field.get_internal_type() == "JSONField":  # lists and dicts are not hashable: no cache
        from django.db.models import JSONField

        if (type(field).get_db_prep_save is JSONField.get_db_prep_save
                and type(field).get_db_prep_value is JSONField.get_db_prep_value
                and type(field).get_prep_value is JSONField.get_prep_value):
            # What get_db_prep_save does with a plain list or dict (no expression, no lazy text), in one call.
            adapt, encoder = connection.ops.adapt_json_value, field.encoder
            return lambda value: (adapt(value, encoder) if type(value) in (dict, list)
                                  else field.get_db_prep_save(value, connection))
        return lambda value: field.get_db_prep_save(value, connection)
    cache = {}  # weeks, dates and hours repeat a great deal: prepare each distinct value once

    def prepare(value):
        try:
            return cache[value]
        except KeyError:
            prepared = cache[value] = field.get_db_prep_save(value, connection)
            return prepared
    return prepare


def _implicit_value(field, connection, now):
    """What the ORM would store in a column the caller leaves out (Model.__init__ takes field.get_default(): the
    default, else "" for a text column, else None; pre_save sets auto_now/auto_now_add), prepared."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now if field.get_internal_type() == "DateTimeField" else dt.date.today()
    else:
        value = field.get_default()
        if hasattr(value, "as_sql"):  # db_default only: the database fills the column
            return DATABASE_DEFAULT
    if value is None:
        if not field.null:
            raise ValueError(f"{field.model.__name__}.{field.name} has no default: name it in the columns")
        return None
    return field.get_db_prep_save(value, connection)


def rows_insert(model, names, rows, *, using="default", batch=BATCH, copy=False) -> int:
    """INSERT `rows` (tuples, values in the order of `names`) into `model`'s table; returns the number of rows.
    `copy`: on PostgreSQL one COPY per batch (_insert_postgresql: no client-side binding of every value, row
    triggers fire as for INSERT) instead of executemany."""
    if not rows:
        return 0
    connection = connections[using]
    meta = model._meta
    named = [meta.get_field(name) for name in names]
    named_columns = {f.column for f in named}
    now = timezone.now()
    implicit = [(f, _implicit_value(f, connection, now)) for f in meta.concrete_fields
                if not f.primary_key and f.column not in named_columns]
    implicit = [(f, value) for f, value in implicit if value is not DATABASE_DEFAULT]
    columns = [f.column for f in named] + [f.column for f, _v in implicit]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    extra = tuple(value for _f, value in implicit)
    preparers = [(i, p) for i, p in enumerate(_preparer(f, connection) for f in named) if p is not None]

    def prepared(row):
        if preparers:
            row = list(row)
            for i, prepare in preparers:
                if row[i] is not None:
                    row[i] = prepare(row[i])
        return (*row, *extra)

    if copy and connection.vendor == "postgresql":
        fields = named + [f for f, _v in implicit]
        for start in range(0, len(rows), batch):
            _insert_postgresql(connection, None, [prepared(row) for row in rows[start:start + batch]], fields,
                               meta.pk, True)
        return len(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [prepared(row) for row in rows[start:start + batch]])
    return len(rows)


def _insert_postgresql(connection, objs, rows, fields, pk, with_pk) -> None:
    """The rows with one COPY (PostgreSQL). Django's cursor binds every value into the statement's text in Python
    (client-side binding, its default) and an INSERT per few rows is parsed and run apiece: that was most of an
    import's time on PostgreSQL. COPY fires the tables' row triggers as INSERT does. Ids the database gives are
    taken from the column's sequence first, in one query, in the objects' order (as INSERT … RETURNING gives them),
    and copied with the rows. The values are those Django's cursor would get (get_db_prep_save: Jsonb for JSON,
    dates, aware datetimes), dumped by the connection's adapters (Django's)."""
    import psycopg

    quote = connection.ops.quote_name
    table = fields[0].model._meta.db_table
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        if not with_pk:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, pk.column, len(rows)])
            ids = sorted(new_pk for (new_pk,) in cursor.fetchall())
            for obj, row, new_pk in zip(objs, rows, ids, strict=True):
                setattr(obj, pk.attname, new_pk)
                row.insert(0, new_pk)
            fields = [pk, *fields]
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def objects_insert(objs: list, *, using: str | None = None) -> list:
    """`Model.objects.bulk_create(objs)` for the services' batch writers (imports), in a fraction of its Python:
    the same rows and the same ids, without Django's per-value SQL compiler.

    Each object's values are taken as the ORM takes them (`pre_save`, so `auto_now` timestamps are set, one time
    for the call; a foreign key assigned as an object saved since is read from it) and prepared as rows_insert
    prepares them. On SQLite, objects whose primary key is set are inserted with it (executemany); the others get
    theirs from the database, in order, from a multi-row INSERT … RETURNING as bulk_create's (SQLite ≥ 3.35). On
    PostgreSQL every batch is one COPY, ids taken from the sequence first (_insert_postgresql). A value the database
    must compute (an expression, a db_default left to the database) makes the batch go through bulk_create
    instead. Returns `objs`."""
    from django.db import router
    from django.db.models import QuerySet

    if not objs:
        return objs
    model = type(objs[0])
    using = using or router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    pk = meta.pk
    with_pk = objs[0].pk is not None
    if any((obj.pk is not None) != with_pk for obj in objs):
        raise ValueError("objects_insert: either every object has its primary key or none has")
    fields = [f for f in meta.concrete_fields if with_pk or f is not pk]
    relations = [f for f in fields if f.is_relation]
    preparers = [_preparer(f, connection) for f in fields]
    # auto_now/auto_now_add: one time for the whole call (pre_save would take the clock once per object), so
    # the prepared value is the same for every row.
    now = timezone.now()
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    stamped_value = {f: now if f.get_internal_type() == "DateTimeField" else now.date() for f in stamped}
    # pre_save of most fields only reads the attribute: those are read in one attrgetter call per object.
    plain = [i for i, f in enumerate(fields) if f in stamped_value or _reads_attribute(f)]
    read_plain = operator.attrgetter(*(fields[i].attname for i in plain)) if plain else None
    special = [(i, f) for i, f in enumerate(fields) if i not in plain]
    prepared = [(i, prepare) for i, prepare in enumerate(preparers) if prepare is not None]
    width = len(fields)
    # The timestamps' attributes store what they are given (DeferredAttribute): set in __dict__ at once.
    stamp_direct = all(type(getattr(model, f.attname, None)) is DeferredAttribute for f in stamped)
    stamped_attrs = {f.attname: stamped_value[f] for f in stamped}
    relation_names = [(f.attname, f.cache_name) for f in relations]  # what is_cached/get_cached_value read
    all_plain = not special and plain == list(range(width))
    rows = []
    for obj in objs:
        attrs = obj.__dict__
        if stamp_direct:
            attrs.update(stamped_attrs)
        else:
            for f in stamped:
                setattr(obj, f.attname, stamped_value[f])
        cache = obj._state.fields_cache
        for attname, cache_name in relation_names:
            if (attrs[attname] if attname in attrs else getattr(obj, attname)) is None and cache_name in cache:
                related = cache[cache_name]
                if related is not None:
                    setattr(obj, attname, related.pk)
        if all_plain:
            row = list(read_plain(obj)) if width > 1 else [read_plain(obj)]
        else:
            row = [None] * width
            if read_plain is not None:
                values = read_plain(obj)
                if len(plain) == 1:
                    values = (values,)
                for i, value in zip(plain, values, strict=True):
                    row[i] = value
            for i, f in special:
                row[i] = f.pre_save(obj, True)
        if not _PLAIN_VALUES.issuperset(map(type, row)):
            for value in row:
                if type(value) not in _PLAIN_VALUES and hasattr(value, "resolve_expression"):
                    return QuerySet(model, using=using).bulk_create(objs)
        for i, prepare in prepared:
            if row[i] is not None:
                row[i] = prepare(row[i])
        rows.append(row)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    insert = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    if connection.vendor == "postgresql":
        _insert_postgresql(connection, objs, rows, fields, pk, with_pk)
        for obj in objs:
            obj._state.adding = False
            obj._state.db = using
        return objs
    with connection.cursor() as cursor:
        if with_pk:
            for start in range(0, len(rows), BATCH):
                cursor.executemany(insert + one, rows[start:start + BATCH])
        else:
            size = max(1, connection.ops.bulk_batch_size(fields, objs))
            for start in range(0, len(rows), size):
                chunk = rows[start:start + size]
                cursor.execute(f"{insert}{', '.join([one] * len(chunk))} RETURNING {quote(pk.column)}",
                               [value for row in chunk for value in row])
                for obj, (new_pk,) in zip(objs[start:start + size], cursor.fetchall(), strict=True):
                    setattr(obj, pk.attname, new_pk)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs
