"""``scpdesk`` (the window) where there is no screen: a Linux server or an SSH session. Qt would abort the process
(SIGABRT: exit 134 and maybe a core file holding the first rows already read); scpdesk says why and what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scpdesk.cli import EXIT_USAGE, no_screen


@pytest.mark.parametrize("env", [{}, {"DISPLAY": ""}])
def test_no_display_and_no_qt_platform_is_no_screen_on_linux(env: dict[str, str]) -> None:
    problem = no_screen(env, "linux")
    assert problem is not None and "no screen" in problem and "--smoke-test" in problem


@pytest.mark.parametrize("env", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "offscreen"}])
def test_a_display_or_a_chosen_qt_platform_is_a_screen(env: dict[str, str]) -> None:
    assert no_screen(env, "linux") is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_one(platform: str) -> None:
    assert no_screen({}, platform) is None


def test_the_app_says_so_and_exits_instead_of_aborting(tmp_path: Path) -> None:
    """Run as IT would over SSH (in a process of its own: were Qt to abort, only that process would die)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY") and not k.startswith("SCPDESK_")}
    done = subprocess.run([sys.executable, "-m", "scpdesk", "--data-dir", str(tmp_path)], env=env, text=True,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == EXIT_USAGE, (done.returncode, done.stderr)
    assert "scpdesk: there is no screen to open the window on" in done.stderr
    assert not (tmp_path / "scpdesk.sqlite3").exists()  # nothing was opened
