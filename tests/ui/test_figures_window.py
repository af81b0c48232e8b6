"""The Figures window (Go → The partnership's figures…, Ctrl+Shift+F): counted in the background for the period
chosen (this financial year first), each figure's rule and records, a record opened in its tab by Enter or a
double-click, the tables and charts with user-typed names shown as typed, and the PDF, workbook and chart PNG saved
from the figures shown (audited). The computation is the figures-service slice's; here it is the hand-built
figures, with a record that links to a real referral of the demo."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from conftest import DEMO_TODAY
from figures_sample import ODD_AGENCY, ODD_THEME, sample_figures
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from scpdesk.errors import UserError
from scpdesk.models import ChildIdentity
from scpdesk.models.audit import AuditEvent
from scpdesk.models.enums import AuditAction
from scpdesk.services.dto import Changes, RecordLink
from scpdesk.services.figures import Figures, Period
from scpdesk.services.library.library import LibraryQuery
from scpdesk.services.registry import Services
from scpdesk.ui import figures_window, ops
from scpdesk.ui.figures_window import FiguresWindow, Shown
from scpdesk.ui.keyboard import mnemonic, mnemonics_settled
from scpdesk.ui.main_window import MainWindow


@dataclasses.dataclass
class Counting:
    periods: list[Period] = dataclasses.field(default_factory=list)
    figures: Figures | None = None
    fail: Exception | None = None


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch, demo_window: MainWindow) -> Counting:
    """The hand-built figures, the SIN figure's first record linked to the demo's first referral."""
    state = Counting()
    referral = demo_window.referrals.model.all_rows[0]
    base = sample_figures()
    sin = base.figure("sin_on_time")
    first = dataclasses.replace(sin.records[0], record_id=referral.id, reference=referral.reference,
                                link=RecordLink("referrals", referral.id, "clocks"))
    figures = dataclasses.replace(base, figures=tuple(
        dataclasses.replace(f, records=(first, *f.records[1:])) if f.key == "sin_on_time" else f
        for f in base.figures))
    state.figures = figures

    def compute(services: Services, period: Period) -> Shown:
        state.periods.append(period)
        if state.fail is not None:
            raise state.fail
        assert state.figures is not None
        return Shown(state.figures, {c.key: services.figure_files.chart_svg(c) for c in state.figures.charts})

    monkeypatch.setattr(FiguresWindow, "compute", staticmethod(compute))
    return state


def open_figures(qtbot: QtBot, window: MainWindow) -> FiguresWindow:
    window.findChild(type(window.menuBar().actions()[0]), "figuresAction").trigger()
    figures = window.findChild(FiguresWindow)
    assert figures is not None
    qtbot.waitUntil(lambda: figures.isVisible() and not figures.loading)
    return figures


def test_go_figures_opens_one_window_counting_this_financial_year(qtbot: QtBot, demo_window: MainWindow,
                                                                        counting: Counting) -> None:
    figures = open_figures(qtbot, demo_window)
    assert counting.periods == [Period.financial_year(DEMO_TODAY)]
    assert figures.period_choice.currentText().startswith("Financial year 2026/27")
    sections = [figures.tree.topLevelItem(i).text(0) for i in range(figures.tree.topLevelItemCount())]
    assert sections == ["Referrals", "Timeliness", "Decisions", "Publication", "Themes", "Actions",
                        "Archive requests"]
    timeliness = figures.tree.topLevelItem(1)
    assert (timeliness.child(0).text(0), timeliness.child(0).text(1)) == ("SIN sent within 5 working days",
                                                                         "18 of 20 (90%)")
    assert "Referrals whose LA became aware" in timeliness.child(0).toolTip(0)  # the rule, on hovering
    publication = figures.tree.topLevelItem(3)
    assert publication.child(0).text(1) == "—"  # nothing to count: never 0% or 100%
    assert "Northshire SCP" in figures.status.text() and "2026/27" in figures.status.text()
    assert open_figures(qtbot, demo_window) is figures and len(counting.periods) == 1  # the same window, raised


def test_a_figures_rule_and_records_show_and_enter_opens_the_record_in_its_tab(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting, qtmodeltester) -> None:
    figures = open_figures(qtbot, demo_window)
    assert figures.choose_figure("sin_on_time")
    assert "How it is counted: Referrals whose LA became aware" in figures.rule.text()
    assert "20 records counted" in figures.rule.text()
    qtmodeltester.check(figures.records_model)
    assert [figures.records_model.index(1, c).data() for c in range(4)] == [
        "NSCP-RR-2026-002", "Child B2", "LA aware 2 May 2026, SIN due 9 May, sent 7 May", "Yes"]
    assert figures.records_model.index(6, 3).data() == "No"  # in words, not by colour alone
    referral = demo_window.referrals.model.all_rows[0]
    demo_window.tabs.setCurrentIndex(2)
    figures.records.setFocus()
    figures.records.setCurrentIndex(figures.records_model.index(0, 0))
    qtbot.keyClick(figures.records, Qt.Key.Key_Return)
    assert demo_window.tabs.currentWidget() is demo_window.referrals
    assert demo_window.referrals.selected_id() == referral.id


def test_choosing_another_period_counts_it_and_wrong_dates_are_said(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(figures_window, "plain_message", lambda parent, title, text, **kw: said.append(text))
    figures = open_figures(qtbot, demo_window)
    figures.choose_period("Calendar year 2025")
    figures.choose_period("Financial year 2024/25")
    assert counting.periods[1:] == [Period.calendar_year(2025), Period.financial_year(dt.date(2024, 4, 1))]
    figures.choose_period("Other dates")
    assert figures.start_field.isVisible() and figures.end_field.isVisible()
    assert figures.start_field.value() == dt.date(2026, 4, 1)  # starts from the figures shown
    figures.start_field.setText("01/05/2026")
    figures.end_field.setText("30/04/2026")
    assert not figures.count_other_dates()
    assert said and said[-1].startswith("From: the period starts")
    figures.end_field.setText("31/5/2026")
    qtbot.keyClick(figures.end_field, Qt.Key.Key_Return)
    assert counting.periods[-1] == Period(dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert len(counting.periods) == 4  # the wrong dates counted nothing


def test_other_dates_far_in_the_past_or_future_are_said_not_a_crash(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(figures_window, "plain_message", lambda parent, title, text, **kw: said.append(text))
    figures = open_figures(qtbot, demo_window)
    figures.choose_period("Other dates")
    asked = len(counting.periods)
    figures.start_field.setText("01/01/0001")
    figures.end_field.setText("31/03/2026")
    assert not figures.count_other_dates()
    assert said[-1] == "From: 1 Jan 1 is too far off: choose a period between 1 Jan 1900 and 31 Dec 2999"
    figures.start_field.setText("01/04/2026")
    figures.end_field.setText("31/12/9999")
    assert not figures.count_other_dates()
    assert said[-1].startswith("To: 31 Dec 9999 is too far off")
    assert len(counting.periods) == asked  # nothing counted


def test_tables_and_charts_show_user_typed_names_as_typed(qtbot: QtBot, demo_window: MainWindow,
                                                          counting: Counting) -> None:
    figures = open_figures(qtbot, demo_window)
    figures.table_list.setCurrentRow(2)
    assert figures.table_view.item(0, 0).text() == ODD_THEME
    assert figures.table_view.item(2, 0).text() == "=SUM(A1:A9)" and figures.table_view.item(2, 3).text() == "—"
    assert figures.table_note.text() == "Reviews decided in each financial year, by theme."
    figures.chart_list.setCurrentRow(3)
    assert figures.chosen_chart_key() == "actions_by_agency"
    assert figures.chart.renderer().isValid()  # the SVG parsed, names with < and & included
    assert figures.chart.accessibleDescription() == figures.chart_caption.text()
    assert "Police and Health" in figures.chart_caption.text()
    svg = counting.figures.chart("actions_by_agency") if counting.figures else None
    assert svg is not None and ODD_AGENCY in svg.categories


def audited(window: MainWindow) -> list[str]:
    assert window.services is not None
    with window.services.ctx.read() as s:
        return [e.new_value or "" for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == AuditAction.EXPORT, AuditEvent.entity == "figures").order_by(AuditEvent.id))]


def test_the_pdf_workbook_and_a_chart_png_are_saved_from_the_figures_shown(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    figures = open_figures(qtbot, demo_window)
    chosen: list[str] = []

    def choose(self: FiguresWindow, title: str, suggested: str, filters: str, kind: str) -> str:
        chosen.append(suggested)
        return str(tmp_path / suggested)

    monkeypatch.setattr(FiguresWindow, "choose_file", choose)
    assert figures.export_pdf() and figures.export_xlsx()
    figures.pages.setCurrentIndex(2)
    figures.chart_list.setCurrentRow(1)
    assert figures.export_png()
    assert chosen == ["figures 2026-04-01 to 2027-03-31.pdf", "figures 2026-04-01 to 2027-03-31.xlsx",
                      "Decisions by type 2026-04-01 to 2027-03-31.png"]
    reader = PdfReader(tmp_path / chosen[0])
    assert "SIN sent within 5 working days" in "".join(p.extract_text() for p in reader.pages)
    assert "Records" in load_workbook(tmp_path / chosen[1]).sheetnames
    image = QImage(str(tmp_path / chosen[2]))
    assert (image.width(), image.height()) == (960, 540)  # twice the drawn size: sharp on a slide
    corner = image.pixelColor(2, 2)
    assert min(corner.red(), corner.green(), corner.blue()) >= 250  # on white, readable wherever it is pasted
    said = audited(demo_window)
    assert len(said) == 3 and said[0].startswith(chosen[0]) and "'Decisions by type' as PNG" in said[2]
    assert f"Saved {tmp_path / chosen[2]}." == figures.status.text()


def test_a_count_that_fails_is_said_and_nothing_can_be_saved(qtbot: QtBot, demo_window: MainWindow,
                                                             counting: Counting,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(ops, "plain_message", lambda parent, title, text, **kw: said.append(text))
    counting.fail = UserError("period", "the server refused")
    figures = open_figures(qtbot, demo_window)
    assert said == ["period: the server refused"]
    assert figures.status.text() == "The figures could not be counted."
    assert not figures.save_pdf.isEnabled() and not figures.save_xlsx.isEnabled()
    assert not figures.export_pdf()


def test_a_recount_for_another_period_that_fails_leaves_no_figures_of_the_period_before_on_screen_or_to_save(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chooser says the period asked for: once its count fails, the figures of the period shown before are
    gone (never read, nor saved as a PDF, as if they were the new period's); while a count runs nothing is saved."""
    said: list[str] = []
    monkeypatch.setattr(ops, "plain_message", lambda parent, title, text, **kw: said.append(text))
    figures = open_figures(qtbot, demo_window)
    assert figures.tree.topLevelItemCount() > 0 and figures.save_pdf.isEnabled()
    assert figures.save_pdf.toolTip() == figures_window.SAVE_PDF_TIP  # not "still being counted" once counted
    figures.tree.setCurrentItem(figures.tree.topLevelItem(0).child(0))
    assert figures.records_model.rowCount() > 0
    counting.fail = UserError("period", "the server refused")
    figures.count_period(Period.calendar_year(2025))
    assert not figures.save_pdf.isEnabled() and not figures.save_xlsx.isEnabled()  # counting
    qtbot.waitUntil(lambda: not figures.loading)
    assert figures.status.text() == "The figures could not be counted."
    assert figures.tree.topLevelItemCount() == 0 and figures.records_model.rowCount() == 0
    assert figures.table_list.count() == 0 and figures.chart_list.count() == 0
    assert not figures.save_pdf.isEnabled() and not figures.save_xlsx.isEnabled() and not figures.save_png.isEnabled()
    assert not figures.export_pdf() and figures.save_pdf.toolTip().startswith("The figures could not be counted")
    counting.fail = None
    figures.recount()
    qtbot.waitUntil(lambda: not figures.loading)
    assert figures.tree.topLevelItemCount() > 0 and figures.save_pdf.isEnabled()


