"""File → Take offline… and File → Sync back to the server… (issue 16).

Take offline (on the server): what to take (a meeting, the next ones first; the cases and reviews I own; referrals
picked from a list), where (the data folder's private ``offline`` folder by default), encrypted or not (forced on,
and said, where the partnership requires it; refused with the reason where it cannot be done); the copy is written
on the write thread, then what was taken is said and the copy offered in a new window.

Sync back (in an offline copy): the plan first (read from the server: nothing changes anywhere), each conflict side by
side (yours, theirs, the original, who changed it offline and when) and chosen by a person, then the sync as one
background write; then the copy is released (wiped, the window closes) or refreshed (work goes on). A failure says
what happened and that nothing on the server changed.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError, UserError
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .discard import DiscardGuard, ignore
from .forms import confirm, plain_message
from .i18n import one_or_many
from .offline import day_text, needs_server, shown_name, time_text

if TYPE_CHECKING:
    from ..services.offline.area import ScopeKind, TakeChoices
    from ..services.offline.sync import Conflict, SyncPlan, SyncResult
    from ..services.offline.take import TakeResult
    from .main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

NOTHING_CHANGED = QT_TRANSLATE_NOOP(
    "OfflineDialogs", "Nothing on the server changed; your offline copy is as it was. Sync again when you can."
)


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


# Take offline ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TakeRequest:
    kind: ScopeKind
    value: str
    target: Path
    encrypt: bool


def free_name(folder: Path, today: dt.date) -> Path:
    """``offline-2026-12-02.sqlite3`` in ``folder``, numbered when taken (a copy is never written over)."""
    stem = f"offline-{today:%Y-%m-%d}"
    candidate, n = folder / f"{stem}.sqlite3", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}.sqlite3", n + 1
    return candidate


class TakeOfflineDialog(DiscardGuard, QDialog):
    """What to take offline and where. ``ask`` returns the request (None: cancelled); closing it with a choice
    changed asks "Discard changes?" first."""

    def __init__(self, parent: QWidget | None, choices: TakeChoices, target: Path) -> None:
        super().__init__(parent)
        self.setObjectName("takeOfflineDialog")
        self.setWindowTitle(translate("OfflineDialogs", "Take offline"))
        self.choices = choices
        self.request: TakeRequest | None = None
        column = QVBoxLayout(self)
        column.addWidget(
            _plain(
                translate(
                    "OfflineDialogs",
                    "Copy records into a file on this computer to work on them without the network. Until you sync "
                    "them "
                    "back, others see that you have them offline and are warned before changing them; nothing either "
                    "of "
                    "you changes is lost.",
                ),
                self,
            )
        )
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.by_meeting = QRadioButton(
            translate("OfflineDialogs", "A &meeting, with its cases, agenda, papers and members:"), self
        )
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("offlineMeeting")
        self.meeting.setAccessibleName(translate("OfflineDialogs", "Meeting"))
        for choice in choices.meetings:
            self.meeting.addItem(choice.text, choice.reference)
        me = choices.me
        self.by_owner = QRadioButton(translate("OfflineDialogs", "The cases and reviews &I own ({person})").format(
            person=shown_name(me)) if me else
                                     translate("OfflineDialogs", "The cases and reviews &I own"), self)
        if not me:
            self.by_owner.setEnabled(False)
            self.by_owner.setToolTip(
                translate(
                    "OfflineDialogs",
                    "No one in the directory signs in as your login: ask whoever keeps the "
                    "directory to add your login to your entry.",
                )
            )
        self.by_referrals = QRadioButton(
            translate("OfflineDialogs", "&Referrals picked from this list (Space ticks one):"), self
        )
        self.referrals = QListWidget(self)
        self.referrals.setObjectName("offlineReferrals")
        self.referrals.setAccessibleName(translate("OfflineDialogs", "Referrals to take offline"))
        for choice in choices.referrals:
            item = QListWidgetItem(choice.text, self.referrals)
            item.setData(Qt.ItemDataRole.UserRole, choice.reference)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.referrals.setCurrentRow(0)  # Space ticks the first one at once
        self.referrals.itemChanged.connect(lambda _item: self.by_referrals.setChecked(True))
        self.meeting.activated.connect(lambda _i: self.by_meeting.setChecked(True))
        for i, button in enumerate((self.by_meeting, self.by_owner, self.by_referrals)):
            self.group.addButton(button, i)
        grid.addWidget(self.by_meeting, 0, 0, 1, 2)
        grid.addWidget(self.meeting, 1, 1)
        grid.addWidget(self.by_owner, 2, 0, 1, 2)
        grid.addWidget(self.by_referrals, 3, 0, 1, 2)
        grid.addWidget(self.referrals, 4, 1)
        grid.setColumnMinimumWidth(0, 20)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid, 1)
        where = QHBoxLayout()
        where_label = QLabel(translate("OfflineDialogs", "&Save to:"), self)
        self.target = QLineEdit(str(target), self)
        self.target.setObjectName("offlineTarget")
        where_label.setBuddy(self.target)
        self.choose = QPushButton(translate("OfflineDialogs", "C&hoose…"), self)
        self.choose.clicked.connect(self._choose_file)
        where.addWidget(where_label)
        where.addWidget(self.target, 1)
        where.addWidget(self.choose)
        column.addLayout(where)
        self.encrypt = QCheckBox(
            translate("OfflineDialogs", "&Encrypt the copy (its key stays in this computer's keyring)"), self
        )
        self.encrypt.setObjectName("offlineEncrypt")
        self.encrypt_note = _plain("", self)
        self.encrypt_note.setObjectName("offlineEncryptNote")
        column.addWidget(self.encrypt)
        column.addWidget(self.encrypt_note)
        self.buttons = QDialogButtonBox(self)
        self.take_button = self.buttons.addButton(
            translate("OfflineDialogs", "&Take offline"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.take_button.setObjectName("takeOfflineButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = _plain("", self)
        self.problem.setObjectName("offlineProblem")
        self.problem.setStyleSheet("color: #a61b1b;")
        self.problem.hide()
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self._set_encryption()
        if choices.meetings:
            self.by_meeting.setChecked(True)
        elif me:
            self.by_owner.setChecked(True)
        else:
            self.by_referrals.setChecked(True)
        self.resize(760, 560)
        checked = self.group.checkedButton()
        if checked is not None:
            checked.setFocus()

    def _set_encryption(self) -> None:
        c = self.choices
        if c.encryption_required:
            self.encrypt.setChecked(True)
            self.encrypt.setEnabled(False)
            if c.encryption_unavailable:
                self.encrypt_note.setText(translate(
                    "OfflineDialogs", "Your partnership requires local files to be encrypted (setting 'Require "
                    "encrypted local files'), and {reason}: records cannot be taken offline on this computer.").format(
                    reason=c.encryption_unavailable))
                self.take_button.setEnabled(False)
                self.take_button.setToolTip(self.encrypt_note.text())
            else:
                self.encrypt_note.setText(
                    translate(
                        "OfflineDialogs",
                        "Always encrypted: your partnership requires local files to be encrypted "
                        "(setting 'Require encrypted local files').",
                    )
                )
        elif c.encryption_unavailable:
            self.encrypt.setChecked(False)
            self.encrypt.setEnabled(False)
            self.encrypt_note.setText(translate("OfflineDialogs", "Not encrypted: {reason}.").format(
                reason=c.encryption_unavailable))
        else:
            self.encrypt.setChecked(True)
            self.encrypt_note.setText(
                translate("OfflineDialogs", "Recommended on a laptop: the copy holds children's case records.")
            )

    def _choose_file(self) -> None:
        from .files import save_file

        name = save_file(
            self,
            translate("OfflineDialogs", "Save the offline copy"),
            self.target.text(),
            translate("OfflineDialogs", "scpdesk database (*.sqlite3)"),
            kind="export",
        )
        if name:
            self.target.setText(name)

    def checked_references(self) -> list[str]:
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in
                (self.referrals.item(i) for i in range(self.referrals.count()))
                if item is not None and item.checkState() == Qt.CheckState.Checked]

    def _refuse(self, text: str, focus: QWidget) -> None:
        self.problem.setText(text)
        self.problem.show()
        focus.setFocus()

    def _accept(self) -> None:
        kind: ScopeKind
        if self.by_meeting.isChecked():
            if self.meeting.currentIndex() < 0:
                self._refuse(translate("OfflineDialogs", "There is no meeting to take."), self.meeting)
                return
            kind, value = "meeting", str(self.meeting.currentData())
        elif self.by_owner.isChecked():
            kind, value = "owner", self.choices.me_login or self.choices.me
        else:
            chosen = self.checked_references()
            if not chosen:
                self._refuse(
                    translate("OfflineDialogs", "Tick at least one referral (Space ticks the one chosen)."),
                    self.referrals,
                )
                return
            kind, value = "referrals", ",".join(chosen)
        text = self.target.text().strip()
        if not text:
            self._refuse(translate("OfflineDialogs", "Say where to save the copy."), self.target)
            return
        target = Path(text).expanduser()
        if target.exists():
            self._refuse(translate("OfflineDialogs", "{name} already exists there: choose another name (a copy is "
                                   "never written over).").format(name=target.name), self.target)
            return
        self.request = TakeRequest(kind, value, target, self.encrypt.isChecked())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, choices: TakeChoices, target: Path) -> TakeRequest | None:
        dialog = cls(parent, choices, target)
        try:
            return dialog.request if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def offline_folder(window: MainWindow) -> Path:
    """The data folder's ``offline`` folder (private: created owner-only when a copy is first written)."""
    if window.backup_dir is not None:
        return window.backup_dir.parent / "offline"
    from .files import documents_folder

    return documents_folder()


