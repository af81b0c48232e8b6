"""What scpdesk bundles and under which licence: one list, read by the About box and by the build's LICENSES/ folder.

Qt-free and database-free (the About box reads it on the GUI thread; ``packaging/licenses.py`` at build time).
A component is listed once whatever the platform; only the ones installed beside scpdesk (so bundled into its
frozen build) are shown. Versions come from the installed distributions' metadata, never typed here.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from . import __version__

QT_SOURCE = "https://download.qt.io/official_releases/qt/"
QT_GIT = "https://code.qt.io/"
PYSIDE_SOURCE = "https://download.qt.io/official_releases/QtForPython/pyside6/"

#: Shown in the About box, at the head of LICENSES/README.txt and as the installer's licence page: what the
#: LGPL (Qt, PySide6, psycopg) asks a distributor to tell the user.
LGPL_NOTICE = f"""\
scpdesk is free software under the MIT licence.

It includes the Qt libraries and PySide6 (Qt for Python), used under the GNU Lesser General Public
Licence version 3 (LGPLv3), and psycopg, also under the LGPLv3. They are included as separate,
unmodified shared libraries and Python modules in the scpdesk folder, so you may replace them with
your own builds or other versions of the same libraries (put them in the place of the ones supplied).
The complete corresponding source of Qt is at {QT_SOURCE} and {QT_GIT}; of PySide6 at {PYSIDE_SOURCE}
and on PyPI (https://pypi.org/project/PySide6-Essentials/#files); of psycopg at https://pypi.org/project/psycopg/.
The full texts of the LGPLv3 and the GPLv3 it builds on, and the licence of every other component, are in
the LICENSES folder in the scpdesk program folder.
"""


@dataclass(frozen=True)
class Component:
    """A bundled component: ``distribution`` names the installed Python distribution it is (or comes inside:
    ``inside``), whose metadata gives the version and, where it ships them, the licence texts. ``texts``: files of
    the source tree (standard texts in packaging/licenses/) written too: the distribution ships none, or not all."""

    name: str
    licence: str
    url: str
    distribution: str | None = None
    inside: bool = False
    texts: tuple[str, ...] = ()
    note: str = ""
    #: A version known from the files themselves (the fonts), shown when there is no distribution's.
    fixed_version: str = ""

    def version(self) -> str | None:
        """The installed version ("in X 1.2" for one inside another); None when not installed here (a component
        of another platform)."""
        if self.distribution is None:
            return self.fixed_version or platform.python_version()
        try:
            version = metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return None
        return f"in {self.distribution} {version}" if self.inside else version


_STD = "packaging/licenses/"
_LGPL = (_STD + "LGPL-3.0.txt", _STD + "GPL-3.0.txt")


def _dist(name: str, licence: str, url: str, *, texts: tuple[str, ...] = (), note: str = "") -> Component:
    """A Python distribution of that name (its licence texts from its metadata)."""
    return Component(name, licence, url, distribution=name, texts=texts, note=note)


COMPONENTS: tuple[Component, ...] = (
    Component("scpdesk", "MIT", "", texts=("LICENSE",), fixed_version=__version__),
    Component("Python", "PSF License Agreement (Python Software Foundation)", "https://www.python.org/",
              texts=(_STD + "Python-PSF.txt",)),
    Component("Qt", "LGPLv3", QT_GIT, distribution="PySide6-Essentials",  # PySide6 6.x ships Qt 6.x
              texts=_LGPL, note="source: " + QT_SOURCE),
    _dist("PySide6-Essentials", "LGPLv3", "https://www.qt.io/qt-for-python", texts=_LGPL,
          note="source: " + PYSIDE_SOURCE),
    _dist("shiboken6", "LGPLv3", "https://www.qt.io/qt-for-python", texts=_LGPL),
    Component("DejaVu fonts", "Bitstream Vera Fonts licence (and public domain changes)", "https://dejavu-fonts.github.io/",
              texts=("scpdesk/reports/fonts/LICENSE.txt",), fixed_version="2.37",
              note="in reports/fonts: the meeting packs' typeface"),
    _dist("reportlab", "BSD (3-clause)", "https://www.reportlab.com/"),
    _dist("rl_accel", "BSD (3-clause)", "https://hg.reportlab.com/hg-public/rl-accel"),
    _dist("SQLAlchemy", "MIT", "https://www.sqlalchemy.org/"),
    _dist("alembic", "MIT", "https://alembic.sqlalchemy.org/"),
    _dist("Mako", "MIT", "https://www.makotemplates.org/"),
    _dist("MarkupSafe", "BSD (3-clause)", "https://palletsprojects.com/p/markupsafe/"),
    _dist("psycopg", "LGPLv3", "https://www.psycopg.org/"),
    _dist("psycopg-binary", "LGPLv3", "https://www.psycopg.org/",
          note="includes libpq (PostgreSQL licence) and OpenSSL (Apache 2.0)"),
    Component("libpq (PostgreSQL client library)", "PostgreSQL licence", "https://www.postgresql.org/",
              distribution="psycopg-binary", inside=True, texts=(_STD + "PostgreSQL.txt",)),
    Component("OpenSSL", "Apache 2.0", "https://www.openssl.org/", distribution="psycopg-binary", inside=True,
              texts=(_STD + "Apache-2.0.txt",), note="inside psycopg-binary and sqlcipher3"),
    _dist("pypdf", "BSD (3-clause)", "https://github.com/py-pdf/pypdf"),
    _dist("typst", "Apache 2.0", "https://github.com/messense/typst-py",
          note="the Typst compiler (https://typst.app, Apache 2.0): the tagged, accessible published PDFs"),
    Component("Fonts inside the Typst compiler (not used)", "SIL OFL 1.1; GUST Font License; Bitstream Vera",
              "https://github.com/typst/typst-assets", distribution="typst", inside=True,
              texts=(_STD + "Typst-embedded-fonts.txt", _STD + "OFL-1.1.txt", _STD + "GUST-Font-License.txt",
                     _STD + "LPPL-1.3c.txt"),
              note="Libertinus Serif, New Computer Modern, DejaVu Sans Mono: compiled in, never typeset with"),
    _dist("babel", "BSD (3-clause)", "https://babel.pocoo.org/", note="dates in Welsh in the published documents"),
    Component("Unicode CLDR data", "Unicode License v3", "https://cldr.unicode.org/", distribution="babel",
              inside=True, texts=(_STD + "Unicode-CLDR.txt",), note="Babel's locale data"),
    _dist("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    _dist("holidays", "MIT", "https://github.com/vacanza/holidays"),
    _dist("openpyxl", "MIT", "https://openpyxl.readthedocs.io/"),
    _dist("et_xmlfile", "MIT", "https://foss.heptapod.net/openpyxl/et_xmlfile"),
    _dist("icalendar", "BSD (2-clause)", "https://github.com/collective/icalendar"),
    _dist("python-dateutil", "Apache 2.0 or BSD (3-clause)", "https://github.com/dateutil/dateutil"),
    _dist("six", "MIT", "https://github.com/benjaminp/six"),
    _dist("tzdata", "Apache 2.0", "https://github.com/python/tzdata"),
    _dist("typing_extensions", "PSF License Agreement", "https://github.com/python/typing_extensions"),
    _dist("sqlcipher3-wheels", "zlib/libpng (the pysqlite binding)", "https://github.com/laggykiller/sqlcipher3",
          note="includes SQLCipher (BSD) and OpenSSL (Apache 2.0)"),
    Component("SQLCipher", "BSD (3-clause), Zetetic LLC; SQLite is public domain", "https://www.zetetic.net/sqlcipher/",
              distribution="sqlcipher3-wheels", inside=True, texts=(_STD + "SQLCipher-BSD.txt",)),
    _dist("keyring", "MIT", "https://github.com/jaraco/keyring"),
    _dist("jaraco.classes", "MIT", "https://github.com/jaraco/jaraco.classes"),
    _dist("jaraco.context", "MIT", "https://github.com/jaraco/jaraco.context"),
    _dist("jaraco.functools", "MIT", "https://github.com/jaraco/jaraco.functools"),
    _dist("more-itertools", "MIT", "https://github.com/more-itertools/more-itertools"),
    _dist("backports.tarfile", "MIT", "https://github.com/jaraco/backports.tarfile"),
    _dist("importlib_metadata", "Apache 2.0", "https://github.com/python/importlib_metadata"),
    _dist("zipp", "MIT", "https://github.com/jaraco/zipp"),
    _dist("lazy-importer", "Apache 2.0", "https://pypi.org/project/lazy-importer/"),
    _dist("pywin32-ctypes", "BSD (3-clause)", "https://github.com/enthought/pywin32-ctypes",
          note="Windows: the Credential Manager for keyring"),
    _dist("SecretStorage", "BSD (3-clause)", "https://github.com/mitya57/secretstorage", note="Linux: keyring"),
    _dist("jeepney", "MIT", "https://gitlab.com/takluyver/jeepney", note="Linux: keyring"),
    _dist("cryptography", "Apache 2.0 or BSD (3-clause)", "https://github.com/pyca/cryptography"),
    _dist("cffi", "MIT", "https://github.com/python-cffi/cffi"),
    _dist("pycparser", "BSD (3-clause)", "https://github.com/eliben/pycparser"),
    _dist("charset-normalizer", "MIT", "https://github.com/jawah/charset_normalizer"),
    _dist("pillow", "MIT-CMU (HPND)", "https://python-pillow.org/"),
    _dist("greenlet", "MIT and PSF", "https://github.com/python-greenlet/greenlet", note="with SQLAlchemy 2.0"),
    _dist("pyinstaller", "GPLv2 or later with the bootloader exception", "https://pyinstaller.org/",
          note="its bootloader starts the frozen program (the exception allows any program to be built)"),
)

#: In the build's LICENSES folder: what it was written from, read back by the frozen program's About box (a
#: frozen program carries few distributions' metadata, so it cannot ask importlib.metadata).
INDEX_FILE = "components.json"


def index_json(components: list[tuple[Component, str]]) -> str:
    """``components`` (with their versions) as LICENSES/components.json holds them."""
    return json.dumps([{**asdict(component), "texts": list(component.texts), "version": version}
                       for component, version in components], indent=1)


def _frozen_index() -> list[tuple[Component, str]] | None:
    """In the frozen program: the list LICENSES/components.json beside it holds (None elsewhere or without it)."""
    if not getattr(sys, "frozen", False):
        return None
    path = Path(sys.executable).resolve().parent / "LICENSES" / INDEX_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        found = []
        for row in rows:
            fields = {key: value for key, value in row.items() if key != "version"}
            fields["texts"] = tuple(fields.get("texts", ()))
            found.append((Component(**fields), str(row["version"])))
        return found
    except (OSError, ValueError, TypeError, KeyError):
        return None


def bundled() -> list[tuple[Component, str]]:
    """The components installed here (so in a build made here), each with its version; in the frozen program,
    those its LICENSES folder lists."""
    frozen = _frozen_index()
    return frozen if frozen is not None else _installed()


def _installed() -> list[tuple[Component, str]]:
    found = []
    for component in COMPONENTS:
        version = component.version()
        if version is not None:
            found.append((component, version))
    return found