def test_every_button_and_field_has_a_mnemonic(qtbot: QtBot, demo_window: MainWindow, counting: Counting) -> None:
    figures = open_figures(qtbot, demo_window)
    figures.choose_period("Other dates")
    qtbot.waitUntil(mnemonics_settled)
    letters = [mnemonic(b.text()) for b in figures.findChildren(QPushButton) if b.isVisible()]
    assert None not in letters and len(letters) == len(set(letters))
    for label in (figures.start_label, figures.end_label):
        assert mnemonic(label.text()) is not None


def test_a_save_elsewhere_says_the_figures_may_be_out_of_date_and_recount_counts_again(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting) -> None:
    figures = open_figures(qtbot, demo_window)
    figures.choose_period("Calendar year 2025")
    demo_window.ctx.bus.emit_changes(Changes.of("action", 1))
    assert "Records have changed since: Recount" in figures.status.text()
    figures.recount_button.click()
    assert counting.periods[-2:] == [Period.calendar_year(2025)] * 2
    assert "changed since" not in figures.status.text()


def test_a_review_or_meeting_opens_in_its_own_tab(qtbot: QtBot, demo_window: MainWindow) -> None:
    assert demo_window.services is not None
    review_id = demo_window.services.library.ids(LibraryQuery())[0]
    assert demo_window.open_record(RecordLink("library", review_id, "actions"))
    assert demo_window.tabs.currentWidget() is demo_window.library
    assert demo_window.library.selected_id() == review_id
    meeting = demo_window.panel.model.all_rows[0]
    assert demo_window.open_record(RecordLink("panel", meeting.id))
    assert demo_window.tabs.currentWidget() is demo_window.panel and demo_window.panel.selected_id() == meeting.id
    assert not demo_window.open_record(RecordLink("referrals", 999_999))  # not in the list: said, not a crash
    assert "not in the list shown" in demo_window.statusBar().currentMessage()


