"""Path fixtures shared by the tests (in the manner of Fiona's `fio` tests)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.gazetteer import NameIndex, Resolver, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
#: The python of the build a wheel gives (hot modules compiled by mypyc): ``make compiled``, which ``make test``
#: runs first and names here.
COMPILED_PYTHON = Path(
    os.environ.get("FRONTLINES_COMPILED_PYTHON", ROOT / ".venv-compiled" / "bin" / "python")
)


@pytest.fixture(scope="session", autouse=True)
def _index_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the name-index cache of the test session out of the user's home."""
    os.environ["FRONTLINES_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed corpus that ships with the repository."""
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def compiled_python() -> Path:
    """The compiled build's python (it must exist: a test of it never skips)."""
    if not COMPILED_PYTHON.exists():
        pytest.fail(f"no compiled build at {COMPILED_PYTHON}: run `make compiled` (make test does)")
    return COMPILED_PYTHON


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    """A resolver over the shipped gazetteer (built once per session)."""
    return Resolver(load_gazetteer())


@pytest.fixture()
def runner() -> CliRunner:
    """A Typer CLI runner."""
    return CliRunner()


SMALL_PLACES = """\
id,kind,name,name_ar,lat,lon,admin1,admin2,admin3,admin1_pcode,population,source_ids,approximate
SY07,governorate,Idleb,إدلب,35.75,36.6,Idleb,,,SY07,0,ocha:SY07,
T1,populated_place,Saraqab,سراقب,35.864,36.806,Idleb,Idleb,Saraqab,SY07,0,ocha:T1,
T2,populated_place,Nayrab,النيرب,35.869,36.718,Idleb,Idleb,Idleb,SY07,0,ocha:T2,
T3,populated_place,Idleb,إدلب,35.930,36.633,Idleb,Idleb,Idleb,SY07,165000,ocha:T3,
T4,populated_place,Al Salheeh,الصالحية,35.903,36.778,Idleb,Idleb,Sarmin,SY07,0,ocha:T4,
T5,populated_place,Salheyeh,الصالحية,35.780,36.280,Idleb,Jisr-Ash-Shugur,Jisr-Ash-Shugur,SY07,0,ocha:T5,
T6,populated_place,Afs,آفس,35.907,36.804,Idleb,Idleb,Saraqab,SY07,0,ocha:T6,
T7,populated_place,Nayrab,النيرب,36.180,37.210,Aleppo,Jebel Saman,Jebel Saman,SY02,0,ocha:T7,
T8,populated_place,Khan Shaykun,خان شيخون,35.442,36.651,Idleb,Al Ma'ra,Khan Shaykun,SY07,0,ocha:T8,
T9,populated_place,Maarrat An-Numan,معرة النعمان,35.648,36.677,Idleb,Al Ma'ra,Maarrat An-Numan,SY07,0,ocha:T9,
T10,populated_place,Hama,حماة,35.132,36.758,Hama,Hama,Hama,SY05,700000,ocha:T10,
T11,populated_place,Bara,البارة,35.683,36.533,Idleb,Ariha,Ehsem,SY07,0,ocha:T11,
"""
SMALL_NAMES = """\
place_id,name,lang,source
T1,Saraqib,en,test
T2,Nairab,en,test
T9,Maarat al-Numan,en,test
T8,Khan Sheikhoun,en,test
"""
SMALL_OUTSIDE = """\
id,name,kind,country,source
country:RU,Russia,foreign_country,RU,test
country:US,US,foreign_country,US,test
ankara,Ankara,foreign_place,TR,test
"""


@pytest.fixture()
def small_gazetteer(tmp_path: Path) -> Path:
    """A twelve-place gazetteer directory written for the test (real coordinates, test ids)."""
    directory = tmp_path / "gazetteer"
    directory.mkdir()
    (directory / "places.csv").write_text(SMALL_PLACES, encoding="utf-8")
    (directory / "names.csv").write_text(SMALL_NAMES, encoding="utf-8")
    (directory / "outside.csv").write_text(SMALL_OUTSIDE, encoding="utf-8")
    return directory


@pytest.fixture()
def small_resolver(small_gazetteer: Path) -> Resolver:
    """A resolver over the small test gazetteer."""
    gazetteer = load_gazetteer(small_gazetteer)
    return Resolver(gazetteer, NameIndex(gazetteer))


def write(path: Path, text: str) -> Path:
    """Write dedented text to a file (creating folders) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
