"""Build the frozen one-folder app and (with --smoke) prove it starts::

    python packaging/build.py [--smoke] [--database URL] [--dist DIR] [--work DIR]

Runs PyInstaller on packaging/scpdesk.spec (non-interactive, clean work folder) into DIST/scpdesk/, prints the
build time and the folder's size, checks that every Qt library a bundled Qt file needs was bundled (the trim
must not cut one), then with --smoke runs the frozen app: ``--version``, a command found at run time
(``report annual --help``), ``--smoke-test [--database URL]`` and ``db upgrade``, each in a new temporary data
folder, offscreen. Exit code non-zero when the build or the frozen app fails. tests/packaging/ uses these
functions (CI builds once and runs the same checks on SQLite and PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "scpdesk.spec"
APP_NAME = "scpdesk"
#: A frozen run that takes longer than this has hung (the smoke test takes a few seconds).
RUN_TIMEOUT = 600


@dataclass(frozen=True)
class Build:
    app_dir: Path
    seconds: float
    size_bytes: int

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 1_000_000


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build(dist: Path, work: Path, *, trim: bool = True, quiet: bool = False) -> Build:
    """PyInstaller on the spec into ``dist/scpdesk``; raises CalledProcessError when the build fails."""
    env = dict(os.environ, SCPDESK_TRIM="1" if trim else "0")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.STDOUT if quiet else None)
    app_dir = dist / APP_NAME
    result = Build(app_dir, time.monotonic() - started, folder_size(app_dir))
    missing = missing_qt_libraries(app_dir)
    if missing:
        raise RuntimeError("the build lacks Qt libraries its own files need (see TRIM in packaging/scpdesk.spec): "
                           + "; ".join(missing))
    return result


def missing_qt_libraries(app_dir: Path) -> list[str]:
    """'file needs library' for each Qt library (Qt6*) a bundled Qt library or plugin links to and the folder
    lacks: a plugin kept while the library it loads was trimmed would fail only on the machine that loads it."""
    from PyInstaller.depend.bindepend import get_imports

    internal = app_dir / "_internal"
    qt_files = [f for f in internal.rglob("*") if f.is_file() and "PySide6" in f.relative_to(internal).parts
                and (f.suffix in (".so", ".dll", ".dylib") or ".so." in f.name)]
    present = {f.name.lower() for f in internal.rglob("*") if f.is_file()}
    missing = []
    for qt_file in qt_files:
        for name, _path in get_imports(str(qt_file)):
            base = Path(name).name
            if "qt6" in base.lower() and base.lower() not in present:
                missing.append(f"{qt_file.relative_to(app_dir)} needs {base}")
    return sorted(set(missing))


def executable(app_dir: Path) -> Path:
    """The frozen program that prints: on Windows the console twin of the windowed scpdesk.exe."""
    if sys.platform == "win32":
        return app_dir / f"{APP_NAME}-cli.exe"
    return app_dir / APP_NAME


def run_frozen(app_dir: Path, *args: str, data_dir: Path | None = None,
               set_home: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the frozen app with ARGS in a new (or the given) data folder, offscreen, never the user's database;
    output captured as text. ``set_home=False``: no SCPDESK_HOME (only with a ``portable`` file beside it)."""
    with tempfile.TemporaryDirectory(prefix="scpdesk-frozen-") as temporary:
        env = {key: value for key, value in os.environ.items() if not key.startswith("SCPDESK_")}
        # COLUMNS: argparse wraps help to it, so the output does not depend on who runs this.
        env.update(QT_QPA_PLATFORM="offscreen", COLUMNS="100")
        if set_home:
            env["SCPDESK_HOME"] = str(data_dir or temporary)
        else:  # were the portable mode not to work, the user's folders of this run are temporary ones (Linux)
            env.update({f"XDG_{kind}_HOME": temporary for kind in ("DATA", "CONFIG", "STATE", "CACHE")})
        return subprocess.run([str(executable(app_dir)), *args], env=env, cwd=temporary, text=True,
                              capture_output=True, timeout=RUN_TIMEOUT, check=False)


def smoke_steps(database_url: str | None) -> list[tuple[str, ...]]:
    """What --smoke runs, in order: each must exit 0."""
    database = ("--database", database_url) if database_url else ()
    # The smoke test first: on a new --database it is its migration that creates the schema (none -> head).
    return [("--version",), ("report", "annual", "--help"), ("--smoke-test", *database),
            (*database, "db", "upgrade")]


def smoke(app_dir: Path, database_url: str | None = None) -> int:
    """Run smoke_steps against the frozen app, printing each command and its output; 0 when all pass."""
    for step in smoke_steps(database_url):
        shown = " ".join("URL" if database_url and part == database_url else part for part in step)
        print(f"$ {executable(app_dir).name} {shown}", flush=True)
        done = run_frozen(app_dir, *step)
        print(done.stdout + done.stderr, end="", flush=True)
        if done.returncode != 0:
            print(f"FAILED: exit code {done.returncode}", file=sys.stderr)
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="run the frozen app's smoke test after the build")
    parser.add_argument("--database", metavar="URL", help="the database the smoke test uses (default: a new "
                                                          "SQLite file in a temporary folder)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--no-trim", action="store_true", help="keep every Qt plugin and module (to compare)")
    args = parser.parse_args(argv)
    try:
        built = build(args.dist.resolve(), args.work.resolve(), trim=not args.no_trim)
    except (subprocess.CalledProcessError, RuntimeError) as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    print(f"Built {built.app_dir} in {built.seconds:.0f} s: {built.size_mb:.0f} MB")
    return smoke(built.app_dir, args.database) if args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
