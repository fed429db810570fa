"""What the records of one import or export share."""

from collections import defaultdict

from jobspor.citizens.models import PostalCode

from . import registry


class ImportContext:
    """The keys the file declares, lookups in the database, and the objects the batch being written refers to.

    Memory stays bounded by the number of keys, not by the records: per key the context keeps only the line
    number of its first valid record; objects are loaded for one batch at a time (`prefetch`) and let go after."""

    actor = None  # imports run as a command

    def __init__(self):
        # type -> {key: line number of the first valid record with that key, or None until one is validated}
        self.file_keys: dict[str, dict] = defaultdict(dict)
        # type -> small facts a check_file keeps across batches (e.g. the first line of each CPR number)
        self.seen: dict[str, dict] = defaultdict(dict)
        self._db_keys: dict[str, set] = {}
        self._objects: dict[tuple[str, object], object] = {}
        self._postal_codes: set | None = None

    def declare(self, type_name: str, key) -> None:
        self.file_keys[type_name].setdefault(key, None)

    def first_valid(self, type_name: str, key, number: int) -> int | None:
        """Note that line `number` holds a valid record with this key; the earlier line that already did, if any."""
        keys = self.file_keys[type_name]
        earlier = keys.get(key)
        if earlier is None:
            keys[key] = number
        return earlier

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

    def prefetch(self, wanted: dict[str, set]) -> None:
        """Load the objects one batch refers to ({type: keys}) in one query per type, replacing the last batch's."""
        self._objects = {}
        for type_name, keys in wanted.items():
            for key, obj in registry.get(type_name).lookup_many(keys).items():
                self._objects[(type_name, key)] = obj

    def get(self, type_name: str, key):
        """The object for (type, key): loaded for this batch, else looked up in the database."""
        if (type_name, key) not in self._objects:
            self._objects[(type_name, key)] = registry.get(type_name).lookup(key)
        return self._objects[(type_name, key)]


class ExportContext:
    """Collects the citizens whose data an export shows, for the access log."""

    def __init__(self):
        self.citizen_ids: set[int] = set()

    def shown(self, citizen_id: int) -> None:
        self.citizen_ids.add(citizen_id)
