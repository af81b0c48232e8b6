"""The Windows version resource of scpdesk.exe (Explorer's Properties → Details; what IT's inventory tools read).

    python packaging/version_info.py DEST    (the spec calls ``write_version_file(workpath / "version_info.txt")``)

Written as the text file PyInstaller's ``EXE(version=...)`` takes: a ``VSVersionInfo(...)`` expression that
PyInstaller reads with ``PyInstaller.utils.win32.versioninfo.load_version_info_from_text_file`` (an ``eval`` over
that module's classes) and compiles to the RT_VERSION resource. Written here from a template rather than with
``pyinstaller-versionfile``: that package only fills the same template from a YAML file, one more build
dependency for nothing, and PyInstaller's own module cannot be imported off Windows (it needs pywin32) to build
the objects; tests/packaging/test_windows.py checks the text with PyInstaller's own parser.
Fields: https://learn.microsoft.com/windows/win32/menurc/versioninfo-resource
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a source tree: scpdesk importable without installing
    sys.path.insert(0, str(ROOT))

from scpdesk import __version__  # noqa: E402

COMPANY = "scpdesk"
PRODUCT = "scpdesk"
DESCRIPTION = "scpdesk - case reviews for Safeguarding Children Partnerships"
COPYRIGHT = "Copyright (c) 2026 The scpdesk authors. MIT licence; bundled components: see LICENSES."


def four_part(version: str) -> tuple[int, int, int, int]:
    """The numeric Windows version of a Python package version: its release numbers, padded or cut to four
    ("0.1.0" -> 0.1.0.0; "1.2rc1" -> 1.2.0.0; "2.0.1.dev3" -> 2.0.1.0). Each part is a 16-bit number."""
    match = re.match(r"\s*v?(\d+(?:\.\d+)*)", version)
    if match is None:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(part) for part in match.group(1).split(".")][:4]
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"a Windows version part is at most 65535: {version!r}")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_text(version: str = __version__) -> str:
    """The VSVersionInfo text for ``version``."""
    numbers = four_part(version)
    dotted = ".".join(map(str, numbers))
    strings = {"CompanyName": COMPANY, "FileDescription": DESCRIPTION, "FileVersion": dotted,
               "InternalName": "scpdesk", "LegalCopyright": COPYRIGHT, "OriginalFilename": "scpdesk.exe",
               "ProductName": PRODUCT, "ProductVersion": version}
    entries = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# UTF-8
# scpdesk {version}: written by packaging/version_info.py, read by PyInstaller (EXE(version=...)).
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [
{entries}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def write_version_file(dest: Path) -> Path:
    """Write the version resource text for ``scpdesk.__version__`` to ``dest``; returns ``dest``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(version_text(), encoding="utf-8")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python packaging/version_info.py DEST")
    print(write_version_file(Path(sys.argv[1])))
