"""Offline copies in the window (issue 16), over the real PostgreSQL server the session starts and real copies taken
from it with ``take_offline``: the banner over a copy and the server-only actions disabled; Take offline… by keys
only; "offline with NAME since DATE" on a held record and the warning before editing it (Continue edits, Cancel
does not); a conflict chosen by keys in Sync back… and the sync applied; hostile names shown literally."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import records
from keyhelpers import focus_now as focused
from keyhelpers import key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text
from uihelpers import Answers, Questions, fill

from scpdesk.app import create_main_window
from scpdesk.models import AgendaItem, Referral
from scpdesk.models.database import Database, open_database
from scpdesk.models.directory import Person
from scpdesk.models.offline import OfflineCheckout, OfflineCheckoutRecord, OfflineCopy
from scpdesk.paths import AppPaths, sqlite_url
from scpdesk.services import ServiceContext
from scpdesk.services.offline.take import Scope, take_offline
from scpdesk.ui import offline_dialogs
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.offline import NEEDS_SERVER
from scpdesk.ui.offline_dialogs import SyncDialog, TakeOfflineDialog

pytestmark = pytest.mark.postgres

ALT = Qt.KeyboardModifier.AltModifier
#: Markup, a right-to-left override and a very long name: a holder's name as someone might have typed it.
HOSTILE = "<b>Alex</b> &amp; \u202eKhan " + "x" * 170


@dataclass
class Server:
    ctx: ServiceContext
    url: str
    referrals: list[int]
    meeting_id: int
    login: str
    #: A referral on no agenda (never taken offline here).
    elsewhere: int


@pytest.fixture
def server(pg_db: Database) -> Server:
    """Two cases on the agenda of meeting RRP-TEST (and one on no agenda), on the shared server."""
    ctx = records.context(pg_db, "coordinator")
    setup = records.setup(ctx)
    referrals = [records.referral(ctx, setup, "rapid_review", f"NSCP-2026-{n:03d}") for n in (1, 2)]
    meeting = records.meeting(ctx, setup, reference="RRP-TEST")
    elsewhere = records.referral(ctx, setup, "received", "NSCP-2026-009")
    with ctx.unit_of_work() as s:
        for position, rid in enumerate(referrals, start=10):
            s.add(AgendaItem(meeting_id=meeting.meeting_id, position=position, kind="case", referral_id=rid,
                             title=f"Case {rid}"))
        login = str(s.execute(text("SELECT session_user")).scalar())
    return Server(ctx, pg_db.url, referrals, meeting.meeting_id, login, elsewhere)


def name_the_holder(server: Server, name: str) -> None:
    """The directory person who signs in as the server login (the holder of what it takes offline)."""
    with server.ctx.unit_of_work() as s:
        person = s.scalars(select(Person).order_by(Person.id)).first()
        assert person is not None
        person.name, person.login = name, server.login.lower()


def take(server: Server, path: Path, kind: str = "meeting", value: str = "RRP-TEST") -> Path:
    take_offline(server.ctx, Scope(kind, value), path, encrypt=False)  # type: ignore[arg-type]
    return path


def window_on(qtbot: QtBot, url: str, paths: AppPaths) -> MainWindow:
    window = create_main_window(url, paths=paths, user="alex")
    qtbot.addWidget(window)
    return window


def shown(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def edit(ctx: ServiceContext, cls: type[Any], record_id: int, **values: Any) -> None:
    with ctx.unit_of_work() as s:
        row = s.get(cls, record_id)
        for name, value in values.items():
            setattr(row, name, value)


def stored(ctx: ServiceContext, cls: type[Any], record_id: int, attr: str) -> Any:
    with ctx.read() as s:
        return getattr(s.get(cls, record_id), attr)


def test_a_copy_shows_the_banner_and_disables_what_needs_the_server(qtbot: QtBot, server: Server, paths: AppPaths,
                                                                    tmp_path: Path) -> None:
    name_the_holder(server, HOSTILE)
    copy = take(server, tmp_path / "copy.sqlite3")
    on_server = window_on(qtbot, server.url, paths)
    try:
        assert on_server.offline_banner.isHidden()
        assert on_server.take_action.isEnabled()
        assert not on_server.sync_action.isEnabled() and "Only an offline copy" in on_server.sync_action.toolTip()
        assert on_server.settings_action.isEnabled()
    finally:
        on_server.services.close()

    window = window_on(qtbot, sqlite_url(copy), paths)
    window.resize(1280, 720)
    window.show()
    banner = window.offline_banner
    assert banner.isVisible()
    assert banner.textFormat() == Qt.TextFormat.PlainText  # the holder's name is text, never markup
    assert banner.text().startswith(f"Offline copy of {server.ctx.db.describe()}, taken ")
    assert "(by \u2068<b>Alex</b> &amp; \u202eKhan" in banner.text()  # literal, its override kept inside it
    assert banner.text().endswith("— other people's records are not here; sync it back from File → Sync back to "
                                  "the server…")
    assert banner.accessibleName() == "Offline copy" and banner.accessibleDescription() == banner.text()
    # Readable at 1280×720: the whole text wraps within the window, a few lines high (the long name is cut short).
    assert banner.width() <= 1280 and banner.height() < 5 * banner.fontMetrics().lineSpacing() + 20
    for action in (window.settings_action, window.take_action):
        assert not action.isEnabled() and action.toolTip() == NEEDS_SERVER
    assert not window.library.buttons["themes"].isEnabled()
    assert window.library.buttons["themes"].toolTip() == NEEDS_SERVER
    assert window.sync_action.isEnabled()
    assert window.getting_started.isHidden()
    # A referral made offline: its provisional reference is said as such.
    assert window.ctx.offline is not None
    prefix = window.ctx.offline.reference_prefix
    with open_database(sqlite_url(copy)).sessions() as s, s.begin():
        s.get(Referral, server.referrals[0]).reference = f"{prefix}-1"
    window.refresh()
    assert window.referrals.select_id(server.referrals[0])
    assert window.referrals.detail.header.text().startswith(
        f"{prefix}-1 (provisional: the server gives the real one when you sync) — ")
    window.services.close()


def test_take_offline_by_keys_only(qtbot: QtBot, server: Server, paths: AppPaths, questions: Questions,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_on(qtbot, server.url, paths)
    window.show()
    opened: list[Path] = []
    monkeypatch.setattr(offline_dialogs, "open_in_new_window", opened.append)
    seen: list[TakeOfflineDialog] = []

    def by_keys(dialog: TakeOfflineDialog) -> int:
        seen.append(dialog)
        shown(qtbot, dialog)
        assert focused() is dialog.by_meeting and dialog.meeting.currentData() == "RRP-TEST"
        assert dialog.encrypt.isEnabled()  # not required here: the user's choice
        key(qtbot, Qt.Key.Key_E, ALT)  # Encrypt: off (this test machine keeps no keyring)
        qtbot.waitUntil(lambda: not dialog.encrypt.isChecked())  # a mnemonic clicks as a click would (animated)
        key(qtbot, Qt.Key.Key_R, ALT)  # Referrals picked from the list
        qtbot.waitUntil(dialog.by_referrals.isChecked)
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.referrals
        key(qtbot, Qt.Key.Key_Space)  # the first one ticked
        key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_Space)
        assert dialog.checked_references() == ["NSCP-2026-001", "NSCP-2026-002"]
        key(qtbot, Qt.Key.Key_T, ALT)  # Take offline
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return dialog.result()

    monkeypatch.setattr(TakeOfflineDialog, "exec", by_keys)
    questions.append(True)  # "Open the copy now, in a new window?"
    try:
        window.take_action.trigger()
        (dialog,) = seen
        assert dialog.request is not None and not dialog.request.encrypt
        target = dialog.request.target
        assert target.parent == paths.data_dir / "offline" and target.exists()
        assert (target.parent.stat().st_mode & 0o077) == 0  # a private folder
        assert opened == [target]
        (said,) = questions.asked
        assert "2 referrals" in said and f'scpdesk --database "sqlite:///{target}"' in said
        with server.ctx.read() as s:
            checkout = s.scalars(select(OfflineCheckout)).one()
            held = set(s.scalars(select(OfflineCheckoutRecord.record_id).where(
                OfflineCheckoutRecord.checkout_id == checkout.id, OfflineCheckoutRecord.entity == "referral")))
            assert held == set(server.referrals) and checkout.holder_login == server.login
        # The window's own list of holds was read again: the cases now say they are offline (with this login).
        assert window.referrals.select_id(server.referrals[0])
        assert window.referrals.detail.hold_line.text().startswith(f"Offline with {server.login} since ")
    finally:
        window.services.close()


def test_a_held_record_says_so_and_warns_before_editing(qtbot: QtBot, server: Server, paths: AppPaths,
                                                        tmp_path: Path, questions: Questions,
                                                        answers: Answers) -> None:
    name_the_holder(server, HOSTILE)
    first, second = server.referrals
    take(server, tmp_path / "held.sqlite3")  # the meeting and its two cases
    window = window_on(qtbot, server.url, paths)
    try:
        panel = window.referrals.detail
        assert window.referrals.select_id(first)
        line = panel.hold_line
        assert not line.isHidden() and line.textFormat() == Qt.TextFormat.PlainText
        assert line.text().startswith("Offline with \u2068<b>Alex</b> &amp; \u202eKhan")
        assert " since " in line.text() and line.text().endswith("their changes will be merged when they sync.")
        assert len(line.text()) < 200 and line.toolTip() == HOSTILE  # cut short on screen; whole in the tooltip

        questions.append(False)  # Cancel: no form opens, nothing changes
        assert not panel.edit_details()
        (warning,) = questions.asked
        assert warning.startswith("\u2068<b>Alex</b> &amp; \u202eKhan")
        assert warning.endswith("has this referral offline since " + warning.split(" offline since ")[1])
        assert "their changes will be merged when they sync; a field you both change will be shown to them to " \
               "choose." in warning

        questions.append(True)  # Continue: the form opens and saves (the merge keeps both people's work)
        answers.append(fill(summary="Changed in the office while it was offline"))
        assert panel.edit_details()
        assert not answers and not answers.failed
        assert stored(server.ctx, Referral, first, "summary") == "Changed in the office while it was offline"
        assert len(questions.asked) == 2

        assert window.panel.select_id(server.meeting_id)  # the meeting taken offline says so too
        meeting = window.panel.detail
        assert not meeting.hold_line.isHidden() and meeting.hold_line.text() == line.text()
        questions.append(False)
        assert not meeting.add_cases()  # every change to the meeting asks first (here: Cancel)
        assert "has this meeting offline since" in questions.asked[-1]
        questions.asked.pop()

        assert window.referrals.select_id(server.elsewhere)  # not held: no line, no question
        assert panel.hold_line.isHidden()
        answers.append(fill(summary="Not held: no question asked"))
        assert panel.edit_details()
        assert len(questions.asked) == 2
        assert stored(server.ctx, Referral, server.elsewhere, "summary") == "Not held: no question asked"
    finally:
        window.services.close()


def test_a_conflict_is_chosen_by_keys_and_the_sync_applies(qtbot: QtBot, server: Server, paths: AppPaths,
                                                          tmp_path: Path, questions: Questions,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = server.referrals
    original = "Summary when it was taken offline"
    edit(server.ctx, Referral, second, summary=original)
    copy = take(server, tmp_path / "copy.sqlite3")
    copy_ctx = ServiceContext(open_database(sqlite_url(copy)), user="alex.laptop")
    edit(copy_ctx, Referral, first, reason="Reason typed on the train")
    edit(copy_ctx, Referral, second, summary="Summary typed on the train")
    copy_ctx.db.dispose()
    edit(server.ctx, Referral, second, summary="Summary typed in the office")
    window = window_on(qtbot, sqlite_url(copy), paths)
    window.show()
    seen: list[SyncDialog] = []

    def by_keys(dialog: SyncDialog) -> int:
        seen.append(dialog)
        shown(qtbot, dialog)
        assert dialog.sync_button.isEnabled() is False  # not before every conflict is chosen
        assert focused() is dialog.conflicts
        assert [dialog.panes[k].toPlainText() for k in ("mine", "theirs", "original")] == [
            "Summary typed on the train", "Summary typed in the office", original]
        assert "Changed offline by alex.laptop" in dialog.who.text()
        key(qtbot, Qt.Key.Key_Right)  # theirs…
        key(qtbot, Qt.Key.Key_Left)  # …no: mine
        assert dialog.choices == {f"referral:{second}:summary": "mine"} and dialog.keep_mine.isChecked()
        assert "keep yours" in dialog.conflicts.item(0).text()
        key(qtbot, Qt.Key.Key_Return)  # on: every conflict is chosen, so to Sync now
        assert focused() is dialog.sync_button and dialog.sync_button.isEnabled()
        key(qtbot, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(SyncDialog, "exec", by_keys)
    questions.append(True)  # "Synced … this window closes now."
    window.sync_action.trigger()
    assert seen and seen[0].after == "release"
    assert "1 conflict settled as you chose" in questions.asked[0]
    assert stored(server.ctx, Referral, second, "summary") == "Summary typed on the train"
    assert stored(server.ctx, Referral, first, "reason") == "Reason typed on the train"
    assert not copy.exists()  # released: wiped from the laptop
    assert window.ctx.services is None and not window.isVisible()
    with server.ctx.read() as s:
        assert s.scalars(select(OfflineCheckout)).one().released_at is not None


def test_a_sync_that_cannot_reach_the_server_says_nothing_changed(qtbot: QtBot, server: Server, paths: AppPaths,
                                                                  tmp_path: Path, questions: Questions) -> None:
    copy = take(server, tmp_path / "copy.sqlite3")
    with open_database(sqlite_url(copy)).sessions() as s, s.begin():
        s.scalars(select(OfflineCopy)).one().server_url = "postgresql+psycopg://127.0.0.1:9/scpdesk?connect_timeout=2"
    window = window_on(qtbot, sqlite_url(copy), paths)
    questions.append(True)
    window.sync_action.trigger()
    (said,) = questions.asked
    assert said.startswith("The sync did not happen: ")
    assert "Nothing on the server changed; your offline copy is as it was." in said
    assert copy.exists() and window.ctx.services is not None
    window.services.close()


def test_take_offline_is_refused_with_the_reason_where_encryption_is_required_but_unavailable(
        qtbot: QtBot, tmp_path: Path) -> None:
    from scpdesk.services.offline.area import Choice, TakeChoices

    meetings = (Choice("RRP-TEST", "RRP-TEST — Rapid Review Panel — Wed 01 Apr 2026"),)
    required = TakeChoices(meetings, (), "Alex Khan", True, "the SQLCipher library is not installed on this computer")
    dialog = TakeOfflineDialog(None, required, tmp_path / "copy.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.encrypt.isChecked() and not dialog.encrypt.isEnabled()
    assert not dialog.take_button.isEnabled()
    assert dialog.encrypt_note.text() == (
        "Your partnership requires local files to be encrypted (setting 'Require encrypted local files'), and the "
        "SQLCipher library is not installed on this computer: records cannot be taken offline on this computer.")
    assert dialog.take_button.toolTip() == dialog.encrypt_note.text()
    forced = TakeOfflineDialog(None, TakeChoices(meetings, (), "", True, ""), tmp_path / "copy.sqlite3")
    qtbot.addWidget(forced)  # required and possible: always encrypted, and said why
    assert forced.encrypt.isChecked() and not forced.encrypt.isEnabled() and forced.take_button.isEnabled()
    assert "Always encrypted: your partnership requires" in forced.encrypt_note.text()
    assert not forced.by_owner.isEnabled() and "No one in the directory signs in as your login" in \
        forced.by_owner.toolTip()


def test_a_sync_that_commits_but_cannot_wipe_the_copy_says_so_and_a_second_sync_finishes(
        qtbot: QtBot, server: Server, paths: AppPaths, tmp_path: Path, questions: Questions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk.services.offline import sync

    first, _second = server.referrals
    copy = take(server, tmp_path / "copy.sqlite3")
    copy_ctx = ServiceContext(open_database(sqlite_url(copy)), user="alex.laptop")
    edit(copy_ctx, Referral, first, reason="Reason typed on the train")
    copy_ctx.db.dispose()
    window = window_on(qtbot, sqlite_url(copy), paths)
    wipe = sync.wipe

    def locked(path: Path) -> None:  # the file is held open by another program (Windows)
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(sync, "wipe", locked)
    monkeypatch.setattr(SyncDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)  # no conflicts: Sync now
    questions.append(True)
    window.sync_action.trigger()
    said = questions.asked[-1]
    assert said.startswith("Your changes were applied to the server, but finishing on this computer failed: ")
    assert "Nothing on the server changed" not in said and "Sync again" in said
    assert stored(server.ctx, Referral, first, "reason") == "Reason typed on the train"
    assert copy.exists() and window.ctx.services is not None  # the window stays, to sync again

    monkeypatch.setattr(sync, "wipe", wipe)
    questions.append(True)
    window.sync_action.trigger()
    assert "had already been synced" in questions.asked[-1] and "done now" in questions.asked[-1]
    assert not copy.exists() and window.ctx.services is None


def test_a_sync_that_refreshes_keeps_working_offline_on_the_fresh_copy(
        qtbot: QtBot, server: Server, paths: AppPaths, tmp_path: Path, questions: Questions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = server.referrals
    copy = take(server, tmp_path / "copy.sqlite3")
    copy_ctx = ServiceContext(open_database(sqlite_url(copy)), user="alex.laptop")
    edit(copy_ctx, Referral, first, reason="Reason typed on the train")
    copy_ctx.db.dispose()
    edit(server.ctx, Referral, second, summary="Summary typed in the office")  # only on the server: comes down
    window = window_on(qtbot, sqlite_url(copy), paths)
    window.show()
    old_token = window.ctx.offline.token if window.ctx.offline else ""

    def refresh_by_keys(dialog: SyncDialog) -> int:
        shown(qtbot, dialog)
        key(qtbot, Qt.Key.Key_F, ALT)  # Then refresh the copy
        qtbot.waitUntil(dialog.refresh.isChecked)
        key(qtbot, Qt.Key.Key_S, ALT)  # Sync now
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return dialog.result()

    monkeypatch.setattr(SyncDialog, "exec", refresh_by_keys)
    questions.append(True)  # "Synced … keep working offline."
    window.sync_action.trigger()
    assert "The copy was refreshed from the server: keep working offline." in questions.asked[-1]
    assert stored(server.ctx, Referral, first, "reason") == "Reason typed on the train"
    assert copy.exists() and window.ctx.services is not None and window.isVisible()
    assert window.ctx.offline is not None and window.ctx.offline.token != old_token  # the fresh copy, open
    assert not window.offline_banner.isHidden()
    assert window.referrals.select_id(second)
    panel = window.referrals.detail
    assert panel.shown_screen is not None and panel.shown_screen.editable_values()["summary"] == \
        "Summary typed in the office"
    window.services.close()


def test_an_encrypted_copy_without_a_keyring_asks_for_a_passphrase(
        qtbot: QtBot, server: Server, paths: AppPaths, questions: Questions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from scpdesk import keys
    from scpdesk.errors import StorageError
    from scpdesk.models import cipher

    def no_keyring(path: Path, material: bytes) -> None:
        raise StorageError("No OS keyring is available on this computer.")

    monkeypatch.setattr(keys, "store_in_keyring", no_keyring)
    prompts: list[str] = []
    typed = iter(["short", "short", "a long enough passphrase", "a long enough passphrase"])

    def get_text(parent: object, title: str, label: str, *args: object) -> tuple[str, bool]:
        prompts.append(label)
        return next(typed), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)

    def encrypted_meeting(dialog: TakeOfflineDialog) -> int:
        assert dialog.by_meeting.isChecked()
        dialog.encrypt.setChecked(True)
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(TakeOfflineDialog, "exec", encrypted_meeting)
    questions.append(False)  # not opened now
    window = window_on(qtbot, server.url, paths)
    try:
        window.take_action.trigger()
        assert prompts[0].startswith("This computer has no OS keyring to keep the key of an encrypted copy: give a "
                                     "passphrase.")
        assert prompts[2].startswith("Use at least 12 characters")  # too short: asked again, saying why
        (said,) = questions.asked
        assert "(encrypted)" in said
        target = Path(said.split("Taken offline into ", 1)[1].split(" (encrypted)", 1)[0])
        assert target.exists() and cipher.is_encrypted(target)
    finally:
        window.services.close()
