"""Build the API reference from the docstrings (pdoc) and fail on a broken cross-reference.

Usage: ``python scripts/build_docs.py OUT_DIR`` (``make docs`` writes ``docs/api/``, git-ignored).
``python scripts/build_docs.py --check`` only checks the references (``tests/test_docs.py`` does too).

A reference is a Sphinx role in a docstring (``:class:`Place```, ``:func:`~frontlines.dates.unknown_date```,
``:meth:`find```). It resolves against the class the docstring belongs to, then its module, then as
an absolute dotted path; one that resolves nowhere is an error naming the module and the object.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import frontlines

ROLE_RE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):`~?([\w.]+)`")


def modules() -> list[ModuleType]:
    """Every module of the package, in name order."""
    names = [frontlines.__name__] + [
        m.name for m in pkgutil.walk_packages(frontlines.__path__, "frontlines.")
    ]
    return [importlib.import_module(name) for name in sorted(names)]


def _documented(module: ModuleType) -> Iterator[tuple[str, object, object | None]]:
    """(qualified name, object, enclosing class) for the module and what it defines, with docstrings."""
    yield module.__name__, module, None
    for name, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(value):
            yield f"{module.__name__}.{name}", value, value
            for member_name, member in vars(value).items():
                function = (
                    member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                )
                if inspect.isfunction(function):
                    yield f"{module.__name__}.{name}.{member_name}", function, value
        elif inspect.isfunction(value):
            yield f"{module.__name__}.{name}", value, None


def _lookup(base: object, dotted: str) -> bool:
    for part in dotted.split("."):
        if not hasattr(base, part):
            return False
        base = getattr(base, part)
    return True


def _resolves(target: str, module: ModuleType, owner: object | None) -> bool:
    if owner is not None and _lookup(owner, target):
        return True
    if _lookup(module, target):
        return True
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            base = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        return _lookup(base, ".".join(parts[cut:])) if cut < len(parts) else True
    return False


def broken_references() -> list[str]:
    """Every docstring reference of the package that resolves to nothing, as ``object: :role:`target```."""
    broken = []
    for module in modules():
        for qualname, value, owner in _documented(module):
            for target in ROLE_RE.findall(inspect.getdoc(value) or ""):
                if not _resolves(target, module, owner):
                    broken.append(f"{qualname}: {target}")
    return sorted(set(broken))


def main(argv: list[str]) -> int:
    broken = broken_references()
    for line in broken:
        print(f"broken reference in {line}", file=sys.stderr)
    if broken or argv == ["--check"]:
        return 1 if broken else 0
    import pdoc  # the docs extra: pip install -e '.[docs]'
    import pdoc.render

    out = Path(argv[0] if argv else "docs/api")
    pdoc.render.configure(docformat="restructuredtext", show_source=False)
    pdoc.pdoc(*(m.__name__ for m in modules()), output_directory=out)
    print(f"API reference written to {out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
