"""Events: control changes and observations read from articles, merged across reports, exported.

Order inside the package: ``actors`` → ``extract`` → ``merge`` → ``export``.
"""

from frontlines.events.actors import ActorLexicon, ActorSpan, load_actors
from frontlines.events.export import EVENT_COLUMNS, events_frame, write_events
from frontlines.events.extract import TriggerLexicon, extract_events, highway_routes, load_triggers
from frontlines.events.merge import merge_events

__all__ = [
    "EVENT_COLUMNS", "ActorLexicon", "ActorSpan", "TriggerLexicon", "events_frame", "extract_events",
    "highway_routes", "load_actors", "load_triggers", "merge_events", "write_events",
]  # fmt: skip
