"""The record types of the interchange format. Each is one declared class in records/:

    @register
    class TeamRecord(RecordType):
        type = "team"
        form = TeamForm              # the allowed fields, which are required, and their validation
        model = Team                 # rows found by external_id = the record's "id"
        depends_on = ()              # types written (and exported) before this one

        def upsert(self, data, ctx): ...   # write through the services; return the object
        def export(self, ctx): ...         # yield the records as dicts, keys as in interchange.md

The importer writes each type in batches (`write_batch`); a type with many records may override it to write a
whole batch in a few queries, keeping what its services guarantee.
"""

from collections.abc import Hashable, Iterator

from django.core.exceptions import ImproperlyConfigured, ValidationError

from .compiled import record_clean
from .errors import ImportRejected, LineError, Problem, RecordInvalid, form_problems, problems_of
from .fields import FormList, Ref
from .forms import RecordForm, bound_form

_types: dict[str, "RecordType"] = {}


class RecordType:
    type: str = ""
    key: tuple[str, ...] = ("id",)
    form: "type[RecordForm]"  # quoted: `type` is a field name here
    model = None
    depends_on: tuple[str, ...] = ()

    @property
    def fields(self) -> list[str]:
        return ["type", *self.form.base_fields]

    @property
    def required(self) -> list[str]:
        return ["type", *(name for name, field in self.form.base_fields.items() if field.required)]

    def key_of(self, record: dict) -> Hashable | None:
        """The (type, key) identity of a record in a file; None if the key is missing or not text."""
        values = tuple(record.get(name) for name in self.key)
        if not all(isinstance(value, str) and value for value in values):
            return None
        return values[0] if len(values) == 1 else values

    def validate(self, record: dict, ctx) -> dict:
        """The record's cleaned values, or RecordInvalid with Danish messages. A valid record is cleaned by the
        compiled checks (compiled.record_clean); anything else by the form, which gives the messages."""
        data = {k: v for k, v in record.items() if k != "type"}
        cleaned = record_clean(self.form, data, ctx)
        if cleaned is not None:
            return cleaned
        form = bound_form(self.form, data, ctx)
        if not form.is_valid():
            raise RecordInvalid(form_problems(form))
        return form.cleaned_data

    def check_file(self, items: list[tuple[int, dict]], ctx) -> dict[int, list[Problem]]:
        """Checks across the valid records of this type in one file: {line number: problems}. Called once per
        batch of valid records; what must be compared across batches is kept in ctx.seen[type]."""
        return {}

    def refs(self, data: dict) -> Iterator[tuple[str, str]]:
        """The (type, key) of every record this one refers to: its Ref fields, also inside lists (a case's staff)."""
        yield from _refs(self.form, data)

    def write_batch(self, items: list[tuple[int, dict]], ctx) -> None:
        """Write a batch of valid records: the objects they refer to in one query per type, then one upsert each.
        A service's refusal is reported for its line (and the caller rolls the whole import back)."""
        self.prefetch_refs(items, ctx)
        for number, data in items:
            try:
                self.upsert(data, ctx)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc

    def prefetch_refs(self, items: list[tuple[int, dict]], ctx) -> None:
        """Load the objects a batch refers to, in one query per type (ctx.get finds them)."""
        wanted = {}
        for _number, data in items:
            for type_name, key in self.refs(data):
                wanted.setdefault(type_name, set()).add(key)
        ctx.prefetch(wanted)

    def upsert(self, data: dict, ctx):
        raise NotImplementedError

    def export(self, ctx) -> Iterator[dict]:
        raise NotImplementedError

    def db_keys(self) -> set:
        return set(self.model.objects.values_list("external_id", flat=True))

    def lookup(self, key):
        return self.model.objects.get(external_id=key)

    def lookup_many(self, keys) -> dict:
        """{key: object} for the keys found (in_bulk splits long lists to the database's limit)."""
        return self.model.objects.in_bulk(list(keys), field_name="external_id")


def _refs(form_class, data: dict) -> Iterator[tuple[str, str]]:
    for name, field in form_class.base_fields.items():
        value = data.get(name)
        if isinstance(field, Ref) and value:
            yield field.target, value
        elif isinstance(field, FormList):
            for entry in value or ():
                yield from _refs(field.form_class, entry)


def register(cls: type[RecordType]) -> type[RecordType]:
    if not cls.type or cls.type in _types:
        raise ImproperlyConfigured(f"Record type {cls.type!r} is missing or registered twice")
    _types[cls.type] = cls()
    return cls


def get(type_name) -> RecordType | None:
    return _types.get(type_name) if isinstance(type_name, str) else None


def in_dependency_order() -> list[RecordType]:
    """Every record type after the ones it depends on; otherwise in the order they were registered."""
    ordered, done, pending = [], set(), list(_types.values())
    while pending:
        ready = next((rt for rt in pending if set(rt.depends_on) <= done), None)
        if ready is None:
            raise ImproperlyConfigured(f"Record types with unknown or circular dependencies: "
                                       f"{', '.join(rt.type for rt in pending)}")
        ordered.append(ready)
        done.add(ready.type)
        pending.remove(ready)
    return ordered
