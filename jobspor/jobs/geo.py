"""Distances between postal codes (their shipped coordinates; haversine, as the crow flies)."""

import math
from functools import cache

from jobspor.citizens.models import PostalCode

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@cache
def _coordinates() -> dict[str, tuple[float, float]]:
    return {code: (lat, lon) for code, lat, lon in PostalCode.objects.values_list("code", "latitude", "longitude")}


def coordinates() -> dict[str, tuple[float, float]]:
    found = _coordinates()
    if not found:  # not loaded yet (an empty test database): do not keep the empty answer
        _coordinates.cache_clear()
    return found


def distance_km(code_a: str, code_b: str) -> float | None:
    coords = coordinates()
    if code_a not in coords or code_b not in coords:
        return None
    return haversine_km(*coords[code_a], *coords[code_b])


def codes_within(origin: str, km: float) -> set[str]:
    coords = coordinates()
    if origin not in coords:
        return set()
    lat, lon = coords[origin]
    return {code for code, (la, lo) in coords.items() if haversine_km(lat, lon, la, lo) <= km}
