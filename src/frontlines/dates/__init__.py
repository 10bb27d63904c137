"""Date expressions to date ranges: explicit dates, datelines and expressions relative to publication.

Every expression found in a sentence becomes a :class:`DatedSpan`; one read against publication
("on Thursday", "yesterday", "three weeks ago", "in February") carries it as a :class:`~frontlines.models.Relative`
so that a later stage can resolve it again with :func:`resolve_relative` once a missing publication date
has been inferred.
Ranges never reach past the publication date; expressions that lie wholly after it ("next Thursday",
"later this week", a yearless date a few weeks ahead) are not reported.

Parts: ``expressions`` (the words and patterns, and what each rule reads from a match), ``ranges``
(readings resolved against publication) and ``reading`` (the expressions of a sentence, explicit
dates, datelines).
"""

from frontlines.dates.expressions import MONTHS, NUMBER_WORDS, WEEKDAYS
from frontlines.dates.ranges import MAX_YEAR, MIN_YEAR, DatedSpan, plausible, resolve_relative, unknown_date
from frontlines.dates.reading import (
    find_publication_date,
    parse_date,
    parse_iso,
    resolve_expressions,
    split_wire_dateline,
    weekday_of,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTHS",
    "NUMBER_WORDS",
    "WEEKDAYS",
    "DatedSpan",
    "find_publication_date",
    "parse_date",
    "parse_iso",
    "plausible",
    "resolve_expressions",
    "resolve_relative",
    "split_wire_dateline",
    "unknown_date",
    "weekday_of",
]
