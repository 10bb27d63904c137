"""The optional online geocoder: names the gazetteer lacks, looked up on OpenStreetMap's Nominatim.

Off unless a user asks for it (``frontlines resolve --online``): nothing else in frontlines reaches
the network. Results are labelled ``geocoded`` and never enter the gazetteer by themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from geopy.exc import GeopyError
from geopy.geocoders import Nominatim

from frontlines.errors import GeocoderError
from frontlines.models import Candidate, Place

USER_AGENT = "frontlines (https://pypi.org/project/frontlines/)"


class Geocoder(Protocol):
    """What frontlines needs of a geopy geocoder."""

    def geocode(
        self, query: str, *, exactly_one: bool, limit: int, country_codes: str
    ) -> Sequence[Location] | None: ...


class Location(Protocol):
    """What frontlines reads of a geopy location."""

    address: str
    latitude: float
    longitude: float
    raw: dict[str, Any]


def geocoded_candidates(
    name: str, geocoder: Geocoder | None = None, country: str = "sy", limit: int = 5
) -> list[Candidate]:
    """Places an online geocoder finds for ``name`` in ``country``, labelled ``geocoded``.

    Raises GeocoderError (one line, no traceback in the CLI) when the service fails or is out of reach.
    """
    service = geocoder if geocoder is not None else Nominatim(user_agent=USER_AGENT, timeout=10)
    try:
        found = service.geocode(name, exactly_one=False, limit=limit, country_codes=country) or []
    except GeopyError as exc:
        raise GeocoderError(f"online geocoder failed for {name!r}: {exc}") from None
    candidates = []
    for location in found:
        raw = getattr(location, "raw", {}) or {}
        source_id = f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}" if raw.get("osm_id") else "osm:"
        place = Place(
            id=source_id, name=location.address.split(",")[0].strip(), kind="populated_place",
            lat=round(location.latitude, 6), lon=round(location.longitude, 6), source_ids=(source_id,),
        )  # fmt: skip
        candidates.append(Candidate(place, "geocoded"))
    return candidates
