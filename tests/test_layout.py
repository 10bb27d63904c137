"""The one-way module order of DEVELOPERS.md: each module imports only those before it."""

import ast
from pathlib import Path

import pytest

ORDER = ["schema", "models", "errors", "atomic", "literals", "dates", "gazetteer", "corpus", "mentions", "events",
         "timeline", "compare", "render", "pipeline", "api", "cli"]  # fmt: skip
#: The order inside each package: a module imports only the modules listed before it (``__init__``
#: may import any). In ``cli`` every module not listed is a command, and commands import no other command.
PACKAGE_ORDER = {
    "gazetteer": ["_scan", "normalise", "load", "tables", "patterns", "index", "nearby", "parts", "lookups", "geography", "bearings", "ranking", "resolve", "online", "rows", "features", "regions", "sources", "boundaries", "build", "validate",
                  "geonames"],
    "events": ["actors", "allies", "triggers", "cues", "highways", "sentence", "locatives", "anaphors", "items", "lists", "discourse", "sides", "places", "dating", "explain", "namesakes", "extract", "reports", "undated", "clusters", "consensus", "merge",
               "export", "acled", "files"],
    "render": ["style", "assets", "data", "zones", "page", "snapshot", "timeline_map", "index_page", "figure"],
    "literals": ["regex", "gate", "requirements"],
    "dates": ["expressions", "ranges", "reading"],
    "corpus": ["markup", "cleaning", "sentences", "reading", "manifest", "sources"],
    "mentions": ["context"],
    "timeline": ["spans", "routes", "control"],
    "pipeline": ["resolving", "extraction", "maps"],
    "cli": ["common"],
}  # fmt: skip
PACKAGE = Path(__file__).resolve().parent.parent / "src" / "frontlines"


def _layer(module: str) -> int:
    return ORDER.index(module.split(".")[1])


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_earlier_layers(path: Path) -> None:
    own = _layer("frontlines." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
        )
        for name in names:
            if name.startswith("frontlines."):
                assert _layer(name) <= own, f"{path.name} imports {name}, which comes after it"


def test_every_layer_exists() -> None:
    for name in ORDER:
        assert (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists(), name


def _package_imports(path: Path) -> set[str]:
    """The modules of its own package that ``path`` imports (``from frontlines.pkg import mod`` too)."""
    package = path.parent.name
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path.name}: relative import; write frontlines.{package}.<module>")
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )  # fmt: skip
        for name in names:
            if name.startswith(f"frontlines.{package}."):
                found.add(name.split(".")[2])
        if isinstance(node, ast.ImportFrom) and node.module == f"frontlines.{package}":
            found |= {a.name for a in node.names if (path.parent / f"{a.name}.py").is_file()}
    return found


def _package_modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.glob("*/*.py") if p.name != "__init__.py" and (p.parent / "__init__.py").is_file()
    )


@pytest.mark.parametrize("path", _package_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_earlier_modules_of_its_package(path: Path) -> None:
    package, order = path.parent.name, PACKAGE_ORDER.get(path.parent.name, [])
    if path.stem not in order and package != "cli":
        raise AssertionError(f"add {path.stem} to PACKAGE_ORDER[{package!r}] in tests/test_layout.py")
    rank = order.index(path.stem) if path.stem in order else len(order)
    for name in _package_imports(path):
        assert name in order and order.index(name) < rank, (
            f"{package}/{path.name} imports {name}, which comes after it"
        )


def test_package_orders_name_existing_modules() -> None:
    for package, order in PACKAGE_ORDER.items():
        missing = [
            m for m in order if not any((PACKAGE / package / f"{m}{ext}").is_file() for ext in (".py", ".c"))
        ]
        assert missing == [], package
