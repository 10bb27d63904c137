"""The one-way module order of DEVELOPERS.md: each module imports only those before it."""

import ast
from pathlib import Path

import pytest

ORDER = ["schema", "models", "errors", "atomic", "literals", "dates", "gazetteer", "corpus", "mentions", "events",
         "timeline", "compare", "render", "pipeline", "cli"]  # fmt: skip
PACKAGE = Path(__file__).resolve().parent.parent / "src" / "frontlines"


def _layer(module: str) -> int:
    return ORDER.index(module.split(".")[1])


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_earlier_layers(path: Path) -> None:
    own = _layer("frontlines." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
        )
        for name in names:
            if name.startswith("frontlines."):
                assert _layer(name) <= own, f"{path.name} imports {name}, which comes after it"


def test_every_layer_exists() -> None:
    for name in ORDER:
        assert (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists(), name
