"""One error root, ``FrontlinesError``; its children also subclass the built-in a caller would expect.

Every error can name the file and line it comes from, so the CLI prints one line such as
``seeds/003.txt:1: not UTF-8 (decoded as cp1252)`` and goes on with the other inputs.
"""

from __future__ import annotations

from os import PathLike


class FrontlinesError(Exception):
    """Root of every error frontlines raises on bad input or a bad request."""

    def __init__(self, message: str, path: str | PathLike[str] | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self) -> tuple[type[FrontlinesError], tuple[object, ...]]:
        # Keep path and line when errors cross process boundaries (--jobs, Dask workers).
        return (self.__class__, (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class GazetteerError(FrontlinesError, ValueError):
    """A gazetteer file is missing, malformed or inconsistent."""


class GazetteerInvalid(GazetteerError):
    """A gazetteer failed its checks; ``errors`` holds every problem found, each with file and line."""

    def __init__(self, message: str, path: str | PathLike[str] | None = None, line: int | None = None,
                 errors: tuple[GazetteerError, ...] = ()):  # fmt: skip
        super().__init__(message, path, line)
        self.errors = tuple(errors)

    def __reduce__(self) -> tuple[type[FrontlinesError], tuple[object, ...]]:
        return (self.__class__, (self.message, self.path, self.line, self.errors))


class CorpusError(FrontlinesError, ValueError):
    """An article or manifest cannot be read."""


class DateError(FrontlinesError, ValueError):
    """A date or date expression cannot be understood."""


class ExtractionError(FrontlinesError, ValueError):
    """Events cannot be extracted or merged (e.g. a malformed actor lexicon)."""


class RenderError(FrontlinesError, RuntimeError):
    """A map or report cannot be written."""


class GeocoderError(FrontlinesError, ConnectionError):
    """The optional online geocoder failed or is not enabled."""


class FrontlinesWarning(UserWarning):
    """Something was recovered from (e.g. an article decoded from a legacy encoding)."""


class OutputError(FrontlinesError, RuntimeError):
    """An output cannot be written (e.g. another run holds its directory)."""
