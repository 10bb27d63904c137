"""A corpus's ``manifest.csv``: each article file's outlet, headline, publication date and URL, and its bad rows."""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontlines.corpus.reading import publication_problem
from frontlines.dates import parse_iso
from frontlines.errors import CorpusError, DateError, FrontlinesWarning

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "outlet", "headline", "published", "url")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One row of the manifest: an article's metadata and the line it is on."""

    outlet: str
    headline: str
    published: date | None
    url: str
    line: int


def read_manifest(path: Path) -> tuple[dict[str, ManifestEntry], list[CorpusError]]:
    """Entries of ``manifest.csv`` by file name, and a CorpusError (with line) per bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [CorpusError(f"cannot read manifest ({exc})", path)]
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    entries: dict[str, ManifestEntry] = {}
    problems: list[CorpusError] = []
    while True:  # a malformed row is reported and the reading goes on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(CorpusError(f"malformed CSV ({exc})", path, reader.line_num))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if not header:
            header = [cell.strip().lower() for cell in row]
            if "file" not in header:
                expected = ",".join(MANIFEST_COLUMNS)
                return {}, [CorpusError(f"no 'file' column in the header (expected {expected})", path, line)]
            continue
        if len(row) != len(header):
            problems.append(CorpusError(f"expected {len(header)} fields, found {len(row)}", path, line))
            continue
        values = {key: cell.strip() for key, cell in zip(header, row, strict=True)}
        name = values["file"]
        if not name:
            problems.append(CorpusError("empty 'file' field", path, line))
            continue
        name = name if Path(name).suffix else f"{name}.txt"
        try:
            published = parse_iso(values["published"]) if values.get("published") else None
        except DateError as exc:
            problems.append(CorpusError(f"published: {exc.message}", path, line))
            continue
        problem = publication_problem(published) if published else None
        if problem:
            problems.append(CorpusError(problem, path, line))
            continue
        if published and published > date.today():
            warnings.warn(
                f"{path}:{line}: published {published} is after today", FrontlinesWarning, stacklevel=2
            )
        if name in entries:
            first = entries[name].line
            problems.append(CorpusError(f"{name!r} is listed twice (first on line {first})", path, line))
            continue
        entries[name] = ManifestEntry(
            outlet=values.get("outlet", ""),
            headline=values.get("headline", ""),
            published=published,
            url=values.get("url", ""),
            line=line,
        )
    return entries, problems
