"""Type stub of the native scan (``_scan.c``)."""

from collections.abc import Callable

class Scanner:
    """Tokens, their classes and the leftmost-longest names of a text, in one native pass."""

    def __init__(
        self, patterns: str, classify: Callable[[str], tuple[int, int]], max_tokens: int
    ) -> None: ...
    def scan(self, text: str) -> bytes: ...
    @property
    def nodes(self) -> int: ...
