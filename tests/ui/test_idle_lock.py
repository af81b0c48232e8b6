"""The idle lock: after the idle time every window hides its records behind the lock screen; a form keeps what
was typed; only the right secret unlocks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTabWidget
from pytestqt.qtbot import QtBot

from scpdesk.app import create_main_window
from scpdesk.clock import PinnedClock
from scpdesk.models import cipher
from scpdesk.paths import AppPaths
from scpdesk.services.unlock import hash_lock_passphrase
from scpdesk.ui.forms import Field, FormDialog
from scpdesk.ui.idle_lock import LOCK_HASH_KEY, LockScreen
from scpdesk.ui.main_window import MainWindow

PASSPHRASE = "correct horse battery"
TYPED = "Health visitor to attend the next strategy meeting."


@pytest.fixture
def locked_window(demo_window: MainWindow, qtbot: QtBot) -> MainWindow:
    demo_window.ctx.settings.setValue(LOCK_HASH_KEY, hash_lock_passphrase(PASSPHRASE))
    demo_window.idle_lock.set_timeout_ms(150)  # pinned short: the default is 10 minutes
    return demo_window


def visible_tables(window: MainWindow) -> list[QAbstractItemView]:
    return [view for view in window.findChildren(QAbstractItemView) if view.isVisible()]


def test_idle_time_comes_from_the_partnership_setting_with_ten_minutes_by_default(demo_window: MainWindow) -> None:
    assert demo_window.idle_lock.minutes == 10
    assert demo_window.idle_lock.timer.interval() == 10 * 60_000 and demo_window.idle_lock.timer.isActive()


def test_a_new_idle_time_saved_in_settings_applies_at_once(demo_window: MainWindow) -> None:
    from scpdesk.services.settings import save_settings, settings_versions

    ctx = demo_window.ctx.services.ctx
    demo_window.ctx.bus.emit_changes(save_settings(ctx, {"idle_lock_minutes": 3}, expected=settings_versions(ctx)))
    assert demo_window.idle_lock.minutes == 3 and demo_window.idle_lock.timer.interval() == 3 * 60_000


def test_idle_window_hides_every_record_and_the_right_passphrase_shows_them_again(
        qtbot: QtBot, locked_window: MainWindow, tmp_path: Path) -> None:
    window = locked_window
    assert visible_tables(window), "the demo window shows its lists before the lock"
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)
    assert visible_tables(window) == []
    assert not window.findChild(QTabWidget).isVisible() and not window.menuBar().isVisible()
    screen = window.findChild(LockScreen)
    assert screen is not None and screen.isVisible() and screen.geometry() == window.rect()
    image = window.grab()
    image.save(str(tmp_path / "lock.png"))
    if os.environ.get("SCPDESK_SCREENSHOTS"):
        image.save(os.environ["SCPDESK_SCREENSHOTS"])
    # Nothing behind the lock screen takes a click or a key while locked.
    screen.secret.setText("wrong guess")
    screen.unlock_button.click()
    assert window.idle_lock.locked and visible_tables(window) == [] and screen.error.isVisible()
    screen.secret.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert not window.idle_lock.locked and visible_tables(window)
    assert window.findChild(LockScreen) is None or not window.findChild(LockScreen).isVisible()


def test_typing_in_an_open_form_survives_the_lock(qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    window.idle_lock.set_timeout_ms(60_000)
    dialog = FormDialog(window, "Meeting notes", [Field("notes", "Notes", "multiline", "")], lambda values: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.widget("notes").setPlainText(TYPED)
    size = dialog.size()
    window.idle_lock.lock()
    editor = dialog.widget("notes")
    assert dialog.isVisible(), "the form is covered, not closed"
    assert not editor.isVisible() and dialog.findChild(LockScreen).isVisible()
    qtbot.keyClicks(editor, "leaked")  # keys meant for what is behind the lock are swallowed
    dialog.findChild(LockScreen).secret.setText(PASSPHRASE)
    dialog.findChild(LockScreen).unlock_button.click()
    assert not window.idle_lock.locked and editor.isVisible()
    assert editor.toPlainText() == TYPED and dialog.size() == size
    dialog.discard()  # done with the form (closing it with typing in it would ask "Discard changes?")


def test_without_any_unlock_secret_the_lock_cannot_be_lifted(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.idle_lock.lock()
    screen = demo_window.findChild(LockScreen)
    assert not screen.secret.isVisible() and "No unlock passphrase" in screen.prompt.text()
    assert not demo_window.idle_lock.try_unlock("") and not demo_window.idle_lock.try_unlock("anything at all")
    assert demo_window.idle_lock.locked and visible_tables(demo_window) == []


def test_activity_postpones_the_lock(qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    window.idle_lock.set_timeout_ms(400)
    for _ in range(4):
        qtbot.wait(150)
        qtbot.mouseMove(window.tabs, window.tabs.rect().center())
        qtbot.keyClick(window.findChild(QLineEdit) or window.tabs, "a")
        assert not window.idle_lock.locked
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)



def test_an_encrypted_database_unlocks_with_its_own_passphrase_only(
        qtbot: QtBot, demo_template: Path, tmp_path: Path, paths: AppPaths, clock: PinnedClock) -> None:
    path = tmp_path / "encrypted.sqlite3"
    cipher.use(cipher.DatabaseKey(passphrase=PASSPHRASE, source="passphrase"))
    try:
        cipher.export(demo_template, path, encrypt=True)
        clock.set(dt.date(2026, 11, 25))  # the demo's day (tests/ui/conftest.py)
        window = create_main_window(f"sqlite:///{path}", paths=paths, user="coordinator.a")
        qtbot.addWidget(window)
        window.show()
        assert window.ctx.services.db.is_encrypted
        window.idle_lock.lock()
        screen = window.findChild(LockScreen)
        assert "database passphrase" in screen.prompt.text()
        assert not window.idle_lock.try_unlock("not the passphrase") and window.idle_lock.locked
        assert visible_tables(window) == []
        assert window.idle_lock.try_unlock(PASSPHRASE) and visible_tables(window)
        window.close()
        window.ctx.services.close()
    finally:
        cipher.use(None)


class FakeElapsed:
    """Elapsed seconds the test moves by hand (the throttle never reads the date)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_guessing_is_slowed_down_and_a_guess_while_waiting_is_not_even_checked(
        qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    elapsed = FakeElapsed()
    window.idle_lock.throttle.monotonic = elapsed
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)
    screen = window.findChild(LockScreen)
    for _ in range(3):  # three free tries
        screen.secret.setText("a wrong guess")
        screen.unlock_button.click()
        assert screen.unlock_button.isEnabled() and "Try again" in screen.error.text()
    screen.secret.setText("a fourth wrong guess")
    screen.unlock_button.click()
    assert not screen.unlock_button.isEnabled() and not screen.secret.isEnabled()
    assert screen.error.text() == "Not right 4 times: next try in 30 s."
    # Even the right passphrase is not checked while waiting (typed past the disabled box, e.g. by a script).
    assert not window.idle_lock.try_unlock(PASSPHRASE) and window.idle_lock.locked
    elapsed.now += 30
    screen.show_wait()
    assert screen.unlock_button.isEnabled()
    screen.secret.setText("a fifth wrong guess")
    screen.unlock_button.click()
    assert screen.error.text().endswith("next try in 60 s.")  # doubling
    elapsed.now += 60
    screen.show_wait()
    screen.secret.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert not window.idle_lock.locked and visible_tables(window)
    assert window.idle_lock.throttle.failures == 0  # a right secret starts the count again


