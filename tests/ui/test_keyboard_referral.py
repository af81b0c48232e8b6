"""Issue 13: the referral workflow walked with the keyboard only, as a coordinator who never touches the mouse
would: choose the case in the list with the arrows, Tab to the next step the page offers, press it (Space, Enter
or its mnemonic), fill the real form by typing, Ctrl+Enter to save, and on to the next step — screen, SIN,
partners told, start the rapid review, summaries, sign-offs, complete, sent to the Panel, the Panel's response,
the decision.

The forms are the real modal dialogs (no stand-in ``exec``): what a step's key press opens is typed into from
inside its own event loop (``Typist``), through the widget that has the focus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from keyhelpers import focus_now as focused
from keyhelpers import key as press
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scpdesk.app import create_main_window
from scpdesk.models import Agency
from scpdesk.models.database import open_database
from scpdesk.models.enums import AgencyKind, Decision, ReferralStatus
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow

Script = Callable[[FormDialog], None]


@pytest.fixture
def window(qtbot: QtBot, sqlite_db_url: str, paths: AppPaths) -> Iterator[MainWindow]:
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="setup"))
    with sv.ctx.unit_of_work() as s:
        s.add_all([Agency(name="Northbrook Council", kind=AgencyKind.LOCAL_AUTHORITY),
                   Agency(name="Northbrook Police", kind=AgencyKind.POLICE),
                   Agency(name="Northbrook ICB", kind=AgencyKind.ICB)])
    for reference, days in (("NSCP-K-001", 2), ("NSCP-K-002", 1)):
        aware = sv.ctx.today() - dt.timedelta(days=days)
        sv.referrals.create(ReferralInput(reference=reference, received_date=aware, child_pseudonym="Child K",
                                          la_aware_date=aware, incident_date=aware))
    db.dispose()
    win = create_main_window(sqlite_db_url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.referrals)  # these tests begin at the referral list (the first screen is Today's)
    win.resize(1280, 720)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win


def tab_to(qtbot: QtBot, wanted: Callable[[QWidget], bool], *, most: int = 12) -> QWidget:
    """Press Tab until the focus is on a widget ``wanted`` says is the one (at most ``most`` presses)."""
    for _ in range(most):
        if wanted(focused()):
            return focused()
        press(qtbot, Qt.Key.Key_Tab)
    assert wanted(focused()), f"Tab never reached it (the focus is on {focused().objectName()!r})"
    return focused()


class Typist:
    """Types into the form a key press opens: ``expect(script)`` before the press; the script runs inside the
    dialog's own modal loop. A failing script cancels the form (the test never hangs) and fails the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.titles: list[str] = []
        self.error: BaseException | None = None
        #: Forms typed into so far (a mnemonic presses its button after a short animation: wait for the form).
        self.done = 0

    def expect(self, script: Script) -> None:
        def run() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, FormDialog):
                QTimer.singleShot(10, run)  # not open yet
                return
            self.titles.append(dialog.windowTitle())
            try:
                if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not dialog:
                    dialog.activateWindow()
                    self.qtbot.waitUntil(dialog.isActiveWindow)
                script(dialog)
            except BaseException as exc:  # re-raised by the test (``check``)
                self.error = exc
                dialog.reject()
            finally:
                self.done += 1

        QTimer.singleShot(0, run)

    def check(self) -> None:
        if self.error is not None:
            raise self.error


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The form closed: the window is active again, as a window manager makes it (the offscreen platform does
    not), and Qt gives the focus back to the widget that had it."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def field(dialog: FormDialog, key: str) -> Callable[[QWidget], bool]:
    return lambda widget: widget is dialog.widget(key)


