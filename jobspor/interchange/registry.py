"""The record types of the interchange format. Each is one declared class in records/:

    @register
    class TeamRecord(RecordType):
        type = "team"
        form = TeamForm              # the allowed fields, which are required, and their validation
        model = Team                 # rows found by external_id = the record's "id"
        depends_on = ()              # types written (and exported) before this one

        def upsert(self, data, ctx): ...   # write through the services; return the object
        def export(self, ctx): ...         # yield the records as dicts, keys as in interchange.md
"""

from collections.abc import Hashable, Iterator

from django.core.exceptions import ImproperlyConfigured

from .errors import Problem, RecordInvalid, form_problems
from .forms import RecordForm

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
        """The record's cleaned values, or RecordInvalid with Danish messages."""
        form = self.form({k: v for k, v in record.items() if k != "type"}, ctx=ctx)
        if not form.is_valid():
            raise RecordInvalid(form_problems(form))
        return form.cleaned_data

    def check_file(self, items: list[tuple[int, dict]], ctx) -> dict[int, list[Problem]]:
        """Checks across the valid records of this type in one file: {line number: problems}."""
        return {}

    def upsert(self, data: dict, ctx):
        raise NotImplementedError

    def export(self, ctx) -> Iterator[dict]:
        raise NotImplementedError

    def db_keys(self) -> set:
        return set(self.model.objects.values_list("external_id", flat=True))

    def lookup(self, key):
        return self.model.objects.get(external_id=key)


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
