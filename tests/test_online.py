"""The optional online geocoder, with a stand-in for the service (tests never reach the network)."""

from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderUnavailable

from frontlines.errors import GeocoderError
from frontlines.gazetteer import Resolver
from frontlines.pipeline import resolve_record


class FakeGeocoder:
    def __init__(self, results=None, error=None):
        self.results, self.error, self.queries = results or [], error, []

    def geocode(self, query, *, exactly_one, limit, country_codes):
        self.queries.append((query, exactly_one, limit, country_codes))
        if self.error:
            raise self.error
        return self.results


def test_only_names_the_gazetteer_lacks_go_online(small_resolver: Resolver) -> None:
    found = SimpleNamespace(address="Kafr Zita, Hama, Syria", latitude=35.3747, longitude=36.6003,
                            raw={"osm_type": "node", "osm_id": 123})  # fmt: skip
    geocoder = FakeGeocoder([found])
    assert resolve_record("Saraqib", small_resolver, geocoder)["candidates"][0]["id"] == "T1"
    record = resolve_record("Kafr Zita", small_resolver, geocoder)
    assert geocoder.queries == [("Kafr Zita", False, 5, "sy")]
    assert record["candidates"] == [
        {"id": "osm:node/123", "name": "Kafr Zita", "kind": "populated_place", "lat": 35.3747, "lon": 36.6003,
         "admin1": "", "match": "geocoded"}
    ]  # fmt: skip


def test_offline_by_default(small_resolver: Resolver) -> None:
    assert resolve_record("Kafr Zita", small_resolver)["candidates"] == []


def test_a_failing_service_is_a_geocoder_error(small_resolver: Resolver) -> None:
    with pytest.raises(GeocoderError, match="online geocoder failed for 'Kafr Zita'"):
        resolve_record("Kafr Zita", small_resolver, FakeGeocoder(error=GeocoderUnavailable("no network")))