def save(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def just_save(qtbot: QtBot) -> Script:
    """A form whose defaults are right (today's date): Ctrl+Enter."""
    return lambda dialog: save(qtbot)


def type_into(qtbot: QtBot, key: str, text: str) -> Script:
    def script(dialog: FormDialog) -> None:
        tab_to(qtbot, field(dialog, key))
        qtbot.keyClicks(focused(), text)
        save(qtbot)
    return script


def test_a_referral_goes_from_arrival_to_decision_by_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.referrals
    typist = Typist(qtbot)
    tab.table.setFocus()  # the one start: the list has the focus (on its first row, NSCP-K-001, due first)
    press(qtbot, Qt.Key.Key_Down)  # the arrows choose the case: the second row
    wanted = tab.model.row_at(1)
    assert wanted is not None and wanted.reference == "NSCP-K-002"
    panel = tab.detail
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.reference == "NSCP-K-002")
    first = panel.next_buttons[0]
    tab_to(qtbot, lambda w: w is first, most=4)  # Tab leaves the list for the step the case needs next
    assert first.text() == "&Screen the referral…"

    def step(key: str, script: Script, how: Callable[[], None]) -> None:
        assert key in panel.next_keys, (key, panel.next_keys)
        done = typist.done
        typist.expect(script)
        how()
        qtbot.waitUntil(lambda: typist.done > done and QApplication.activeModalWidget() is None)
        typist.check()
        back_to(qtbot, window)

    def space() -> None:  # the focused next-step button, pressed
        press(qtbot, Qt.Key.Key_Space)

    def mnemonic(letter: Qt.Key) -> Callable[[], None]:
        return lambda: press(qtbot, letter, Qt.KeyboardModifier.AltModifier)

    # Screen (the route's first choice is the rapid review): say why, save.
    step("screen", type_into(qtbot, "notes", "Serious harm; neglect suspected."), space)
    assert panel.detail.status is ReferralStatus.SCREENING
    assert panel.next_keys == ["record_sin", "notify_partners"]
    assert focused() is first and first.text() == "Record the &SIN sent…"  # the focus stays on the next step
    step("record_sin", type_into(qtbot, "sin_reference", "SIN-2026-0042"), lambda: press(qtbot, Qt.Key.Key_Enter))
    assert panel.detail.status is ReferralStatus.SIN_SENT and panel.detail.sin_reference == "SIN-2026-0042"
    # Partners told, by its mnemonic (the second button: Alt+P).
    assert panel.next_keys == ["start_rapid_review", "notify_partners"]
    step("notify_partners", just_save(qtbot), mnemonic(Qt.Key.Key_P))
    assert panel.detail.partners_notified_date == window.ctx.today()

    # Start the rapid review (Alt+S): tick two agencies with the arrows and Space.
    def start(dialog: FormDialog) -> None:
        tab_to(qtbot, field(dialog, "agencies"))
        press(qtbot, Qt.Key.Key_Down)  # the first agency (Northbrook Council)
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Down)  # the second (Northbrook ICB)
        press(qtbot, Qt.Key.Key_Space)
        save(qtbot)

    assert panel.next_keys == ["start_rapid_review"]
    step("start_rapid_review", start, mnemonic(Qt.Key.Key_S))
    assert panel.rapid is not None and len(panel.rapid.outstanding_summaries) == 2
    assert panel.next_keys == ["sign_off", "record_summary"]

    # The two summaries come back (Alt+U, twice: the form offers the next outstanding agency).
    for _ in range(2):
        step("record_summary", type_into(qtbot, "notes", "Chronology received."), mnemonic(Qt.Key.Key_U))
    assert panel.rapid.outstanding_summaries == ()
    # The three partners sign off (Alt+O: the form offers the next partner to sign).
    for name in ("A. Director", "B. Inspector", "C. Nurse"):
        step("sign_off", type_into(qtbot, "name", name), mnemonic(Qt.Key.Key_O))
    assert panel.next_keys == ["complete_rapid_review"]
    tab_to(qtbot, lambda w: w is panel.next_buttons[0])  # (its button took the focus away with it)
    step("complete_rapid_review", just_save(qtbot), space)
    assert panel.rapid.completed_date == window.ctx.today()
    assert panel.next_keys == ["send_to_panel"]
    step("send_to_panel", just_save(qtbot), mnemonic(Qt.Key.Key_N))
    assert panel.detail.status is ReferralStatus.RR_SENT
    assert panel.next_keys == ["record_panel_response", "decide"]
    step("record_panel_response", type_into(qtbot, "view", "The Panel agreed with the rapid review."),
         mnemonic(Qt.Key.Key_P))

    # The decision: the first choice is an LCSPR; the rationale typed; two criteria ticked with Space.
    def decide(dialog: FormDialog) -> None:
        tab_to(qtbot, field(dialog, "rationale"))
        qtbot.keyClicks(focused(), "Multi-agency learning.")
        for criterion in ("c1", "c3"):
            tab_to(qtbot, field(dialog, criterion))
            press(qtbot, Qt.Key.Key_Space)
        save(qtbot)

    assert panel.next_keys == ["decide"]
    step("decide", decide, mnemonic(Qt.Key.Key_I))
    assert panel.detail.status is ReferralStatus.DECIDED and panel.detail.decision is Decision.LCSPR
    assert panel.detail.criteria == (True, False, True, False)
    assert panel.next_keys == [] and panel.next_why.text().startswith("Decided on")
    assert typist.titles == [
        "Screen the referral", "Serious incident notification sent", "Local partners told", "Start the rapid review",
        "Agency summary returned", "Agency summary returned", "Partner sign-off", "Partner sign-off",
        "Partner sign-off", "Rapid review complete", "Rapid review sent to the National Panel",
        "National Panel response", "Record the decision"]
    # The story the keys wrote, in plain words.
    whats = [entry.what for entry in panel.timeline_model.all_rows]
    assert whats[-2:] == ["Decision: Undertake an LCSPR", whats[-1]] and whats[-1].startswith("LCSPR ")