def take_offline(window: MainWindow) -> bool:
    """File → Take offline…: the form's choices are read first (off the GUI thread), then it opens."""
    ctx = window.ctx
    if ctx.services is None:
        window.statusBar().showMessage(translate("OfflineDialogs", "The database is still opening."), 5000)
        return False
    if ctx.offline is not None:
        window.statusBar().showMessage(needs_server(), 8000)
        return False
    return ops.load_then(window, ctx, lambda s: s.offline.take_choices(),
                         lambda choices: _ask_and_take(window, choices), key="take-offline-form")


def _ask_and_take(window: MainWindow, choices: TakeChoices) -> bool:
    folder = offline_folder(window)
    request = TakeOfflineDialog.ask(window, choices, free_name(folder, window.ctx.today()))
    if request is None:
        return False
    _take(window, request, None)
    return True


def _take(window: MainWindow, request: TakeRequest, passphrase: str | None) -> None:
    """The copy written on the write thread; where this computer has no keyring for an encrypted copy's key, a
    passphrase is asked for and the take tried again."""
    window.statusBar().showMessage(translate("OfflineDialogs", "Taking the records offline…"))

    def run(services: Any) -> TakeResult:
        from ..paths import make_private_dir

        make_private_dir(request.target.parent)  # owner-only when it is new (the data folder's offline folder)
        result: TakeResult = services.offline.take(request.kind, request.value, request.target,
                                                   encrypt=request.encrypt, passphrase=passphrase)
        return result

    def failed(exc: BaseException) -> None:
        window.statusBar().clearMessage()
        if isinstance(exc, UserError) and exc.field == "passphrase" and request.encrypt:
            typed = ask_new_passphrase(window, str(exc.message))
            if typed:
                _take(window, request, typed)
            return
        if isinstance(exc, ScpdeskError | OSError):
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            plain_message(
                window,
                translate("OfflineDialogs", "Not taken offline"),
                translate(
                    "OfflineDialogs", "{reason}\n\nNothing was taken offline and no file was left behind."
                ).format(reason=why),
                icon=QMessageBox.Icon.Warning,
            )
        else:
            ops.explain(window, exc)

    ops.save(window, window.ctx, run, lambda result: taken(window, result), failed=failed)


