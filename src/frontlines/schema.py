"""The vocabulary every stage shares, defined once: place kinds, sides, event kinds and flags, and the
columns of the gazetteer files (``gazetteer/FORMAT.md``) and of the events file.

This module imports nothing from frontlines; everything else imports its names from here, so the
loader, the validator, the builder, the extractor and the writers cannot disagree. A new kind, side
or column is added here first.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

PlaceKind = Literal[
    "populated_place",  # a town, village or city (OCHA community, GeoNames city)
    "governorate",  # ADM1
    "district",  # ADM2
    "subdistrict",  # ADM3 (nahiya)
    "region",  # a named area such as Jabal al-Zawiya: a set of communities (``regions.csv``)
    "neighbourhood",  # a quarter of a city (Aleppo's Sheikh Maqsoud), held apart from its city
    "camp",  # a refugee camp that is a place of its own (Handarat, Yarmouk)
    "crossing",  # a border crossing (Nasib, Bab al-Hawa)
    "airbase",  # an airbase or airport (Taftanaz, Kuweires)
    "dam",  # a dam (Tabqa, Tishrin)
    "hill",  # a hill or mountain named as a position
    "road",  # a named road that is not a highway of ``highways.csv`` (Castello Road), drawn at a point
    "highway",  # a line such as the M4
    "junction",  # a point where lines meet, such as the M4/M5 junction
    "country",  # the mapped country itself (ADM0)
    "foreign_country",  # another country: outside the mapped region
    "foreign_place",  # a city or region outside the mapped region (Ankara, Moscow)
]
#: Kinds of places outside the mapped region: listed in ``outside.csv`` or made from pycountry.
OUTSIDE_KINDS: Final[frozenset[str]] = frozenset({"foreign_country", "foreign_place"})
#: Kinds a ``places.csv`` row may have (the mapped region's own places).
PLACE_KINDS: Final[frozenset[str]] = frozenset(get_args(PlaceKind)) - OUTSIDE_KINDS
#: Kinds drawn as lines (their geometry comes from ``highways.csv``); they need no coordinates.
LINE_KINDS: Final[frozenset[str]] = frozenset({"highway"})
#: Areas with a polygon of their own (``boundaries/areas.geojson``): held apart from the town or
#: village whose point they share or contain.
AREA_KINDS: Final[frozenset[str]] = frozenset({"neighbourhood", "region"})
#: Administrative units (their own polygons in ``boundaries/``).
ADMIN_KINDS: Final[frozenset[str]] = frozenset({"governorate", "district", "subdistrict"})
#: Kinds that never change hands as a place: the whole country, and places outside it.
NOT_MAPPED_KINDS: Final[frozenset[str]] = OUTSIDE_KINDS | {"country"}
#: Named features ("the crossing", "the dam", "the airport", "the base"), never the town named after them.
FEATURE_KINDS: Final[frozenset[str]] = frozenset({"junction"})

#: The ISO 3166 code of the mapped country; every other country is outside.
MAPPED_COUNTRY: Final = "SY"
#: Languages a name may be tagged with (``""`` when the source does not say).
NAME_LANGS: Final[frozenset[str]] = frozenset({"en", "ar", ""})

Side = Literal["government", "opposition", "hts", "sdf", "isis", "turkey", "russia", "unknown"]
#: The sides an actor phrase can name, and a place's controller can be (``data/controllers.csv``).
SIDES: Final[tuple[str, ...]] = get_args(Side)
#: The side nobody named ("terrorists", "militants"), and the controller of a place nobody reported.
UNKNOWN: Final = "unknown"

MatchKind = Literal["exact", "normalised", "skeleton", "fuzzy", "context", "geocoded"]
MentionStatus = Literal["resolved", "ambiguous", "unresolved", "outside"]
Precision = Literal["day", "week", "month", "year", "unknown"]
#: Date precisions from the finest to the coarsest.
PRECISIONS: Final[tuple[str, ...]] = get_args(Precision)
#: Units a relative date expression counts in ("three weeks ago", "48 hours after").
DateUnit = Literal["hour", "day", "week", "month", "year"]
#: What a relative date expression is (``models.Relative``): "on Thursday", "Feb 26", "in May", "early May",
#: "three weeks ago", "the past 30 days", "last night", "over the weekend", "this week", "last month", "ten months later", "two days after".
RelativeKind = Literal[
    "weekday", "monthday", "month", "month_part", "ago", "past_days", "last_night", "weekend", "this", "last", "later",
    "after",
]  # fmt: skip
#: How a relative expression is qualified: "last Thursday", "May last year", "earlier this week", "less than
#: two days after", "early/mid/late May".
RelativeQualifier = Literal["", "last", "last_year", "earlier", "less_than", "early", "mid", "late"]
EventKind = Literal["capture", "recapture", "withdrawal", "observation", "interdiction"]
EVENT_KINDS: Final[tuple[str, ...]] = get_args(EventKind)
#: Kinds that change who holds a place ("interdiction": a road cut or under fire at a place, no change).
CHANGE_KINDS: Final[frozenset[str]] = frozenset({"capture", "recapture", "withdrawal"})
Certainty = Literal["reported", "inferred", "changing", "contested", "claimed"]

EventFlag = Literal[
    "contested_date", "date_inferred", "date_unknown", "background", "loser_inferred", "unconfirmed"
]
#: Reports disagree on the date; the event keeps the union of their ranges.
CONTESTED_DATE: Final = "contested_date"
#: The article had no publication date; a dated report of the same change supplied it.
DATE_INFERRED: Final = "date_inferred"
#: No date could be found or inferred.
DATE_UNKNOWN: Final = "date_unknown"
#: An earlier change told as history ("which rebels had held since 2012"): never drawn as current control.
BACKGROUND: Final = "background"
#: No report names the loser: it is the side the article names as the gainer's adversary elsewhere
#: (the holder it gave before, or the other side of the sentences around), or the gainer's usual one.
LOSER_INFERRED: Final = "loser_inferred"
#: Every report of the change hedges it ("the claim could not be independently verified"): drawn as claimed.
UNCONFIRMED: Final = "unconfirmed"
#: The place is a village the gazetteer knows only far (over 150 km) from every other place the article
#: names: likelier a namesake it lacks. Kept on the event unless one report places it without that doubt.
FAR_NAMESAKE: Final = "far_namesake"
#: An event on a highway that covers its whole route ("full control of the entire length").
FULL_LENGTH: Final = "full_length"
#: ``at:<place id>``: a place on or beside a highway's route where an event on the highway happened
#: ("cut the M5 at Saraqeb"). A highway event with neither flag sets no part of the route.
AT_FLAG_PREFIX: Final = "at:"

# Gazetteer files (gazetteer/FORMAT.md). Readers require these columns; writers write them in this order.
PLACE_COLUMNS: Final[tuple[str, ...]] = (
    "id", "kind", "name", "name_ar", "lat", "lon", "admin1", "admin2", "admin3", "admin1_pcode",
    "population", "source_ids", "approximate",
)  # fmt: skip
PATCH_PLACE_COLUMNS: Final[tuple[str, ...]] = (*PLACE_COLUMNS, "reason", "source")
NAME_COLUMNS: Final[tuple[str, ...]] = ("place_id", "name", "lang", "source")
PATCH_NAME_COLUMNS: Final[tuple[str, ...]] = ("action", "place_id", "name", "lang", "reason", "source")
#: The columns of ``highways.csv`` the loader needs: one waypoint per row.
HIGHWAY_WAYPOINT_COLUMNS: Final[tuple[str, ...]] = ("highway", "seq", "place_id", "name", "lat", "lon")
HIGHWAY_COLUMNS: Final[tuple[str, ...]] = (*HIGHWAY_WAYPOINT_COLUMNS, "coord_source", "route_source")
OUTSIDE_COLUMNS: Final[tuple[str, ...]] = ("id", "name", "kind", "country", "source")

#: The events file (CSV columns in order; GeoJSON properties).
EVENT_COLUMNS: Final[tuple[str, ...]] = (
    "event_id", "place_id", "place", "lat", "lon", "admin1", "admin2", "admin3", "geo_precision", "gainer", "loser",
    "kind", "date", "date_earliest", "date_latest", "precision", "time_precision", "n_sources", "outlets", "n_reports",
    "sources", "evidence", "flags",
)  # fmt: skip

#: Articles larger than this many bytes are reported and skipped (``--max-article-bytes``): news
#: articles are a few KB, and this bounds the time and memory one input can take.
MAX_ARTICLE_BYTES: Final = 2_000_000

#: Mean Earth radius (IUGG), for every great-circle distance in the package.
EARTH_RADIUS_KM: Final[float] = 6371.0088
