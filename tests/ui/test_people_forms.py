"""People where people act (issue 13), in the forms: the new meeting ticks its kind's members; a person picker
finds a person from part of a name, refuses a name that is not in the list (the field named, the typing kept)
and the agency field follows the person chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QListWidget
from pytestqt.qtbot import QtBot
from uihelpers import settle

from scpdesk.models.enums import MeetingKind, ReferralStatus
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow


def ticked(box: QListWidget) -> set[int]:
    return {box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked}


def test_a_new_meeting_ticks_the_panel_members_and_follows_the_kind(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    people = demo_window.ctx.services.meetings.people()
    panel = {p.id for p in people if p.panel_member}
    qas = {p.id for p in people if p.qas_member}
    assert panel and qas and panel != qas
    seen: list[tuple[set[int], set[int], set[int]]] = []

    def look(dialog: FormDialog) -> int:
        kind, box = dialog.widget("kind"), dialog.widget("members")
        assert isinstance(kind, QComboBox) and isinstance(box, QListWidget)
        first = ticked(box)
        kind.setCurrentIndex(kind.findData(MeetingKind.QAS))
        second = ticked(box)
        box.item(0).setCheckState(Qt.CheckState.Unchecked if box.item(0).checkState() == Qt.CheckState.Checked
                                  else Qt.CheckState.Checked)  # the user's own choice…
        chosen = ticked(box)
        kind.setCurrentIndex(kind.findData(MeetingKind.RAPID_REVIEW_PANEL))
        seen.append((first, second, chosen))
        assert ticked(box) == chosen  # …is kept when the kind changes again
        dialog.discard()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", look)
    demo_window.tabs.setCurrentWidget(demo_window.panel)
    demo_window.panel.new_meeting()
    qtbot.waitUntil(lambda: bool(seen))
    first, second, _chosen = seen[0]
    assert first == panel and second == qas


def test_the_safety_action_owner_is_found_by_part_of_a_name_and_their_agency_follows(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    services = demo_window.ctx.services
    tab = demo_window.referrals
    case = next(tab.model.row_at(i) for i in range(tab.model.rowCount())
                if tab.model.row_at(i).status is ReferralStatus.RAPID_REVIEW)
    assert tab.select_id(case.id)
    qtbot.waitUntil(lambda: tab.detail.referral_id == case.id and tab.detail.rapid is not None)
    penrose = next(p for p in services.meetings.people() if p.name == "DCI Mark Penrose")
    errors: list[str] = []

    def fill(dialog: FormDialog) -> int:
        dialog.widget("description").setPlainText("Strategy discussion today")  # type: ignore[attr-defined]
        person, agency = dialog.widget("owner_person"), dialog.widget("owner_agency")
        assert isinstance(person, QComboBox) and isinstance(agency, QComboBox)
        assert person.currentText() == "— none —" and person.isEditable()
        person.setEditText("Nobody Like This")
        dialog.try_submit()  # not in the directory: refused, the field named, nothing typed lost
        errors.append(dialog.error.text())
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.widget("description").toPlainText() == "Strategy discussion today"  # type: ignore[attr-defined]
        person.setCurrentIndex(person.findData(penrose.id))
        assert agency.currentData() == penrose.agency_id  # the agency follows the person
        person.setEditText("penrose")  # part of a name, any case
        dialog.try_submit()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", fill)
    before = len(tab.detail.rapid.safety_actions)
    tab.detail.add_safety_action()
    settle(qtbot, demo_window)
    assert errors and errors[0].startswith("Owner: 'Nobody Like This' is not in the directory list")
    qtbot.waitUntil(lambda: len(tab.detail.rapid.safety_actions) == before + 1)
    added = tab.detail.rapid.safety_actions[-1]
    assert added.owner == f"DCI Mark Penrose ({penrose.agency})" and added.owner_person_id == penrose.id
    assert f"DCI Mark Penrose ({penrose.agency})" in tab.detail.rapid_text.toPlainText()
