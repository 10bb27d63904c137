"""A corpus's files: the article files under a path with their manifest metadata, read one at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontlines.corpus.manifest import MANIFEST_NAME, ManifestEntry, read_manifest
from frontlines.corpus.markup import ARTICLE_SUFFIXES
from frontlines.corpus.reading import read_article
from frontlines.errors import CorpusError
from frontlines.models import Article
from frontlines.schema import MAX_ARTICLE_BYTES


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles that loaded and the problems met on the way, in file order."""

    articles: tuple[Article, ...]
    problems: tuple[CorpusError, ...] = ()


def load_corpus(path: Path) -> Corpus:
    """Load a directory of articles (``.txt``, HTML or Markdown files, with an optional ``manifest.csv``)
    or one article file.

    Raises :class:`CorpusError` only when ``path`` does not exist; everything else that goes wrong
    is collected in ``Corpus.problems``.
    """
    articles: list[Article] = []
    problems: list[CorpusError] = []
    for item in iter_articles(path):
        if isinstance(item, CorpusError):
            problems.append(item)
        else:
            articles.append(item)
    return Corpus(tuple(articles), tuple(problems))


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One article file and its manifest metadata: what a worker needs to read it on its own."""

    path: Path
    outlet: str = ""
    headline: str = ""
    published: date | None = None
    url: str = ""
    max_bytes: int = MAX_ARTICLE_BYTES

    def read(self) -> Article | CorpusError:
        """The article, or the CorpusError that reading it raised."""
        try:
            return read_article(
                self.path, self.outlet, self.headline, self.published, self.url, self.max_bytes
            )
        except CorpusError as exc:
            return exc


def plan_corpus(
    path: Path, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[ArticleSource], list[CorpusError]]:
    """The article files under ``path`` (sorted by name) with their metadata, and manifest problems.

    An article larger than ``max_bytes`` is reported and skipped when it is read.

    Raises :class:`CorpusError` only when ``path`` does not exist.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if _is_article_file(p))
        manifest = path / MANIFEST_NAME
    elif path.is_file():
        files = [path]
        manifest = path.with_name(MANIFEST_NAME)
    else:
        raise CorpusError("no such file or directory", path)
    entries: dict[str, ManifestEntry] = {}
    problems: list[CorpusError] = []
    if manifest.is_file():
        entries, manifest_problems = read_manifest(manifest)
        problems.extend(manifest_problems)
        if path.is_dir():
            names = {p.name for p in files}
            problems.extend(
                CorpusError(f"names {name!r}, which is not an article file here", manifest, entry.line)
                for name, entry in entries.items()
                if name not in names
            )
    files = _one_file_per_id(files, problems)
    if not files:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        problems.append(CorpusError(f"no articles found (files ending {suffixes})", path))
    sources = []
    for file in files:
        entry = entries.get(file.name)
        if entry is None:
            sources.append(ArticleSource(file, max_bytes=max_bytes))
        else:
            sources.append(
                ArticleSource(file, entry.outlet, entry.headline, entry.published, entry.url, max_bytes)
            )
    return sources, problems


def _is_article_file(path: Path) -> bool:
    """True for a file of ARTICLE_SUFFIXES in a corpus directory, but its README (which describes it)."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.stem.lower() != "readme" and path.is_file()


def _one_file_per_id(files: list[Path], problems: list[CorpusError]) -> list[Path]:
    """The first file of each article id (the file's stem), reporting the others ("a.txt" beside "a.html")."""
    kept: dict[str, Path] = {}
    for file in files:
        if file.stem in kept:
            problems.append(CorpusError(f"skipped: the article id of {kept[file.stem].name} again", file))
        else:
            kept[file.stem] = file
    return list(kept.values())


def iter_articles(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | CorpusError]:
    """Stream the articles under ``path`` one at a time, each an Article or the CorpusError it raised.

    Manifest problems come first, then the article files sorted by name (article id = file stem).
    """
    sources, problems = plan_corpus(path, max_bytes)
    yield from problems
    for source in sources:
        yield source.read()