def ask_new_passphrase(window: QWidget, why: str) -> str:
    """A passphrase for the encrypted copy, typed twice ("" when cancelled or the two differ, said)."""
    prompt = translate(
        "OfflineDialogs",
        "{reason}.\n\nType a passphrase for the encrypted copy (at least 12 characters; "
        "you type it each time you open the copy):",
    ).format(reason=f"{why[:1].upper()}{why[1:]}")
    first, ok = QInputDialog.getText(
        window, translate("OfflineDialogs", "Take offline"), prompt, QLineEdit.EchoMode.Password
    )
    if not ok or not first:
        return ""
    again, ok = QInputDialog.getText(
        window,
        translate("OfflineDialogs", "Take offline"),
        translate("OfflineDialogs", "The passphrase again:"),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return ""
    if again != first:
        plain_message(
            window,
            translate("OfflineDialogs", "Not taken offline"),
            translate("OfflineDialogs", "The two passphrases differ: nothing was taken offline."),
            icon=QMessageBox.Icon.Warning,
        )
        return ""
    return first


#: The records a person works on, in the order a count names them: each its words for a count of them.
COUNT_WORDS: dict[str, Callable[[int], str]] = {
    "meeting": lambda n: one_or_many(n, translate("OfflineDialogs", "%n meeting", "", n),
                                     translate("OfflineDialogs", "%n meetings", "", n)),
    "referral": lambda n: one_or_many(n, translate("OfflineDialogs", "%n referral", "", n),
                                      translate("OfflineDialogs", "%n referrals", "", n)),
    "review": lambda n: one_or_many(n, translate("OfflineDialogs", "%n review", "", n),
                                    translate("OfflineDialogs", "%n reviews", "", n)),
    "agenda_item": lambda n: one_or_many(n, translate("OfflineDialogs", "%n agenda item", "", n),
                                         translate("OfflineDialogs", "%n agenda items", "", n)),
    "paper": lambda n: one_or_many(n, translate("OfflineDialogs", "%n paper", "", n),
                                   translate("OfflineDialogs", "%n papers", "", n)),
    "recommendation": lambda n: one_or_many(n, translate("OfflineDialogs", "%n recommendation", "", n),
                                            translate("OfflineDialogs", "%n recommendations", "", n)),
    "action": lambda n: one_or_many(n, translate("OfflineDialogs", "%n action", "", n),
                                    translate("OfflineDialogs", "%n actions", "", n)),
}


def counts_text(counts: dict[str, int]) -> str:
    """"1 meeting, 6 referrals, 2 reviews" (the records a person works on, the rest as a total of rows)."""
    parts = [words(counts[k]) for k, words in COUNT_WORDS.items() if counts.get(k)]
    return ", ".join(parts) or translate("OfflineDialogs", "no records")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def taken(window: MainWindow, result: TakeResult) -> None:
    window.statusBar().showMessage(
        translate("OfflineDialogs", "Taken offline into {path}.").format(path=result.path), 8000
    )
    window.read_holds()  # the records now say they are offline with you
    how = f'scpdesk --database "{sqlite_url(result.path)}"'
    text = (translate("OfflineDialogs", "Taken offline into {path} (encrypted): {counts}.") if result.encrypted
            else translate("OfflineDialogs", "Taken offline into {path}: {counts}.")).format(
        path=result.path, counts=counts_text(result.counts))
    text += translate("OfflineDialogs", "\n\nOthers now see these records as offline with you until you sync them back "
                      "(File → Sync back to the server…, in the copy).\n\nTo open the copy later: {how}\n\n"
                      "Open the copy now, in a new window?").format(how=how)
    if confirm(window, translate("OfflineDialogs", "Taken offline"), text):
        open_in_new_window(result.path)


def open_in_new_window(path: Path) -> bool:
    """Start scpdesk on ``path`` as a separate program (it works on without this window or the network)."""
    url = sqlite_url(path)
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, ["--database", url]
    else:
        program, arguments = sys.executable, ["-m", "scpdesk", "--database", url]
    started = QProcess.startDetached(program, arguments)
    return bool(started[0] if isinstance(started, tuple) else started)


# Sync back ------------------------------------------------------------------------------------------------------
def _value(value: object) -> str:
    if value is None or value == "":
        return translate("OfflineDialogs", "(empty)")
    if isinstance(value, dt.date):
        return day_text(value)
    return str(value)


def conflict_title(c: Conflict) -> str:
    return f"{c.label} — {c.field.replace('_', ' ')}"


KIND_WORDS = {
    "both_changed": QT_TRANSLATE_NOOP("OfflineDialogs", "changed offline and on the server"),
    "deleted_on_server": QT_TRANSLATE_NOOP("OfflineDialogs", "changed offline, deleted on the server"),
    "deleted_offline_changed_on_server": QT_TRANSLATE_NOOP("OfflineDialogs", "deleted offline, changed on the server"),
}


def plan_text(plan: SyncPlan, server: str) -> str:
    lines = [translate("OfflineDialogs", "Syncing back to {server}.").format(server=shown_name(server))]
    if plan.already_synced_at is not None:
        lines.append(translate("OfflineDialogs", "This copy was already synced at {time}: syncing again finishes what "
                               "was left to do on this computer.").format(time=time_text(plan.already_synced_at)))
    n = len(plan.apply)
    applied = [one_or_many(n, translate("OfflineDialogs", "%n field changed offline applied", "", n),
                           translate("OfflineDialogs", "%n fields changed offline applied", "", n))]
    n = len(plan.inserts)
    applied.append(one_or_many(n, translate("OfflineDialogs", "%n new record added", "", n),
                               translate("OfflineDialogs", "%n new records added", "", n)))
    if plan.deletes:
        n = len(plan.deletes)
        applied.append(one_or_many(n, translate("OfflineDialogs", "%n record deleted", "", n),
                                   translate("OfflineDialogs", "%n records deleted", "", n)))
    if plan.links:
        n = len(plan.links)
        applied.append(one_or_many(n, translate("OfflineDialogs", "%n link (agencies, themes, members) changed", "", n),
                                   translate("OfflineDialogs", "%n links (agencies, themes, members) changed", "", n)))
    n = plan.kept_server
    kept = one_or_many(n, translate("OfflineDialogs", "%n change made only on the server stays as it is.", "", n),
                       translate("OfflineDialogs", "%n changes made only on the server stay as they are.", "", n))
    lines.append(f"{', '.join(applied)}; {kept}")
    if plan.conflicts:
        n = len(plan.conflicts)
        lines.append(one_or_many(
            n, translate("OfflineDialogs", "%n field changed both here and on the server: choose which to keep for "
                         "each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); "
                         "Enter goes on to the next.", "", n),
            translate("OfflineDialogs", "%n fields changed both here and on the server: choose which to keep for "
                      "each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); "
                      "Enter goes on to the next.", "", n)))
    else:
        lines.append(translate("OfflineDialogs", "No field was changed both here and on the server."))
    lines.extend(shown_name(warning, 300) for warning in plan.warnings)
    return "\n".join(lines)


class SyncDialog(DiscardGuard, QDialog):
    """The plan, the conflicts side by side and the choice per conflict, then how to end (release or refresh).
    ``decide(key, choice)`` keeps a choice (in the copy, on the write thread, at once: closing the dialog loses
    none, so the conflicts take no part in "Discard changes?"); the dialog is accepted with ``after`` set once
    every conflict is chosen."""

    def __init__(self, parent: QWidget | None, plan: SyncPlan, server: str,
                 decide: Callable[[str, Literal["mine", "theirs"]], None]) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setWindowTitle(translate("OfflineDialogs", "Sync back to the server"))
        self.plan = plan
        self.decide = decide
        #: The choice kept for each conflict (those made before, in an earlier try, are in the copy already).
        self.choices: dict[str, Literal["mine", "theirs"]] = {
            c.key: c.choice for c in plan.conflicts if c.choice is not None}
        self.after: Literal["release", "refresh"] = "release"
        column = QVBoxLayout(self)
        self.summary = _plain(plan_text(plan, server), self)
        self.summary.setObjectName("syncSummary")
        column.addWidget(self.summary)
        self.changes = QPlainTextEdit(self)
        self.changes.setObjectName("syncChanges")
        self.changes.setAccessibleName(translate("OfflineDialogs", "What will be applied"))
        self.changes.setReadOnly(True)
        self.changes.setPlainText(self._changes_text())
        self.changes.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        column.addWidget(self.changes)
        self.conflicts = QListWidget(self)
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setAccessibleName(translate("OfflineDialogs", "Conflicts to choose"))
        self.conflicts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for conflict in plan.conflicts:
            item = QListWidgetItem(self.conflicts)
            item.setData(Qt.ItemDataRole.UserRole, conflict.key)
        self.side = QWidget(self)
        grid = QGridLayout(self.side)
        grid.setContentsMargins(0, 0, 0, 0)
        self.who = _plain("", self.side)
        self.who.setObjectName("conflictWho")
        grid.addWidget(self.who, 0, 0, 1, 3)
        self.panes: dict[str, QPlainTextEdit] = {}
        for col, (key, title) in enumerate(
            (
                ("mine", translate("OfflineDialogs", "Yours (changed offline)")),
                ("theirs", translate("OfflineDialogs", "Theirs (on the server)")),
                ("original", translate("OfflineDialogs", "The original (when taken offline)")),
            )
        ):
            grid.addWidget(_plain(title, self.side), 1, col)
            pane = QPlainTextEdit(self.side)
            pane.setReadOnly(True)
            pane.setObjectName(f"conflict_{key}")
            pane.setAccessibleName(title)
            pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the choice
            grid.addWidget(pane, 2, col)
            self.panes[key] = pane
        self.keep_mine = QRadioButton(translate("OfflineDialogs", "Keep &yours"), self.side)
        self.keep_mine.setObjectName("keepMine")
        self.keep_theirs = QRadioButton(translate("OfflineDialogs", "Keep t&heirs"), self.side)
        self.keep_theirs.setObjectName("keepTheirs")
        self.keep = QButtonGroup(self)
        self.keep.setExclusive(False)  # nothing chosen until a person chooses
        self.keep.addButton(self.keep_mine)
        self.keep.addButton(self.keep_theirs)
        self.keep_mine.clicked.connect(lambda: self.choose("mine"))
        self.keep_theirs.clicked.connect(lambda: self.choose("theirs"))
        grid.addWidget(self.keep_mine, 3, 0)
        grid.addWidget(self.keep_theirs, 3, 1)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(ignore(self.conflicts))
        split.addWidget(ignore(self.side))
        split.setSizes([300, 700])
        column.addWidget(split, 1)
        if not plan.conflicts:
            split.hide()
        self.release = QRadioButton(
            translate(
                "OfflineDialogs", "Then &release the copy: it is wiped from this computer and this window closes"
            ),
            self,
        )
        self.refresh = QRadioButton(
            translate("OfflineDialogs", "Then re&fresh the copy and keep working offline"), self
        )
        self.release.setChecked(True)
        ending = QButtonGroup(self)
        ending.addButton(self.release)
        ending.addButton(self.refresh)
        column.addWidget(self.release)
        column.addWidget(self.refresh)
        self.buttons = QDialogButtonBox(self)
        self.sync_button = self.buttons.addButton(
            translate("OfflineDialogs", "&Sync now"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sync_button.setObjectName("syncNow")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.conflicts.currentRowChanged.connect(self._show_conflict)
        self.conflicts.installEventFilter(self)
        for button in (self.keep_mine, self.keep_theirs):
            button.installEventFilter(self)
        self._refresh_items()
        self._update_sync_button()
        if plan.conflicts:
            self.conflicts.setCurrentRow(0)
            self.conflicts.setFocus()
        else:
            self.sync_button.setFocus()
        self.resize(1100, 680)

    def _changes_text(self) -> str:
        lines = [f"{c.label} — {c.field.replace('_', ' ')}: {_value(c.original)} → {_value(c.mine)}"
                 + (f" ({shown_name(c.made_by)}, {time_text(c.made_at)})" if c.made_by and c.made_at else "")
                 for c in self.plan.apply]
        lines.extend(translate("OfflineDialogs", "New: {record}").format(record=r.label) for r in self.plan.inserts)
        lines.extend(translate("OfflineDialogs", "Deleted: {record}").format(record=r.label) for r in self.plan.deletes)
        lines.extend((translate("OfflineDialogs", "Added: {link}") if link.add
                      else translate("OfflineDialogs", "Removed: {link}")).format(link=link.label)
                     for link in self.plan.links)
        return "\n".join(lines) or translate("OfflineDialogs", "Nothing was changed offline.")

    # Conflicts ------------------------------------------------------------------------------------------------
    def current(self) -> Conflict | None:
        row = self.conflicts.currentRow()
        return self.plan.conflicts[row] if 0 <= row < len(self.plan.conflicts) else None

    def _show_conflict(self, row: int) -> None:
        c = self.current()
        if c is None:
            return
        kind = translate("OfflineDialogs", KIND_WORDS[c.kind]) if c.kind in KIND_WORDS else c.kind
        if c.made_by and c.made_at:
            said = translate("OfflineDialogs", "{title}: {kind}. Changed offline by {person} on {time}.")
        elif c.made_by:
            said = translate("OfflineDialogs", "{title}: {kind}. Changed offline by {person}.")
        elif c.made_at:
            said = translate("OfflineDialogs", "{title}: {kind}. Changed offline on {time}.")
        else:
            said = translate("OfflineDialogs", "{title}: {kind}. Changed offline.")
        self.who.setText(said.format(title=conflict_title(c), kind=kind, person=shown_name(c.made_by or ""),
                                     time=time_text(c.made_at) if c.made_at else ""))
        for key, value in (("mine", c.mine), ("theirs", c.theirs), ("original", c.original)):
            self.panes[key].setPlainText(_value(value))
        chosen = self.choices.get(c.key)
        self.keep_mine.setChecked(chosen == "mine")
        self.keep_theirs.setChecked(chosen == "theirs")

    def choose(self, choice: Literal["mine", "theirs"]) -> None:
        """Keep ``choice`` for the conflict shown (stored in the copy at once: a window closed meanwhile keeps it)."""
        c = self.current()
        if c is None:
            return
        self.choices[c.key] = choice
        self.keep_mine.setChecked(choice == "mine")
        self.keep_theirs.setChecked(choice == "theirs")
        self.decide(c.key, choice)
        self._refresh_items()
        self._update_sync_button()

    def _refresh_items(self) -> None:
        for row, c in enumerate(self.plan.conflicts):
            item = self.conflicts.item(row)
            if item is None:
                continue
            chosen = self.choices.get(c.key)
            state = {
                "mine": translate("OfflineDialogs", "keep yours"),
                "theirs": translate("OfflineDialogs", "keep theirs"),
            }.get(chosen or "", translate("OfflineDialogs", "to choose"))
            item.setText(f"{conflict_title(c)} — {state}")

    def next_conflict(self) -> None:
        """Enter: on to the next conflict still to choose (or to Sync now once all are chosen)."""
        undecided = [i for i, c in enumerate(self.plan.conflicts) if c.key not in self.choices]
        if not undecided:
            self.sync_button.setFocus()
            return
        after = [i for i in undecided if i > self.conflicts.currentRow()]
        self.conflicts.setCurrentRow((after or undecided)[0])
        self.conflicts.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and watched in (self.conflicts, self.keep_mine,
                                                                          self.keep_theirs):
                self.choose("mine" if key == Qt.Key.Key_Left else "theirs")  # yours is on the left
                return True
            if key == Qt.Key.Key_Space and watched is self.conflicts:
                c = self.current()
                if c is not None:  # Space: yours, then the other one each time
                    self.choose("theirs" if self.choices.get(c.key) == "mine" else "mine")
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (self.conflicts, self.keep_mine,
                                                                           self.keep_theirs):
                self.next_conflict()
                return True
        return False

    def undecided(self) -> list[str]:
        return [c.key for c in self.plan.conflicts if c.key not in self.choices]

    def _update_sync_button(self) -> None:
        left = self.undecided()
        self.sync_button.setEnabled(not left)
        self.sync_button.setToolTip(
            translate("OfflineDialogs", "Choose for each conflict first (%n left).", "", len(left))
            if left
            else translate("OfflineDialogs", "Apply the changes made offline to the server, in one go.")
        )

    def _accept(self) -> None:
        if self.undecided():
            return
        self.after = "refresh" if self.refresh.isChecked() else "release"
        self.accept()


def sync_back(window: MainWindow, password: str | None = None) -> bool:
    """File → Sync back to the server…: the plan is read from the server first (nothing changes anywhere)."""
    ctx, info = window.ctx, window.ctx.offline
    if ctx.services is None:
        window.statusBar().showMessage(translate("OfflineDialogs", "The database is still opening."), 5000)
        return False
    if info is None:
        window.statusBar().showMessage(
            translate(
                "OfflineDialogs",
                "This is not an offline copy: there is nothing to sync back. Open the copy "
                "(scpdesk --database FILE) and sync it from there.",
            ),
            8000,
        )
        return False
    window.statusBar().showMessage(translate("OfflineDialogs", "Reading what a sync would do from {server}…").format(
        server=info.server_label))

    def failed(exc: BaseException) -> None:
        window.statusBar().clearMessage()
        from ..services.offline.area import ServerLoginRefused

        if isinstance(exc, ServerLoginRefused):
            typed = ask_password(window, info.server_label)
            if typed:
                sync_back(window, typed)
            return
        _sync_failed(window, exc)

    ops.load(window, ctx, lambda s: s.offline.plan(password), lambda plan: _show_plan(window, plan, password),
             key="sync-plan", failed=failed)
    return True


def ask_password(window: QWidget, server: str) -> str:
    text, ok = QInputDialog.getText(
        window,
        translate("OfflineDialogs", "Sync back to the server"),
        translate("OfflineDialogs", "Password for your login on {server}:").format(server=server),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else ""


def _sync_failed(window: MainWindow, exc: BaseException) -> None:
    from ..services.offline.area import SyncedNotFinished

    window.statusBar().clearMessage()
    if isinstance(exc, SyncedNotFinished):  # the server has the changes: never say that nothing changed
        plain_message(
            window, translate("OfflineDialogs", "Synced, not finished"), str(exc), icon=QMessageBox.Icon.Warning
        )
        return
    if isinstance(exc, ScpdeskError | OSError):
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        plain_message(
            window,
            translate("OfflineDialogs", "Not synced"),
            translate("OfflineDialogs", "The sync did not happen: {reason}").format(reason=why)
            + "\n\n"
            + translate("OfflineDialogs", NOTHING_CHANGED),
            icon=QMessageBox.Icon.Warning,
        )
    else:
        ops.explain(window, exc)


def _show_plan(window: MainWindow, plan: SyncPlan, password: str | None) -> None:
    window.statusBar().clearMessage()
    info = window.ctx.offline
    assert info is not None

    def decide(key: str, choice: Literal["mine", "theirs"]) -> None:
        ops.save(window, window.ctx, lambda s: s.offline.resolve(key, choice), lambda _none: None)

    dialog = SyncDialog(window, plan, info.server_label, decide)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        after = dialog.after
    finally:
        dialog.deleteLater()
    apply_sync(window, password, after)


def apply_sync(window: MainWindow, password: str | None, after: Literal["release", "refresh"]) -> None:
    """The sync itself, one background write; released: the copy is wiped and the window closes."""
    info = window.ctx.offline
    assert info is not None
    window.statusBar().showMessage(
        translate("OfflineDialogs", "Syncing back to {server}…").format(server=info.server_label)
    )
    if after == "release":
        window.tasks.wait()  # nothing may still be reading the copy that is about to be wiped

    def done(result: SyncResult) -> None:
        window.statusBar().clearMessage()
        renamed = "".join("\n" + translate("OfflineDialogs", "{old} is now {new}.").format(old=old, new=new)
                          for old, new in result.references.items())
        a, i, r = result.applied, result.inserted, result.resolved
        text = translate("OfflineDialogs", "Synced back to {server}: {applied}, {added}, {settled}.").format(
            server=info.server_label,
            applied=one_or_many(a, translate("OfflineDialogs", "%n change applied", "", a),
                                translate("OfflineDialogs", "%n changes applied", "", a)),
            added=one_or_many(i, translate("OfflineDialogs", "%n new record added", "", i),
                              translate("OfflineDialogs", "%n new records added", "", i)),
            settled=one_or_many(r, translate("OfflineDialogs", "%n conflict settled as you chose", "", r),
                                translate("OfflineDialogs", "%n conflicts settled as you chose", "", r))) + renamed
        if result.already_synced:
            text = translate("OfflineDialogs", "This copy had already been synced to {server} at {time}: what was left "
                             "to do on this computer is done now.").format(server=info.server_label,
                                                                           time=time_text(result.synced_at))
        if after == "release":
            plain_message(
                window,
                translate("OfflineDialogs", "Synced"),
                text
                + "\n\n"
                + translate(
                    "OfflineDialogs",
                    "The offline copy was released and wiped from this computer; this window closes now.",
                ),
            )
            window.ctx.services = None  # the file is gone: nothing may write to it again (nor its closing anchor)
            window.close()
            return
        plain_message(
            window,
            translate("OfflineDialogs", "Synced"),
            text
            + "\n\n"
            + translate("OfflineDialogs", "The copy was refreshed from the server: keep working offline."),
        )
        reopen(window)

    ops.save(window, window.ctx, lambda s: s.offline.sync(password, after=after), done,
             failed=lambda exc: _sync_failed(window, exc))


def reopen(window: MainWindow) -> None:
    """Open the refreshed copy (a new file at the same place) and show it, as a restore does."""
    from .main_window import FirstLoad

    services = window.ctx.services
    if services is None:
        return
    window.ctx.services = None  # nothing reads or writes the replaced file meanwhile
    url, user, clock, backups = services.db.url, services.ctx.os_account, services.ctx.clock, window.backup_dir

    def run() -> FirstLoad:
        from ..services.registry import open_services

        services.db.dispose()
        return FirstLoad.load(open_services(url, user=user, backup_dir=backups, clock=clock))

    def failed(exc: BaseException) -> None:
        plain_message(
            window,
            translate("OfflineDialogs", "Copy not reopened"),
            translate(
                "OfflineDialogs",
                "The sync finished, but the refreshed copy could not be opened: {reason}\n\nClose scpdesk and open "
                "the copy again.",
            ).format(reason=exc),
            icon=QMessageBox.Icon.Warning,
        )

    window.tasks.write(run, window.attach, failed)
