"""Maps of control: a snapshot of one date and a timeline with a date slider (Folium + Leaflet).

Both draw from one compact JSON payload (``render.data``) on one canvas layer of their own
(``control.js``), escape all article text, load only Leaflet (inlined with ``self_contained=True``)
and give byte-identical HTML for the same input.
"""

from frontlines.render.snapshot import render_snapshot
from frontlines.render.style import ControllerStyle, controller_styles, style_of
from frontlines.render.timeline_map import render_timeline, timeline_days
from frontlines.render.zones import control_zones

__all__ = [
    "ControllerStyle",
    "control_zones",
    "controller_styles",
    "render_snapshot",
    "render_timeline",
    "style_of",
    "timeline_days",
]
