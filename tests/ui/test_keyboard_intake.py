"""Issue 13, keys only: a referral taken in from Ctrl+N to the list (two children added, one removed, Ctrl+Enter
saves), a partner sign-off naming a person from the directory, and the removal of a child keeping everything else
typed. Every step the tests claim is a key pressed on the widget that has the focus (``QApplication.focusWidget``);
focus is set directly only at the start."""

from __future__ import annotations

import pytest
from keyhelpers import focus_now as focused
from keyhelpers import key, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import settle

from scpdesk.models.enums import Partner, ReferralStatus
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.referral_dialog import ReferralDialog

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def tab_to(qtbot: QtBot, target: QWidget, *, limit: int = 80) -> None:
    """Press Tab until ``target`` has the focus (as a keyboard user would), failing if it never does."""
    for _ in range(limit):
        if focused() is target:
            return
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is target, f"Tab never reached {target.objectName() or target.accessibleName()}"


def shown(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


@pytest.fixture
def window(qtbot: QtBot, demo_window: MainWindow) -> MainWindow:
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow)
    settle(qtbot, demo_window)
    return demo_window


def test_intake_by_keys_only_two_children_added_one_removed_then_saved(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ReferralDialog] = []

    def by_keys(dialog: ReferralDialog) -> int:
        seen.append(dialog)
        shown(qtbot, dialog)
        tab_to(qtbot, dialog.reference)
        type_text(qtbot, "NSCP-K-001")
        tab_to(qtbot, dialog.la_aware)
        type_text(qtbot, window.ctx.today().strftime("%d/%m/%Y"))
        first, second, third = dialog.child_rows[:3]
        tab_to(qtbot, first.pseudonym)
        type_text(qtbot, "Child K")
        tab_to(qtbot, dialog.add_child)
        key(qtbot, Qt.Key.Key_Space)  # Add a child: the new child's pseudonym takes the focus
        assert focused() is second.pseudonym
        type_text(qtbot, "Child Kay")
        tab_to(qtbot, dialog.add_child)
        key(qtbot, Qt.Key.Key_Space)
        assert focused() is third.pseudonym
        type_text(qtbot, "Child Kim")
        tab_to(qtbot, third.nhs)
        type_text(qtbot, "9434765919")
        key(qtbot, Qt.Key.Key_2, ALT)  # "Remove child &2": the third child moves up, with what was typed for it
        qtbot.waitUntil(lambda: dialog.visible_children == 2)  # a mnemonic clicks the button as a click would
        assert not third.pseudonym.isVisible()
        assert (second.pseudonym.text(), second.nhs.text()) == ("Child Kim", "9434765919")
        assert focused() is second.pseudonym
        key(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return dialog.result()

    monkeypatch.setattr(ReferralDialog, "exec", by_keys)
    window.referrals.table.setFocus()
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(seen))
    settle(qtbot, window)
    tab = window.referrals
    chosen = tab.table.selectionModel().selectedRows()
    assert [tab.model.row_at(i.row()).reference for i in chosen] == ["NSCP-K-001"]
    referral_id = tab.model.row_at(chosen[0].row()).id
    saved = window.ctx.services.referrals.get(referral_id)
    assert [c.pseudonym for c in saved.children] == ["Child K", "Child Kim"]


def test_removing_a_child_keeps_the_others_typing_and_delete_on_its_button_removes_it(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = ReferralDialog(window.ctx, window.ctx.services.agencies(), window)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.reference.setFocus()
    type_text(qtbot, "NSCP-K-002")
    rows = dialog.child_rows
    tab_to(qtbot, rows[0].pseudonym)
    type_text(qtbot, "Child L")
    for name in ("Child L2", "Child L3", "Child L4"):
        tab_to(qtbot, dialog.add_child)
        key(qtbot, Qt.Key.Key_Space)
        type_text(qtbot, name)
        key(qtbot, Qt.Key.Key_Tab)  # the role
        key(qtbot, Qt.Key.Key_Down)  # sibling → other child
    assert not dialog.add_child.isEnabled()  # four is the most a notification takes
    tab_to(qtbot, rows[3].full_name)
    type_text(qtbot, "Lily Example")
    assert rows[2].remove is not None
    tab_to(qtbot, rows[2].remove)
    key(qtbot, Qt.Key.Key_Delete)
    assert dialog.visible_children == 3 and dialog.add_child.isEnabled()
    assert [r.pseudonym.text() for r in rows[:3]] == ["Child L", "Child L2", "Child L4"]
    assert rows[2].full_name.text() == "Lily Example" and rows[3].full_name.text() == ""
    assert [r.role.currentData() for r in rows[:3]] == ["subject", "other", "other"]
    assert dialog.reference.text() == "NSCP-K-002"
    children = dialog.value().children
    assert [c.pseudonym for c in children] == ["Child L", "Child L2", "Child L4"]
    assert children[2].identity.full_name == "Lily Example"
    dialog.discard()  # closed without saving (the window's close would ask about it)


def test_a_sign_off_by_keys_names_a_person_from_the_directory(qtbot: QtBot, window: MainWindow,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    services = window.ctx.services
    tab = window.referrals
    rows = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
    case = next(r for r in rows if r.status is ReferralStatus.RAPID_REVIEW)
    assert tab.select_id(case.id)
    qtbot.waitUntil(lambda: tab.detail.referral_id == case.id and tab.detail.rapid is not None)
    panel = tab.detail
    okafor = next(p for p in services.meetings.people() if p.name == "Daniel Okafor")
    forms: list[FormDialog] = []

    def by_keys(dialog: FormDialog) -> int:
        forms.append(dialog)
        shown(qtbot, dialog)
        partner = dialog.widget("partner")
        assert isinstance(partner, QComboBox)
        if focused() is not partner:
            tab_to(qtbot, partner)
        while partner.currentData() != Partner.ICB:  # the arrows choose the partner
            key(qtbot, Qt.Key.Key_Down)
        tab_to(qtbot, dialog.widget("person"))
        key(qtbot, Qt.Key.Key_A, CTRL)
        type_text(qtbot, "okafor")  # part of the name, any case, finds the person
        key(qtbot, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.isVisible())
        assert not dialog.error.isVisible(), dialog.error.text()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", by_keys)
    panel.tabs.setCurrentWidget(panel.rapid_tab)
    button = next(b for b in panel.rapid_tab.findChildren(QWidget)
                  if plain_text(getattr(b, "text", lambda: "")()) == "Sign-off by a partner…")
    button.setFocus()  # the start; from here on, keys only
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(forms))
    settle(qtbot, window)
    qtbot.waitUntil(lambda: panel.rapid is not None and Partner.ICB in {s.partner for s in panel.rapid.signoffs})
    icb = next(s for s in panel.rapid.signoffs if s.partner is Partner.ICB)
    assert (icb.name, icb.person_id, icb.agency) == ("Daniel Okafor", okafor.id, okafor.agency)
    assert icb.signed_date == window.ctx.today()
    history = services.referral_history(case.id)
    assert any(h.field == "signed by" and h.new_value == f"Daniel Okafor ({okafor.agency})" for h in history)
