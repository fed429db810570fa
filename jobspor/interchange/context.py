"""What the records of one import or export share."""

from collections import defaultdict

from jobspor.citizens.models import PostalCode

from . import registry


class ImportContext:
    """The keys the file declares, lookups in the database, and the objects written so far."""

    actor = None  # imports run as a command

    def __init__(self):
        self.file_keys: dict[str, set] = defaultdict(set)
        self._db_keys: dict[str, set] = {}
        self._objects: dict[tuple[str, object], object] = {}
        self._postal_codes: set | None = None

    def declare(self, type_name: str, key) -> None:
        self.file_keys[type_name].add(key)

    def exists(self, type_name: str, key) -> bool:
        """Is there a record of this type and key in the file or in the database?"""
        if key in self.file_keys[type_name]:
            return True
        if type_name not in self._db_keys:
            self._db_keys[type_name] = registry.get(type_name).db_keys()
        return key in self._db_keys[type_name]

    def postal_codes(self) -> set[str]:
        if self._postal_codes is None:
            self._postal_codes = set(PostalCode.objects.values_list("code", flat=True))
        return self._postal_codes

    def remember(self, type_name: str, key, obj) -> None:
        self._objects[(type_name, key)] = obj

    def get(self, type_name: str, key):
        """The object written for (type, key) in this import, else the one in the database."""
        if (type_name, key) not in self._objects:
            self._objects[(type_name, key)] = registry.get(type_name).lookup(key)
        return self._objects[(type_name, key)]


class ExportContext:
    """Collects the citizens whose data an export shows, for the access log."""

    def __init__(self):
        self.citizen_ids: set[int] = set()

    def shown(self, citizen_id: int) -> None:
        self.citizen_ids.add(citizen_id)
