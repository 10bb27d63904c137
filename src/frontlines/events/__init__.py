"""Events: control changes and observations read from articles, merged across reports, exported.

Order inside the package: ``actors`` → ``triggers`` → ``cues`` → ``highways`` → ``sentence`` → ``discourse`` → ``sides`` →
``places`` → ``dating`` → ``extract`` → ``merge`` → ``export``.
"""

from frontlines.events.actors import ActorLexicon, ActorSpan, load_actors
from frontlines.events.extract import extract_events
from frontlines.events.highways import highway_routes
from frontlines.events.merge import merge_events
from frontlines.events.triggers import TriggerLexicon, load_triggers

__all__ = [
    "EVENT_COLUMNS", "ActorLexicon", "ActorSpan", "TriggerLexicon", "events_frame", "extract_events",
    "highway_routes", "load_actors", "load_triggers", "merge_events", "write_events",
]  # fmt: skip


def __getattr__(name: str) -> object:
    """The export names on first use: export imports geopandas, which extraction never needs."""
    if name in ("EVENT_COLUMNS", "events_frame", "write_events"):
        from frontlines.events import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
