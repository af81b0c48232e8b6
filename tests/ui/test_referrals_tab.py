"""The Referrals tab driven as a coordinator would: intake, validation, the list and its filters, the clocks
with "why this date", every workflow step to a decision, conflicts and history."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from uihelpers import Answers, Questions, fill, settle

from scpdesk.app import create_main_window
from scpdesk.models import Agency
from scpdesk.models.database import open_database
from scpdesk.models.enums import AgencyKind, Decision, ReferralStatus, ReviewStatus
from scpdesk.models.timeframes import ClockState
from scpdesk.paths import AppPaths
from scpdesk.services import Changes, ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.ui import referral_dialog
from scpdesk.ui.clock_words import colour
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.referral_dialog import ReferralDialog


@pytest.fixture
def url(sqlite_db_url: str) -> str:
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="setup"))
    with sv.ctx.unit_of_work() as s:
        s.add_all([Agency(name="Northbrook Council", kind=AgencyKind.LOCAL_AUTHORITY),
                   Agency(name="Northbrook Police", kind=AgencyKind.POLICE),
                   Agency(name="Northbrook ICB", kind=AgencyKind.ICB),
                   Agency(name="Northbrook Schools", kind=AgencyKind.EDUCATION)])
    today = sv.ctx.today()
    for ref, days, pseudonym in (("NSCP-U-001", 12, "Child A"), ("NSCP-U-002", 1, "Child B")):
        aware = today - dt.timedelta(days=days)
        sv.referrals.create(ReferralInput(reference=ref, received_date=aware, child_pseudonym=pseudonym,
                                          la_aware_date=aware, incident_date=aware))
    db.dispose()
    return sqlite_db_url


@pytest.fixture
def window(qtbot: QtBot, url: str, paths: AppPaths) -> MainWindow:
    win = create_main_window(url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.referrals)  # these tests begin at the referral list (the first screen is Today's)
    win.show()
    return win


def select(window: MainWindow, reference: str) -> None:
    tab = window.referrals
    row = next(r for r in tab.model.all_rows if r.reference == reference)
    assert tab.select_id(row.id)


def test_intake_validates_keeps_what_was_typed_and_saves(qtbot: QtBot, window: MainWindow) -> None:
    dialog = ReferralDialog(window.ctx, window.ctx.services.agencies(), window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.reference, "NSCP-U-010")
    dialog.summary.setPlainText("Summary with <b>markup</b> & ŵŷ 👶")  # QTest types ASCII only
    dialog.received.setText("01/01/2099")
    dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.error.text()
    assert "Received: 01/01/2099 is in the future" in text
    assert "Child 1 pseudonym: enter the child's pseudonym" in text
    assert "border" in dialog.received.styleSheet()
    assert dialog.reference.text() == "NSCP-U-010"  # nothing typed is lost
    dialog.received.setText(window.ctx.today().strftime("%d/%m/%Y"))
    qtbot.keyClicks(dialog.child_rows[0].pseudonym, "Child Q")
    dialog.add_child.click()
    qtbot.keyClicks(dialog.child_rows[1].pseudonym, "Child Q2")
    qtbot.keyClicks(dialog.child_rows[0].full_name, "Fictional Person")
    dialog.agencies.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.try_save()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    referral_id, _ = dialog.created
    detail = window.ctx.services.referrals.get(referral_id)
    assert [c.pseudonym for c in detail.children] == ["Child Q", "Child Q2"]
    assert detail.summary == "Summary with <b>markup</b> & ŵŷ 👶"
    assert window.ctx.services.referrals.identities(referral_id)[0][1].full_name == "Fictional Person"


def test_an_incident_after_the_referral_was_received_is_refused_beside_the_field(qtbot: QtBot,
                                                                                 window: MainWindow) -> None:
    dialog = ReferralDialog(window.ctx, window.ctx.services.agencies(), window)
    qtbot.addWidget(dialog)
    before = len(window.ctx.services.referrals.list_rows())
    dialog.reference.setText("NSCP-U-012")
    dialog.child_rows[0].pseudonym.setText("Child R")
    dialog.received.setText("02/03/2026")
    dialog.incident_date.setText("05/03/2026")
    dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    note = dialog.notes["incident_date"]
    assert not note.isHidden() and note.text().startswith("The incident (05/03/2026) cannot be after the referral "
                                                          "was received (02/03/2026)")
    assert dialog.notes["received_date"].isHidden() and "border" in dialog.incident_date.styleSheet()
    assert len(window.ctx.services.referrals.list_rows()) == before
    dialog.incident_date.setText("01/03/2026")
    dialog.try_save()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()


def test_a_pseudonym_that_looks_like_a_real_name_is_questioned(qtbot: QtBot, window: MainWindow,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = [False, True]
    monkeypatch.setattr(referral_dialog, "confirm", lambda *args: answers.pop(0))
    dialog = ReferralDialog(window.ctx, window.ctx.services.agencies(), window)
    qtbot.addWidget(dialog)
    dialog.reference.setText("NSCP-U-011")
    dialog.child_rows[0].pseudonym.setText("Jayden Smith")
    dialog.try_save()
    assert dialog.created is None and "pseudonym" in dialog.error.text()
    dialog.try_save()
    assert dialog.created is not None


def test_new_referral_appears_in_the_list_and_is_selected(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_exec(self: ReferralDialog) -> int:
        self.reference.setText("NSCP-U-012")
        self.child_rows[0].pseudonym.setText("Child Z")
        self.la_aware.setText(self.ctx.today().strftime("%d/%m/%Y"))
        self.try_save()
        return self.result()

    monkeypatch.setattr(ReferralDialog, "exec", fake_exec)
    window.referrals.new_button.click()
    settle(qtbot, window)
    tab = window.referrals
    assert tab.model.rowCount() == 3
    assert tab.model.row_at(tab.table.selectionModel().selectedRows()[0].row()).reference == "NSCP-U-012"
    assert tab.detail.header.text().startswith("NSCP-U-012 — Child Z")


def test_the_detail_shows_every_clock_and_why_its_date_is_what_it_is(window: MainWindow, qtmodeltester) -> None:
    select(window, "NSCP-U-001")
    panel = window.referrals.detail
    labels = [panel.clock_model.row_at(i).label for i in range(panel.clock_model.rowCount())]
    assert labels == ["Serious incident notification", "Tell the local partners", "Rapid review complete",
                      "Rapid review sent to the Panel", "National Panel response"]
    assert panel.clock_model.row_at(0).state == "overdue"
    panel.clock_view.selectRow(0)
    why = panel.why.toPlainText()
    assert "Rule 6" in why and "day 0" in why and "Skipped:" in why and "Due:" in why
    qtmodeltester.check(panel.clock_model)
    qtmodeltester.check(panel.history_model)


def test_filters_narrow_the_list_and_the_summary_counts(window: MainWindow) -> None:
    tab = window.referrals
    assert tab.summary.text().startswith("2 referrals  ·  1 overdue  ·  ")
    tab.overdue_only.setChecked(True)
    assert [tab.model.row_at(i).reference for i in range(tab.model.rowCount())] == ["NSCP-U-001"]
    tab.overdue_only.setChecked(False)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("closed"))
    assert tab.model.rowCount() == 0
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("received"))
    assert tab.model.rowCount() == 2
    tab.route_filter.setCurrentIndex(tab.route_filter.findData("-"))
    assert tab.model.rowCount() == 2
    tab.route_filter.setCurrentIndex(tab.route_filter.findData("rapid_review"))
    assert tab.model.rowCount() == 0


def test_a_coordinator_takes_a_referral_from_arrival_to_decision(qtbot: QtBot, window: MainWindow,
                                                                 answers: Answers, questions: Questions) -> None:
    select(window, "NSCP-U-002")
    panel = window.referrals.detail
    today = window.ctx.services.ctx.today()
    assert panel.step_actions["screen"].isEnabled()
    assert not panel.step_actions["record_sin"].isEnabled()
    assert not panel.step_actions["start_rapid_review"].isEnabled()

    answers.append(fill(route="rapid_review", screened_date=today))
    panel.step_actions["screen"].trigger()
    assert panel.detail.status is ReferralStatus.SCREENING and panel.step_actions["record_sin"].isEnabled()

    answers.append(fill(sin_reference="", sent_date=today))
    panel.step_actions["record_sin"].trigger()
    assert "Notification reference: enter" in answers.failed[-1].error.text()
    answers.append(fill(sin_reference="SIN-2026-0042", sent_date=today))
    panel.step_actions["record_sin"].trigger()
    assert panel.detail.status is ReferralStatus.SIN_SENT
    assert panel.clock_model.row_at(0).state == "met"

    answers.append(fill(started_date=today, agencies=["Northbrook Police", "Northbrook Schools"]))
    panel.step_actions["start_rapid_review"].trigger()
    assert panel.rapid is not None
    assert set(panel.rapid.outstanding_summaries) == {"Northbrook Police", "Northbrook Schools"}
    assert "waiting for Northbrook Police, Northbrook Schools" in panel.rapid_status.text()

    police = next(s.agency_id for s in panel.rapid.summaries if s.agency == "Northbrook Police")
    answers.append(fill(agency=police, received_date=today))
    panel.record_summary()
    assert panel.rapid.outstanding_summaries == ("Northbrook Schools",)

    complete = panel.step_actions["complete_rapid_review"]
    assert not complete.isEnabled()
    assert "sign-off of Local authority, Police, ICB" in complete.toolTip()
    for partner, name in (("la", "A. Director"), ("police", "B. Inspector"), ("icb", "C. Nurse")):
        answers.append(fill(partner=partner, name=name, signed_date=today))
        panel.sign_off()
    answers.append(fill(completed_date=today))
    questions.append(False)  # the schools' summary is outstanding: asked, and No keeps it open
    panel.step_actions["complete_rapid_review"].trigger()
    assert questions.asked == ["Mark rapid review complete: are you sure?\n\n• 1 agency summary is still "
                               "outstanding: Northbrook Schools.\n\nYes saves it and records in the audit that "
                               "you confirmed it. No goes back to the form with nothing saved."]
    assert panel.rapid.completed_date is None and "Not saved" in answers.failed[-1].error.text()
    answers.append(fill(completed_date=today))
    questions.append(True)
    panel.step_actions["complete_rapid_review"].trigger()
    assert panel.rapid.completed_date == today
    answers.append(fill(sent_date=today))
    panel.step_actions["send_to_panel"].trigger()
    assert panel.detail.status is ReferralStatus.RR_SENT
    answers.append(fill(response_date=today, view="The Panel agreed with the rapid review."))
    panel.step_actions["record_panel_response"].trigger()

    answers.append(fill(decision="lcspr", decision_date=today, rationale="Multi-agency learning."))
    questions.append(False)  # an LCSPR with none of the four criteria ticked is questioned
    panel.step_actions["decide"].trigger()
    assert "none of the four LCSPR criteria" in questions.asked[-1]
    assert panel.detail.status is not ReferralStatus.DECIDED
    answers.append(fill(decision="lcspr", decision_date=today, rationale="Multi-agency learning.", c1=True,
                        c3=True))
    panel.step_actions["decide"].trigger()  # criteria ticked: no question (none left to answer)
    assert panel.detail.status is ReferralStatus.DECIDED and panel.detail.decision is Decision.LCSPR
    assert panel.detail.criteria == (True, False, True, False)
    flow = ("screen", "record_sin", "notify_partners", "start_rapid_review", "complete_rapid_review", "send_to_panel",
            "record_panel_response", "decide", "record_summary", "sign_off", "pause_clock")
    assert not any(panel.step_actions[k].isEnabled() for k in flow)
    assert panel.next_keys == [] and not any(b.isVisible() for b in panel.next_buttons)
    assert panel.next_why.text().startswith(f"Decided on {today.day} {today:%b %Y}: Undertake an LCSPR.")
    settle(qtbot, window)
    assert window.library.stale  # not on screen: read when shown
    window.tabs.setCurrentWidget(window.library)
    settle(qtbot, window)
    library = {r.title: r for r in window.library.model.all_rows}
    assert library["Child B: LCSPR"].status is ReviewStatus.COMMISSIONED
    assert library["Child B: LCSPR"].next_due is not None  # its six-month clock runs
    fields = {(h.field, h.new) for h in panel.history_model.all_rows}
    assert ("status", "decided") in fields and ("sin_reference", "SIN-2026-0042") in fields


def test_a_clock_is_paused_only_with_a_reason(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    select(window, "NSCP-U-001")
    panel = window.referrals.detail
    panel.clock_view.selectRow(0)
    answers.append(fill(reason="   "))
    panel.pause_button.click()
    assert "Reason (shown with the clock): enter" in answers.failed[-1].error.text()
    answers.append(fill(reason="Awaiting police disclosure"))
    panel.pause_button.click()
    # Aware 12 days ago: the SIN is overdue, and pausing it never turns red to amber.
    assert panel.clock_model.row_at(0).state == "overdue — paused: Awaiting police disclosure"
    assert panel.clock_model.row_at(0).rag == "red"
    settle(qtbot, window)
    row = next(r for r in window.referrals.model.all_rows if r.reference == "NSCP-U-001")
    assert row.state_key is ClockState.OVERDUE and colour(row.state_key) == "red"


def _state_cell(window: MainWindow, reference: str) -> tuple[str, str, str]:
    """The list's State cell for ``reference``: its text, tooltip and background colour."""
    model = window.referrals.model
    column = [c.key for c in model.columns].index("rag")
    row = next(i for i in range(model.rowCount()) if model.row_at(i).reference == reference)
    index = model.index(row, column)
    background = model.data(index, Qt.ItemDataRole.BackgroundRole)
    return (model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole),
            background.color().name() if hasattr(background, "color") else background.name())