def test_a_long_value_shows_its_number_in_the_list_and_its_words_beside_the_rule(
        qtbot: QtBot, demo_window: MainWindow, counting: Counting) -> None:
    assert counting.figures is not None
    words = "14; " + "; ".join(f"theme {n} (2023/24, 2026/27)" for n in range(14))
    counting.figures = dataclasses.replace(counting.figures, figures=tuple(
        dataclasses.replace(f, text=words) if f.key == "themes_recurring" else f for f in counting.figures.figures))
    figures = open_figures(qtbot, demo_window)
    assert figures.choose_figure("themes_recurring")
    assert figures.tree.currentItem().text(1) == "3 (see beside)"  # the figure's value; the words are too long
    assert figures.rule.text().startswith(f"Themes recurring from earlier years: {words}\n")


def test_closing_never_asks_to_discard_a_period_typed(qtbot: QtBot, demo_window: MainWindow,
                                                      counting: Counting) -> None:
    figures = open_figures(qtbot, demo_window)
    figures.choose_period("Other dates")
    figures.start_field.setText("01/01/2020")
    figures.table_list.setCurrentRow(1)
    assert not figures.has_changes()  # a choice of what to see, like a search box: nothing is lost on closing
    figures.close()
    assert not figures.isVisible()


def test_on_the_demo_the_real_count_is_shown_and_its_files_name_no_child(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """End to end, with the real count: the window shows what the service computes (one computation), and the
    PDF and the workbook carry references and pseudonyms only, never a child's real identity."""
    services = demo_window.services
    assert services is not None
    figures = open_figures(qtbot, demo_window)
    assert figures.shown is not None
    assert figures.shown.figures == services.figures(Period.financial_year(DEMO_TODAY))
    assert figures.tree.topLevelItemCount() == len(figures.shown.figures.sections())
    monkeypatch.setattr(FiguresWindow, "choose_file",
                        lambda self, title, suggested, filters, kind: str(tmp_path / suggested))
    assert figures.export_pdf() and figures.export_xlsx()
    [pdf] = tmp_path.glob("*.pdf")
    [xlsx] = tmp_path.glob("*.xlsx")
    printed = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    cells = " ".join(str(v) for sheet in load_workbook(xlsx).worksheets for row in sheet.values for v in row)
    assert "NSCP-" in printed and "NSCP-" in cells  # the records are listed, by reference
    with services.ctx.read() as s:
        identities = [(i.full_name, i.nhs_number) for i in s.scalars(select(ChildIdentity))]
    assert identities
    for name, nhs in identities:
        for secret in (name, nhs):
            if secret:
                assert secret not in printed and secret not in cells
