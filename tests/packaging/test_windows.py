"""The Windows pieces checked on Linux: the LICENSES/ folder, the version resource, the icon files, the Inno Setup
script and the Windows CI workflow (neither can be compiled or run here: what can be checked without Windows is)."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import scpdesk
from scpdesk.licences import COMPONENTS, LGPL_NOTICE, QT_GIT, QT_SOURCE

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "scpdesk.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
#: The installer's AppId: every later installer finds the installed copy (and its data-keeping upgrade) by it.
APP_ID = "{{6F3C2B1E-8D4A-4F6B-9C2E-5A7D1E0B3C94}"


def _load(name: str) -> ModuleType:
    """A script of packaging/ as a module (packaging/ is no package: its name would shadow the PyPI one)."""
    spec = importlib.util.spec_from_file_location(f"scpdesk_packaging_{name}", ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


licenses = _load("licenses")
version_info = _load("version_info")


# --- LICENSES/ ---------------------------------------------------------------------------------------------------

def _runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def test_every_runtime_dependency_has_a_licence_entry_and_its_full_text(tmp_path: Path) -> None:
    names = licenses.write_licenses(tmp_path / "LICENSES")
    listed = {canonicalize_name(c.distribution): c for c in COMPONENTS if c.distribution and not c.inside}
    for requirement in _runtime_requirements():  # Windows-only ones (tzdata) too: the installer bundles them
        component = listed.get(canonicalize_name(requirement.name))
        assert component is not None, f"{requirement.name} has no entry in scpdesk/licences.py"
        if component.version() is None:
            continue  # not installed on this platform
        text = (tmp_path / "LICENSES" / licenses.file_name(component)).read_text(encoding="utf-8")
        body = text.split("=====", 1)[1]
        assert component.name in names and len(body) > 400, (requirement.name, text[:300])
    # and everything those bring in, on this platform
    assert licenses.unlisted([c for c, _ in scpdesk.licences.bundled()]) == []


def test_the_licences_folder_has_the_lgpl_notice_and_qt_s_full_licence_texts(tmp_path: Path) -> None:
    licenses.write_licenses(tmp_path)
    index = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert index.startswith(LGPL_NOTICE) and QT_SOURCE in index and QT_GIT in index
    assert "replace them" in index  # the LGPL's right to swap the Qt libraries, said
    for line in ("Qt ", "PySide6-Essentials ", "DejaVu fonts ", "reportlab ", "psycopg ", "Python ", "scpdesk "):
        assert f"\n{line}" in index, line
    qt = (tmp_path / "Qt.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt and "GNU GENERAL PUBLIC LICENSE" in qt
    assert "Bitstream Vera" in (tmp_path / "DejaVu-fonts.txt").read_text(encoding="utf-8")
    assert "MIT License" in (tmp_path / "scpdesk.txt").read_text(encoding="utf-8")
    assert "ZETETIC" in (tmp_path / "SQLCipher.txt").read_text(encoding="utf-8")


def test_a_bundled_distribution_without_a_licence_entry_stops_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = licenses.runtime_distributions
    monkeypatch.setattr(licenses, "runtime_distributions", lambda: {**real(), "left-pad": "1.0"})
    with pytest.raises(ValueError, match="left-pad"):
        licenses.write_licenses(tmp_path)
    assert not (tmp_path / "README.txt").exists()


def test_the_runtime_closure_follows_extras_and_markers() -> None:
    found = licenses.runtime_distributions()
    assert {"pyside6-essentials", "shiboken6", "psycopg", "psycopg-binary", "mako", "scpdesk"} <= set(found)
    assert "pytest" not in found and "mypy" not in found  # the test extra is not bundled
    assert ("pywin32-ctypes" in found) == (sys.platform == "win32")  # keyring's, on Windows only


# --- the version resource ------------------------------------------------------------------------------------------

def _pyinstaller_versioninfo() -> ModuleType:
    """PyInstaller's own parser of version files. Its module imports pefile and pywin32 at the top (for writing
    resources into an .exe, on Windows); reading a file uses neither, so they are stubbed."""
    spec = importlib.util.find_spec("PyInstaller")
    assert spec is not None and spec.submodule_search_locations, "PyInstaller is in the test extra"
    source = Path(spec.submodule_search_locations[0], "utils", "win32", "versioninfo.py").read_text(encoding="utf-8")
    source = source.replace("import pefile\n", "pefile = None\n").replace(
        "from PyInstaller.compat import win32api\n", "win32api = None\n")
    module = ModuleType("pyinstaller_versioninfo")
    exec(compile(source, "versioninfo.py", "exec"), module.__dict__)  # PyInstaller's own source
    return module


@pytest.mark.parametrize(("version", "expected"), [("0.1.0", (0, 1, 0, 0)), ("1.2rc1", (1, 2, 0, 0)),
                                                     ("2.0.1.dev3", (2, 0, 1, 0)), ("3", (3, 0, 0, 0)),
                                                     ("1.2.3.4.5", (1, 2, 3, 4))])
def test_the_windows_version_is_four_numbers_from_the_package_version(version: str, expected: tuple[int, ...]) -> None:
    assert version_info.four_part(version) == expected


def test_a_version_windows_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError):
        version_info.four_part("1.70000")
    with pytest.raises(ValueError):
        version_info.four_part("latest")


def test_the_version_file_is_what_pyinstaller_reads_and_carries_the_package_version(tmp_path: Path) -> None:
    written = version_info.write_version_file(tmp_path / "build" / "version_info.txt")
    info = _pyinstaller_versioninfo().load_version_info_from_text_file(str(written))
    numbers = version_info.four_part(scpdesk.__version__)
    ms, ls = (numbers[0] << 16) | numbers[1], (numbers[2] << 16) | numbers[3]
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == (ms, ls)
    assert (info.ffi.productVersionMS, info.ffi.productVersionLS) == (ms, ls)
    strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    assert strings["ProductVersion"] == scpdesk.__version__
    assert strings["FileVersion"] == ".".join(map(str, numbers))
    for key in ("CompanyName", "ProductName", "FileDescription", "LegalCopyright", "OriginalFilename"):
        assert strings[key].strip(), key
    assert len(info.toRaw()) > 200  # it serialises to the binary resource PyInstaller puts in the .exe


# --- the icon --------------------------------------------------------------------------------------------------

def test_the_icon_files_hold_every_size_windows_asks_for() -> None:
    icons = ROOT / "scpdesk" / "resources" / "icons"
    data = (icons / "scpdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, _, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert width == height and bits == 32 and offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
    png = (icons / "scpdesk.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (256, 256)
    assert "<svg" in (icons / "scpdesk.svg").read_text(encoding="utf-8")
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "resources/icons/*" in package_data["package-data"]["scpdesk"]  # installed and collected with the app


# --- the Inno Setup script ---------------------------------------------------------------------------------------

def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("//"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        elif current:
            sections[current].append(line)
    return sections


def _setup(sections: dict[str, list[str]]) -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections["Setup"])


def _entries(lines: list[str]) -> list[dict[str, str]]:
    """[Files]/[Registry]-style lines as {parameter: value} (values unquoted)."""
    found = []
    for line in lines:
        parts = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        found.append({key: value.strip().strip('"') for key, value in parts})
    return found


def test_the_installer_is_per_user_without_admin_and_keeps_its_identity() -> None:
    sections = _sections(ISS.read_text(encoding="utf-8"))
    setup = _setup(sections)
    assert setup["AppId"] == APP_ID  # never changed: upgrades find the installed copy by it
    assert setup["PrivilegesRequired"] == "lowest"
    assert set(setup["PrivilegesRequiredOverridesAllowed"].split()) == {"dialog", "commandline"}
    assert setup["DefaultDirName"] == r"{autopf}\scpdesk"
    assert setup["ChangesEnvironment"] == "yes"
    assert setup["AppVersion"] == "{#AppVersion}" and setup["VersionInfoVersion"] == "{#FileVersion}"
    assert {"Setup", "Files", "Icons", "Registry", "Run", "Code", "Messages"} <= set(sections)
    assert "UninstallDelete" not in sections  # the uninstaller removes the program, never the records
    assert any(entry.get("Name", "").startswith("{autoprograms}") for entry in _entries(sections["Icons"]))
    messages = "\n".join(sections["Messages"])
    assert "never deletes them" in messages and "were NOT deleted" in messages


def test_the_installer_has_no_version_written_in_it() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert scpdesk.__version__ not in re.sub(r"^;.*$", "", text, flags=re.MULTILINE)  # comments show an example
    assert re.search(r"#ifndef AppVersion\s+#error", text)  # ISCC without /DAppVersion= stops


def test_databaseurl_sets_the_machine_environment_only_in_an_all_users_install() -> None:
    registry = _entries(_sections(ISS.read_text(encoding="utf-8"))["Registry"])
    by_root = {entry["Root"]: entry for entry in registry if entry.get("ValueName") == "SCPDESK_DATABASE_URL"}
    machine, user = by_root["HKLM"], by_root["HKCU"]
    assert machine["Subkey"] == r"SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
    assert user["Subkey"] == "Environment"
    for entry in (machine, user):
        assert entry["ValueData"] == "{param:DATABASEURL}" and "uninsdeletevalue" in entry["Flags"]
        assert "DatabaseUrlGiven" in entry["Check"]
    assert re.fullmatch(r"DatabaseUrlGiven and IsAdminInstallMode", machine["Check"])
    assert re.fullmatch(r"DatabaseUrlGiven and not IsAdminInstallMode", user["Check"])
    code = "\n".join(_sections(ISS.read_text(encoding="utf-8"))["Code"])
    assert "function DatabaseUrlGiven: Boolean;" in code and "function InitializeSetup: Boolean;" in code


def test_every_file_the_installer_takes_exists_in_a_build_layout(tmp_path: Path) -> None:
    """A one-folder build's layout (the executables, _internal/, LICENSES/ as write_licenses makes it): every path
    the script reads resolves to a file, with its ISPP defines as ISCC would expand them."""
    app = tmp_path / "dist" / "scpdesk"
    (app / "_internal").mkdir(parents=True)
    for name in ("scpdesk.exe", "scpdesk-cli.exe", "_internal/python311.dll"):
        (app / name).write_bytes(b"MZ")
    licenses.write_licenses(app / "LICENSES")
    text = ISS.read_text(encoding="utf-8")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', text))
    assert defines["SourceDir"] == r"..\..\dist\scpdesk" and defines["RepoDir"] == r"..\.."

    def resolve(value: str) -> Path:
        value = value.replace("{#SourceDir}", str(app)).replace("{#RepoDir}", str(ROOT))
        return Path(value.replace("\\", "/"))

    setup = _setup(_sections(text))
    for key in ("LicenseFile", "SetupIconFile"):
        assert resolve(setup[key]).is_file(), key
    for entry in _entries(_sections(text)["Files"]):
        source = resolve(entry["Source"])
        assert list(source.parent.glob(source.name)), entry["Source"]
    assert (ISS.parent / Path(defines["SourceDir"].replace("\\", "/"))).resolve() == (ROOT / "dist" / "scpdesk")


# --- the Windows CI workflow ---------------------------------------------------------------------------------------

def test_the_windows_workflow_builds_smoke_tests_and_compiles_the_installer() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "windows-latest"
    steps = job["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    runs = [step["run"] for step in steps if "run" in step]
    order = ['pip install -e ".[test]"', "python packaging/build.py --smoke", "choco install innosetup",
             r"packaging\windows\scpdesk.iss", "/VERYSILENT", "--smoke-test"]
    positions = [next(i for i, run in enumerate(runs) if part in run) for part in order]
    assert positions == sorted(positions), positions
    compile_step = next(run for run in runs if "scpdesk.iss" in run)
    assert "/DAppVersion=${{ steps.version.outputs.app }}" in compile_step and "LASTEXITCODE" in compile_step
    artifact = steps[-1]["with"]
    assert artifact["path"] == "dist/scpdesk-setup-*.exe" and artifact["if-no-files-found"] == "error"
    assert (ROOT / "packaging" / "windows" / "scpdesk.iss").is_file()


def test_the_readme_for_it_uses_only_switches_the_installer_knows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For IT: installing on Windows", 1)[1].split("\n## ", 1)[0]
    switches = set(re.findall(r"(?<![\w\\/])/([A-Z]{3,})\b", section))
    script = ISS.read_text(encoding="utf-8")
    setup_own = {"VERYSILENT", "SUPPRESSMSGBOXES", "NORESTART", "LOG", "ALLUSERS", "CURRENTUSER"}
    assert {"VERYSILENT", "SUPPRESSMSGBOXES", "NORESTART", "ALLUSERS", "DATABASEURL"} <= switches
    for switch in switches - setup_own:
        assert f"{{param:{switch}}}" in script, switch
    assert "portable" in section and r"%LOCALAPPDATA%\scpdesk" in section


def test_the_frozen_program_lists_what_its_licences_folder_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen program carries few distributions' metadata: its About box reads LICENSES/components.json."""
    names = licenses.write_licenses(tmp_path / "LICENSES")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "scpdesk.exe"))
    monkeypatch.setattr(scpdesk.licences, "_installed", lambda: [])  # as importlib.metadata finds (nearly) nothing
    listed = scpdesk.licences.bundled()
    assert [component.name for component, _ in listed] == names
    qt = next(component for component, _ in listed if component.name == "Qt")
    assert qt.licence == "LGPLv3" and qt.url == QT_GIT
