"""The idle lock: after the partnership's idle time without mouse or keyboard, every scpdesk window hides its
contents behind a lock screen until the user proves it is them (see scpdesk/services/unlock.py for what
unlocks). Open forms are covered, never closed: what was typed is there after unlocking."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..services import unlock as unlocking
from .discard import ignore
from .i18n import one_or_many, translate
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..services.registry import Services

log = logging.getLogger(__name__)

DEFAULT_MINUTES = 10
LOCK_HASH_KEY = "lock/passphrase_hash"

_ACTIVITY = {QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
             QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}
#: Input a locked window must not pass to what is behind the lock screen.
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
          QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
          QEvent.Type.Wheel, QEvent.Type.ContextMenu}


class LockScreen(QFrame):
    """What a locked window shows instead of its contents: who may unlock, and how."""

    def __init__(self, lock: IdleLock, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.lock = lock
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background: #1f2a36; } #lockScreen QLabel { color: #e8edf2; }"
                           "#lockCard { background: #2c3a4a; border-radius: 10px; }"
                           "#lockScreen QLabel#lockError { color: #ffb4a8; font-weight: bold; }")
        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setMinimumWidth(380)
        card.setMaximumWidth(460)
        title = QLabel(translate("LockScreen", "scpdesk is locked"), card)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.explain = QLabel(card)
        self.explain.setWordWrap(True)
        self.prompt = QLabel(card)
        self.prompt.setWordWrap(True)
        self.secret = QLineEdit(card)
        self.secret.setObjectName("lockSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self._try)
        self.unlock_button = QPushButton(translate("LockScreen", "Unlock"), card)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._try)
        self.error = QLabel(card)
        self.error.setObjectName("lockError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.computer_button = QPushButton(translate("LockScreen", "Lock the computer"), card)
        self.computer_button.clicked.connect(self.lock.lock_computer)
        self.quit_button = QPushButton(translate("LockScreen", "Close scpdesk"), card)
        self.quit_button.setObjectName("lockQuit")
        self.quit_button.clicked.connect(self.lock.quit_requested.emit)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(self.explain)
        inner.addWidget(self.prompt)
        entry = QHBoxLayout()
        entry.addWidget(self.secret, 1)
        entry.addWidget(self.unlock_button)
        inner.addLayout(entry)
        inner.addWidget(self.error)
        others = QHBoxLayout()
        others.addStretch(1)
        others.addWidget(self.computer_button)
        others.addWidget(self.quit_button)
        inner.addLayout(others)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.update_method()
        lock.checked.connect(self._checked)

    def update_method(self) -> None:
        method = self.lock.method()
        can_unlock = method.kind != unlocking.NOTHING
        minutes = self.lock.minutes
        self.explain.setText(one_or_many(
            minutes, translate("LockScreen", "Records are hidden after %n minute without use, or when you lock "
                               "scpdesk. Forms you had open keep what you typed.", "", minutes),
            translate("LockScreen", "Records are hidden after %n minutes without use, or when you lock scpdesk. Forms "
                      "you had open keep what you typed.", "", minutes)))
        self.prompt.setText(method.prompt if can_unlock else
                            translate("LockScreen", "No unlock passphrase is set on this PC, so scpdesk cannot check "
                                      "who is back. Lock the computer, or close scpdesk (unsaved typing is lost). Set "
                                      "one with File → Set unlock passphrase… to unlock here next time."))
        for widget in (self.secret, self.unlock_button):
            widget.setVisible(can_unlock)

    def _try(self) -> None:
        """Check what was typed off the GUI thread ("Checking…" meanwhile); ``_checked`` shows the answer."""
        if self.lock.checking:
            return
        for widget in (self.secret, self.unlock_button):
            widget.setEnabled(False)
        self.error.setText(translate("LockScreen", "Checking…"))
        self.error.show()
        self.lock.try_unlock(self.secret.text())

    def _checked(self, unlocked: bool) -> None:
        if unlocked:
            return
        self.secret.clear()
        self.show_wait()
        self.secret.setFocus()

    def show_wait(self) -> None:
        """After a wrong secret: "try again", or how long until the next try is checked (counting down)."""
        left = self.lock.throttle.wait_left()
        waiting = left > 0
        for widget in (self.secret, self.unlock_button):
            widget.setEnabled(not waiting)
        if waiting:
            seconds = int(left + 0.999)
            self.error.setText(translate("LockScreen", "Not right {failures} times: next try in {seconds} s.").format(
                failures=self.lock.throttle.failures, seconds=seconds))
            QTimer.singleShot(min(1000, int(left * 1000) + 1), self.show_wait)
        else:
            self.error.setText(translate("LockScreen", "That is not right. Try "
                                                       "again.") if self.lock.throttle.failures else "")
        self.error.setVisible(bool(self.error.text()))
        if not waiting and self.isVisible():
            self.secret.setFocus()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()


class IdleLock(QObject):
    """Watches the whole application's mouse and keyboard (an event filter) and locks after ``minutes``."""

    locked_changed = Signal(bool)
    #: A typed secret was checked (True: it unlocked).
    checked = Signal(bool)
    #: The user chose translate("LockScreen", "Close scpdesk") on the lock screen.
    quit_requested = Signal()

    def __init__(self, window: QWidget, services: Callable[[], Services | None],
                 lock_hash: Callable[[], str], *, tasks: TaskRunner | None = None) -> None:
        super().__init__(window)
        self.window = window
        #: Where a typed secret is checked (a server login or a key derivation takes long): the window's runner.
        runner = tasks if tasks is not None else getattr(window, "tasks", None)
        self.tasks: TaskRunner | None = runner if isinstance(runner, TaskRunner) else None
        #: True while a typed secret is being checked (another try waits for its answer).
        self.checking = False
        self._services = services
        self._lock_hash = lock_hash
        self.minutes = DEFAULT_MINUTES
        self.locked = False
        self._veils: dict[QWidget, tuple[LockScreen, list[QWidget]]] = {}
        self._sizes: dict[QWidget, QSize] = {}
        self._focus: QWidget | None = None
        self.refused = 0
        self.throttle = unlocking.UnlockThrottle()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(DEFAULT_MINUTES)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)
        if not self.locked:
            self.timer.start()

    def stop(self) -> None:
        """The window is closing: no more watching (another window of the process may have its own lock)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def method(self) -> unlocking.UnlockMethod:
        return unlocking.unlock_method(self._services(), self._lock_hash())

    # Watching -------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not self.locked:
            if kind in _ACTIVITY:
                self.timer.start()
            return False
        if not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.Show and watched.isWindow() and watched not in self._veils \
                and watched.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup) \
                and not isinstance(watched, LockScreen):
            QTimer.singleShot(0, lambda w=watched: self._veil(w) if self.locked and w.isVisible() else None)
        elif kind == QEvent.Type.Resize and watched in self._veils:
            self._veils[watched][0].cover()
        elif kind in _INPUT and not self._inside_lock_screen(watched):
            return True  # nothing behind the lock screen gets a key, click or shortcut
        return False

    @staticmethod
    def _inside_lock_screen(widget: QWidget) -> bool:
        current: QWidget | None = widget
        while current is not None:
            if isinstance(current, LockScreen):
                return True
            current = current.parentWidget()
        return False

    # Locking --------------------------------------------------------------------------------------------

    def lock(self) -> None:
        if self.locked or not self.window.isVisible():
            return
        self.timer.stop()
        self.locked = True
        self._focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        while popup is not None:  # open menus and drop-downs show records too
            popup.close()
            popup = QApplication.activePopupWidget()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, LockScreen):
                self._veil(widget)
        log.info("window locked (%d window(s) covered)", len(self._veils))
        self.locked_changed.emit(True)

    def _veil(self, window: QWidget) -> None:
        """Hide ``window``'s contents (not the window: a form dialog keeps running, with its typing) and put
        the lock screen over it."""
        if window in self._veils:
            return
        hidden = [child for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                  if not child.isWindow() and not child.isHidden() and not isinstance(child, LockScreen)]
        for child in hidden:
            child.hide()
        screen = LockScreen(self, window)
        ignore(screen)  # its passphrase box is no change to the form it covers
        self._veils[window] = (screen, hidden)
        needed = screen.sizeHint().expandedTo(window.size())
        if needed != window.size():  # a small dialog grows to show the whole lock screen (back after unlock)
            self._sizes[window] = window.size()
            window.resize(needed)
        screen.cover()
        screen.show()
        if window.isActiveWindow() or window is self.window:
            screen.secret.setFocus()

    def try_unlock_check(self, secret: str) -> bool:
        """Whether ``secret`` is what unlocks now (changing the unlock passphrase asks for the current one)."""
        return unlocking.check_unlock(self._services(), self.method(), secret, self._lock_hash())

    def try_unlock(self, secret: str) -> bool:
        """Unlock if ``secret`` is right, checked on a worker thread (a fresh server login, or deriving a key,
        must not freeze the window); ``checked`` says the answer. Never checked while the throttle says wait or
        while another check runs (a guess then counts as nothing, right or wrong). The answer when the check ran
        at once (the tests' immediate runner); False while it runs."""
        if self.throttle.wait_left() > 0 or self.checking:
            return False
        services, method, lock_hash = self._services(), self.method(), self._lock_hash()

        def check() -> bool:
            return unlocking.check_unlock(services, method, secret, lock_hash)

        outcome: list[bool] = []

        def answered(right: bool) -> None:
            self.checking = False
            outcome.append(self._answer(right))
            self.checked.emit(outcome[-1])

        def failed(exc: BaseException) -> None:  # not the user's guess: it counts as nothing
            self.checking = False
            log.error("checking the unlock secret failed", exc_info=exc)
            outcome.append(False)
            self.checked.emit(False)

        if self.tasks is None:
            answered(check())
        else:
            self.checking = True
            self.tasks.read(check, answered, failed)
        return outcome[0] if outcome else False

    def _answer(self, right: bool) -> bool:
        if not right:
            self.refused += 1
            wait = self.throttle.failed()
            log.warning("unlock refused (%d time(s) since the lock; next try waits %d s)", self.refused, wait)
            return False
        self.throttle.succeeded()
        self.unlock()
        return True

    def unlock(self) -> None:
        """Show every window's contents again (only after a checked secret: see ``try_unlock``)."""
        for window, (screen, hidden) in self._veils.items():
            for child in hidden:
                child.show()
            screen.hide()
            screen.deleteLater()
            if window in self._sizes:
                window.resize(self._sizes[window])
        self._veils.clear()
        self._sizes.clear()
        self.locked = False
        self.refused = 0
        if self._focus is not None:
            self._focus.setFocus()
        self._focus = None
        log.info("window unlocked")
        self.locked_changed.emit(False)
        self.timer.start()

    def screens(self) -> list[LockScreen]:
        return [screen for screen, _ in self._veils.values()]

    def lock_computer(self) -> None:
        if not unlocking.lock_computer():
            for screen in self.screens():
                screen.error.setText(translate("LockScreen", "This computer cannot be locked from scpdesk: lock it "
                                                             "from its own menu."))
                screen.error.show()