def test_the_wait_doubles_up_to_fifteen_minutes() -> None:
    from scpdesk.services.unlock import UnlockThrottle

    elapsed = FakeElapsed()
    throttle = UnlockThrottle(monotonic=elapsed)
    waits = [throttle.failed() for _ in range(12)]
    assert waits == [0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900, 900]
    assert throttle.wait_left() == 900
    elapsed.now += 899
    assert throttle.wait_left() == 1


def test_a_typed_secret_is_checked_off_the_gui_thread_and_says_so(qtbot: QtBot, locked_window: MainWindow,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: checking a secret can mean a fresh server login (seconds on a slow network) or deriving a key;
    the window keeps painting meanwhile and says it is checking; a second press is not a second guess."""
    from scpdesk.services import unlock as unlocking
    from scpdesk.ui.tasks import in_job

    window = locked_window
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)
    checked_in_job: list[bool] = []
    real = unlocking.check_unlock

    def watched(*args: object) -> bool:
        checked_in_job.append(in_job())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(unlocking, "check_unlock", watched)
    runner = window.ctx.tasks
    runner.mode = "manual"
    screen = window.findChild(LockScreen)
    screen.secret.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert screen.error.text() == "Checking…" and not screen.unlock_button.isEnabled()
    assert window.idle_lock.checking and window.idle_lock.locked and checked_in_job == []
    assert not window.idle_lock.try_unlock(PASSPHRASE)  # pressed again meanwhile: not a second guess
    assert runner.run_pending() == 1
    assert checked_in_job == [True] and not window.idle_lock.locked and visible_tables(window)
