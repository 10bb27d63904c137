"""frontlines: news reports of fighting in, maps of who held what on each date out.

The notebook API, imported on first use so that ``import frontlines`` stays light::

    import frontlines
    events = frontlines.extract("seeds")                  # a list of events, shown as a table
    frontlines.state_on(events, "2020-02-27").explore()   # a GeoDataFrame
    frontlines.snapshot(events, "2020-02-27")             # a map that shows itself; .save("x.png")
    frontlines.timeline(events)                           # a map with a date slider

``frontlines.timeline`` stays that function after the module ``frontlines.timeline`` is imported
(``from frontlines.timeline import ...`` works as ever); its other attributes are the module's.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"
__all__ = ["Events", "MapView", "extract", "read_events", "snapshot", "state_on", "timeline"]
_API = frozenset(__all__) - {"timeline", "read_events"}


class _TimelineEntry:
    """``frontlines.timeline(events)``, the notebook function; attributes come from the module of that name."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("frontlines.api").timeline(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("frontlines.timeline"), name)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]  # a property in place of the module's plain __doc__
        doc: str | None = importlib.import_module("frontlines.api").timeline.__doc__
        return doc


class _Package(types.ModuleType):
    """The package, whose ``timeline`` attribute the import of the submodule cannot replace."""

    timeline = property(lambda self: _TIMELINE, lambda self, module: None)


_TIMELINE: _TimelineEntry = _TimelineEntry()


def read_events(path: Any, gazetteer: Any = None) -> Any:
    """The events of an events file (extract's CSV/GeoJSON/GeoPackage or an ACLED export)."""
    api = importlib.import_module("frontlines.api")
    return api.Events(api._events(path, gazetteer))


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module("frontlines.api"), name)
    raise AttributeError(f"module 'frontlines' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