def test_the_list_shows_a_paused_overdue_clock_red_and_a_missing_la_aware_date_amber(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    services = window.ctx.services
    rid = next(r.id for r in window.referrals.model.all_rows if r.reference == "NSCP-U-001")
    services.workflow.pause_clock(rid, clock_key="sin", reason="Awaiting police disclosure",
                                  paused_date=services.ctx.today())
    services.referrals.create(ReferralInput(reference="NSCP-U-003", received_date=services.ctx.today(),
                                            child_pseudonym="Child C"))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    qtbot.waitUntil(lambda: not window.referrals.loading and window.referrals.model.rowCount() == 3)
    text, tip, paused_colour = _state_cell(window, "NSCP-U-001")
    assert text == "Overdue — paused: Awaiting police disclosure"
    assert tip == "overdue — paused: Awaiting police disclosure"
    text, tip, missing_colour = _state_cell(window, "NSCP-U-003")
    assert text == "Clocks not started: LA-aware date missing"
    from scpdesk.ui.table_model import RAG_COLOURS

    assert (paused_colour, missing_colour) == (RAG_COLOURS["red"].name(), RAG_COLOURS["amber"].name())
    assert "1 overdue" in window.referrals.summary.text() and "1 without the LA-aware date" in \
        window.referrals.summary.text()
    window.referrals.grab().save(str(tmp_path / "referrals.png"))


def test_a_colleagues_change_is_explained_and_the_typed_values_kept(window: MainWindow,
                                                                    answers: Answers) -> None:
    select(window, "NSCP-U-002")
    panel = window.referrals.detail
    other = ServiceContext(window.ctx.services.db, user="coordinator.b")
    Services(other).workflow.screen(panel.referral_id, panel.detail.version, route="learning_review",  # type: ignore[arg-type]
                                    screened_date=other.today())
    dialogs: list[FormDialog] = []

    def first(dialog: FormDialog) -> None:
        fill(route="rapid_review", notes="My screening notes")(dialog)
        dialogs.append(dialog)

    answers.append(first)
    panel.step_actions["screen"].trigger()
    dialog = answers.failed[-1]
    assert "changed by coordinator.b" in dialog.error.text()
    assert dialog.widget("notes").toPlainText() == "My screening notes"
    assert panel.detail.status is ReferralStatus.LEARNING_REVIEW  # reloaded: the colleague's change is shown


def test_export_then_import_from_the_tab(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    messages: list[str] = []
    monkeypatch.setattr("scpdesk.ui.widgets.plain_message", lambda parent, title, text, **kw: messages.append(text))
    tab = window.referrals
    target = tmp_path / "referrals.csv"
    monkeypatch.setattr(tab, "choose_export_file", lambda: str(target))
    tab.export_button.click()
    assert messages[-1].startswith("Exported 2 referrals to referrals.csv")
    text = target.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 3 and lines[0].startswith("reference,received_date")
    renamed = text.replace("NSCP-U-00", "NSCP-V-00")
    (tmp_path / "incoming.csv").write_text(renamed, encoding="utf-8-sig")
    monkeypatch.setattr(tab, "choose_import_file", lambda: str(tmp_path / "incoming.csv"))
    tab.import_button.click()
    assert messages[-1] == "Imported 2 referrals from incoming.csv."
    settle(qtbot, window)
    assert tab.model.rowCount() == 4
    tab.import_button.click()  # the same file again: every row is a duplicate, nothing is imported
    assert "row 2: reference" in messages[-1] and "Nothing was imported" in messages[-1]
    assert tab.model.rowCount() == 4


def test_the_search_still_applies_after_a_background_reload(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.referrals
    tab.search.setText("nscp-u-001")
    assert tab.model.rowCount() == 1
    services = window.ctx.services
    services.referrals.create(ReferralInput(reference="NSCP-U-0010", received_date=services.ctx.today(),
                                            child_pseudonym="Child AB", la_aware_date=services.ctx.today()))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    settle(qtbot, window)
    assert sorted(tab.model.row_at(i).pseudonym for i in range(tab.model.rowCount())) == ["Child A", "Child AB"]
    assert tab.summary.text().startswith("3 referrals")


def test_editing_details_after_a_colleague_saved_is_a_conflict_not_an_overwrite(window: MainWindow,
                                                                                answers: Answers) -> None:
    select(window, "NSCP-U-001")
    panel = window.referrals.detail
    services = window.ctx.services
    colleague = Services(ServiceContext(services.db, user="coordinator.b"))
    colleague.referrals.update(panel.referral_id, panel.detail.version, summary="Colleague's summary")
    answers.append(fill(summary="My summary"))
    panel.edit_button.click()
    dialog = answers.failed[-1]
    assert "changed by coordinator.b" in dialog.error.text()
    assert dialog.widget("summary").toPlainText() == "My summary"
    assert services.referrals.get(panel.referral_id).summary == "Colleague's summary"
    dialog.try_submit()  # the panel reloaded their version: saving again applies mine on top, knowingly
    assert services.referrals.get(panel.referral_id).summary == "My summary"


def _rapid_review_open(window: MainWindow) -> tuple[object, Services]:
    """NSCP-U-002 taken to its rapid review (police and schools asked for summaries), shown in the panel."""
    select(window, "NSCP-U-002")
    panel = window.referrals.detail
    services = window.ctx.services
    wf, rid, today = services.workflow, panel.referral_id, services.ctx.today()
    agencies = {a.name: a.id for a in services.agencies()}
    wf.screen(rid, services.referrals.get(rid).version, route="rapid_review", screened_date=today)  # type: ignore[arg-type]
    wf.record_sin(rid, services.referrals.get(rid).version, sin_reference="SIN-1", sent_date=today)
    wf.start_rapid_review(rid, services.referrals.get(rid).version, started_date=today,
                          agency_ids=[agencies["Northbrook Police"], agencies["Northbrook Schools"]])
    panel.reload()
    return panel, Services(ServiceContext(services.db, user="coordinator.b"))


def test_a_returned_summary_form_shows_the_stored_notes_and_a_stale_save_names_who(window: MainWindow,
                                                                                   answers: Answers) -> None:
    panel, colleague = _rapid_review_open(window)
    police = next(s.agency_id for s in panel.rapid.summaries if s.agency == "Northbrook Police")
    schools = next(s.agency_id for s in panel.rapid.summaries if s.agency == "Northbrook Schools")
    today = window.ctx.services.ctx.today()
    answers.append(fill(agency=police, received_date=today, notes="Chronology from 2024"))
    assert panel.record_summary()

    seen: dict[str, str] = {}

    def check_then_type(dialog: FormDialog) -> None:
        notes = dialog.widget("notes")
        fill(agency=police)(dialog)
        seen["police"] = notes.toPlainText()
        fill(agency=schools)(dialog)
        seen["schools"] = notes.toPlainText()
        fill(agency=police)(dialog)
        # A colleague saves the rapid review while this form is open.
        colleague.workflow.record_learning(panel.referral_id, colleague.referrals.get(panel.referral_id).version,
                                           strengths="Their strengths", emerging_learning="", theme_ids=[])
        notes.setPlainText(notes.toPlainText() + "; police disclosure added")

    answers.append(check_then_type)
    assert not panel.record_summary()
    assert seen == {"police": "Chronology from 2024", "schools": ""}  # the stored notes, never a blank form
    dialog = answers.failed[-1]
    assert "changed by coordinator.b" in dialog.error.text()
    assert dialog.widget("notes").toPlainText() == "Chronology from 2024; police disclosure added"  # typing kept
    assert panel.rapid.strengths == "Their strengths"  # the panel behind reloaded theirs
    notes = {s.agency: s.notes for s in window.ctx.services.workflow.rapid_review(panel.referral_id).summaries}
    assert notes["Northbrook Police"] == "Chronology from 2024"


def test_a_form_saves_against_the_version_it_showed_not_one_reloaded_behind_it(window: MainWindow,
                                                                               answers: Answers) -> None:
    """A background refresh of the panel while a form is open must not turn the form's stale text into a
    silent overwrite: the version is the one the form showed."""
    panel, colleague = _rapid_review_open(window)

    def colleague_saves_and_panel_refreshes(dialog: FormDialog) -> None:
        colleague.workflow.record_learning(panel.referral_id, colleague.referrals.get(panel.referral_id).version,
                                           strengths="Their strengths", emerging_learning="", theme_ids=[])
        panel.reload()  # e.g. the change bus after another save in this window
        fill(strengths="My strengths")(dialog)

    answers.append(colleague_saves_and_panel_refreshes)
    assert not panel.record_learning()
    assert "changed by coordinator.b" in answers.failed[-1].error.text()
    assert window.ctx.services.workflow.rapid_review(panel.referral_id).strengths == "Their strengths"


def test_the_search_finds_every_childs_pseudonym_siblings_too(qtbot: QtBot, window: MainWindow) -> None:
    """A referral about a child and a sibling is found by either pseudonym, not only the first child's."""
    from scpdesk.models.enums import ChildRole
    from scpdesk.services.referrals.referrals import ChildInput

    services = window.ctx.services
    services.referrals.create(ReferralInput(
        reference="NSCP-U-003", received_date=services.ctx.today(), child_pseudonym="",
        la_aware_date=services.ctx.today(),
        children=(ChildInput("Child C"), ChildInput("Sibling Zed", role=ChildRole.SIBLING))))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    settle(qtbot, window)
    tab = window.referrals
    for words in ("sibling zed", "Zed", "sibling"):
        tab.search.setText(words)
        assert [tab.model.row_at(i).reference for i in range(tab.model.rowCount())] == ["NSCP-U-003"], words
    tab.search.setText("child")
    assert tab.model.rowCount() == 3


def test_the_detail_says_the_referrals_facts_in_the_words_users_know(qtbot: QtBot, window: MainWindow) -> None:
    """The detail carries keys (issue 12); the panel turns status, route, decision, incident and each child's
    role, sex and legal status into the same words as before, the header too."""
    from scpdesk.models.enums import AbuseNeglect, ChildRole, IncidentType, LegalStatus, Route, RouteRequested, Sex
    from scpdesk.services.referrals.referrals import ChildInput

    services = window.ctx.services
    today = services.ctx.today()
    rid, _ = services.referrals.create(ReferralInput(
        reference="NSCP-U-004", received_date=today, child_pseudonym="", la_aware_date=today,
        route_requested=RouteRequested.LEARNING_REVIEW, incident_type=IncidentType.SERIOUS_HARM,
        abuse_neglect=AbuseNeglect.NOT_SUSPECTED,
        children=(ChildInput("Child D", age_years=4, sex=Sex.FEMALE, legal_status_now=LegalStatus.CP_PLAN),
                  ChildInput("Sibling E", role=ChildRole.SIBLING, age_band="11-15"))))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    settle(qtbot, window)
    select(window, "NSCP-U-004")
    panel = window.referrals.detail
    shown = panel.detail_values
    assert panel.header.text() == "NSCP-U-004 — Child D, Sibling E — Received — requested: Learning review"
    assert (shown["Route requested"].text(), shown["Route"].text(), shown["Decision"].text()) == (
        "Learning review", "not screened yet", "not decided")
    assert shown["Incident"].text() == "—  Serious harm  Not suspected"  # no incident date recorded
    assert shown["Children"].text() == ("Child D (Subject, 4 years, Female; legal status CP plan)\n"
                                        "Sibling E (Sibling, 11-15; legal status not recorded)")
    services.workflow.screen(rid, services.referrals.get(rid).version, route=Route.LEARNING_REVIEW,
                             screened_date=today)
    services.workflow.decide(rid, services.referrals.get(rid).version, decision=Decision.OTHER_LEARNING,
                             decision_date=today, rationale="Single-agency learning.", criteria=None)
    window.ctx.bus.emit_changes(Changes.of("referral", rid))
    settle(qtbot, window)
    assert panel.header.text() == "NSCP-U-004 — Child D, Sibling E — Decided — route: Learning review"
    assert (shown["Route"].text(), shown["Decision"].text()) == (
        "Learning review", f"Other learning, {today:%a %d %b %Y}")


def test_the_meetings_tab_shows_what_each_meeting_minuted_and_decided_on_the_case(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, qtmodeltester) -> None:
    from scpdesk.models.enums import MeetingKind, Route
    from scpdesk.services.panel.meetings import ActionInput, MeetingInput

    services = window.ctx.services
    rid = next(r.id for r in window.referrals.model.all_rows if r.reference == "NSCP-U-001")
    today = services.ctx.today()
    services.workflow.screen(rid, services.referrals.get(rid).version, route=Route.LEARNING_REVIEW,
                             screened_date=today - dt.timedelta(days=10), notes="For QA&S")
    m = services.meetings
    mid, _ = m.create(MeetingInput(MeetingKind.QAS, today - dt.timedelta(days=2), dt.time(10, 0), "Room 2"))
    item_id, _ = m.add_case(mid, m.get(mid).version, rid)
    minutes = "QA&S discussed the learning.\nAgreed a practice learning review with the school & the GP."
    m.record_minutes(item_id, m.get(mid).items[0].version, minutes=minutes, decision="Practice learning review")
    m.add_action(item_id, ActionInput("Book the reflective session"))
    select(window, "NSCP-U-001")
    window.ctx.bus.emit_changes(Changes.of("agenda_item", item_id))
    settle(qtbot, window)
    detail = window.referrals.detail
    tabs = detail.tabs
    index = next(i for i in range(tabs.count()) if plain_text(tabs.tabText(i)).startswith("Meetings"))
    assert plain_text(tabs.tabText(index)) == "Meetings (1)"
    qtmodeltester.check(detail.meeting_model)
    row = detail.meeting_model.row_at(0)
    assert (row.kind_label, row.title, row.decision, row.open_actions) == (
        "QA&S group", "Child A: referral for a learning review", "Practice learning review", 1)
    shown = [detail.meeting_model.index(0, c).data() for c in range(detail.meeting_model.columnCount())]
    assert "QA&S discussed the learning. Agreed a practice learning review with the school & the GP." in shown
    assert detail.meeting_text.toPlainText().endswith(minutes)
    assert "Decision: Practice learning review" in detail.meeting_text.toPlainText()
    tabs.setCurrentIndex(index)
    window.resize(1300, 800)
    settle(qtbot, window)
    window.grab().save(str(tmp_path / "meetings.png"))
    # The minutes' recording is in the case's history too.
    history = [detail.history_model.row_at(i) for i in range(detail.history_model.rowCount())]
    assert any(h.what == "update meeting item" and h.field == "minutes" and h.new == minutes for h in history)
    # The other referral has no meeting: the tab says so by its plain name.
    select(window, "NSCP-U-002")
    settle(qtbot, window)
    assert plain_text(tabs.tabText(index)) == "Meetings" and detail.meeting_model.rowCount() == 0


def test_a_referral_whose_clocks_cannot_start_is_at_the_top_of_the_default_sort(qtbot: QtBot, window: MainWindow,
                                                                               tmp_path: Path) -> None:
    """Tester (issue 12): the Due column sorted blanks last, so a referral without its LA-aware date (clocks that
    cannot start: the engine's most urgent line) sank below every dated referral — a deadline sorted away."""
    services = window.ctx.services
    services.referrals.create(ReferralInput(reference="NSCP-U-003", received_date=services.ctx.today(),
                                            child_pseudonym="Child C"))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    qtbot.waitUntil(lambda: not window.referrals.loading and window.referrals.model.rowCount() == 3)
    model = window.referrals.model
    assert [model.row_at(i).reference for i in range(3)][0] == "NSCP-U-003"  # type: ignore[union-attr]
    dated = [model.row_at(i).next_due for i in range(1, 3)]  # type: ignore[union-attr]
    assert None not in dated and dated == sorted(dated)  # type: ignore[type-var]
    window.resize(1400, 700)
    window.grab().save(str(Path(os.environ.get("SCPDESK_SHOTS", tmp_path)) / "missing-first.png"))


def test_a_deadline_running_beside_a_missing_la_aware_date_is_due_this_week(qtbot: QtBot, window: MainWindow) -> None:
    """The LA-aware date never recorded, the partners aware about three weeks ago: the row says the clocks from
    LA awareness have not started (amber), and still shows the rapid review's due date, is kept by "Due this
    week" and is counted in the summary's "due this week" (it was left out until it went overdue)."""
    services = window.ctx.services
    today = services.ctx.today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    for back in range(15, 40):  # the partners' date that puts the rapid review's due date in this week
        rid, _ = services.referrals.create(ReferralInput(
            reference=f"NSCP-U-1{back:02d}", received_date=today, child_pseudonym="Child D",
            partners_aware_date=today - dt.timedelta(days=back)))
        [row] = [r for r in services.referrals.list_rows() if r.id == rid]
        if row.running_due is not None and today <= row.running_due <= week_end:
            break
    else:
        pytest.fail("no partners' date puts the rapid review in this week")
    assert row.state_key is ClockState.START_MISSING and row.next_due is None
    window.ctx.bus.emit_changes(Changes.of("referral"))
    tab = window.referrals
    qtbot.waitUntil(lambda: not tab.loading and any(r.id == rid for r in tab.model.all_rows))
    tab.due_this_week.setChecked(True)
    model = tab.model
    shown = [model.row_at(i) for i in range(model.rowCount())]
    assert rid in [r.id for r in shown]
    due = [c.key for c in model.columns].index("next_due")
    at = next(i for i, r in enumerate(shown) if r.id == rid)
    assert model.data(model.index(at, due)) == row.running_due.strftime("%a %d %b %Y")
    others = [r for r in tab.model.all_rows if r.id != rid]
    counted = [int(tab.summary_text(rows).split(" due this week")[0].rsplit("·", 1)[1]) for rows in
               (others, [*others, row])]
    assert counted[1] == counted[0] + 1
