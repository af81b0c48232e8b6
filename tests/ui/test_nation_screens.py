"""The nations in the window (issue 17): choosing Wales in Settings recomputes the open clocks and says which
changed; a Welsh referral shows its milestones, edits them with its other dates, and records the Board chair's
decision with the concise / extended proposal chosen first and said with its reasons."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.app import create_main_window
from scpdesk.models.database import open_database
from scpdesk.models.enums import ChildRole, Decision, LegalStatus, ReviewType
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ChildInput, ReferralInput
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.settings_window import SettingsWindow

SHOTS = os.environ.get("SCPDESK_SHOTS")  # a folder to keep the screenshots in, when set


def _shot(widget: object, tmp_path: Path, name: str) -> None:
    widget.grab().save(str((Path(SHOTS) if SHOTS else tmp_path) / name))  # type: ignore[attr-defined]


@pytest.fixture
def window(qtbot: QtBot, sqlite_db_url: str, paths: AppPaths) -> MainWindow:
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="setup"))
    received = sv.ctx.today() - dt.timedelta(days=40)
    sv.referrals.create(ReferralInput(
        reference="CYSUR-2026-7", received_date=received, child_pseudonym="Child G", la_aware_date=received,
        children=(ChildInput("Child G", ChildRole.SUBJECT, legal_status_6m=LegalStatus.LOOKED_AFTER),)))
    db.dispose()
    win = create_main_window(sqlite_db_url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.referrals)
    win.show()
    return win


def test_choosing_wales_reports_the_clocks_and_the_chair_decides_with_the_proposal(
        qtbot: QtBot, window: MainWindow, answers: Answers, tmp_path: Path) -> None:
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Timeframes"]
    combo = page.widgets["rule_set"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["england", "wales", "scotland", "northern_ireland"]
    combo.setCurrentIndex(combo.findData("wales"))
    assert page.save()
    report = page.clock_report.text()
    assert page.clock_report.isVisibleTo(page)
    assert "CYSUR-2026-7: Serious incident notification" in report and "no equivalent" in report
    assert "CYSUR-2026-7: Case review group considers the referral now runs" in report
    assert "Wales: Board chair decides" in [w.text() for w in settings.pages["Nations"].findChildren(
        type(page.clock_report)) if w.text()][1:]  # the Nations page lists the Welsh timeframes
    settings.show_page("Timeframes")
    settings.show()
    _shot(settings, tmp_path, "settings-wales.png")
    settings.show_page("Nations")
    _shot(settings, tmp_path, "settings-nations.png")
    settings.close()

    settle(qtbot, window)
    tab = window.referrals
    row = next(r for r in tab.model.all_rows if r.reference == "CYSUR-2026-7")
    assert tab.select_id(row.id)
    panel = tab.detail
    keys = [panel.clock_model.row_at(i).key for i in range(panel.clock_model.rowCount())]
    assert keys[:3] == ["cpr_case_review_group", "cpr_chair_decision", "cpr_government_notified"]
    assert panel.detail_values["Case review group recommended"].text() == "not recorded"

    today = window.ctx.today()
    answers.append(fill(recommendation_date=today - dt.timedelta(days=3)))
    assert panel.edit_details()
    assert panel.detail is not None and panel.detail.recommendation_date == today - dt.timedelta(days=3)

    shown: list[FormDialog] = []

    def look(dialog: FormDialog) -> None:
        shown.append(dialog)
        dialog.show()
        _shot(dialog, tmp_path, "decide-wales.png")
        fill(rationale="Looked after in the six months before the incident")(dialog)

    answers.append(look)
    assert panel.step_actions["decide"].isEnabled()
    panel.step_actions["decide"].trigger()
    dialog = shown[0]
    assert dialog.windowTitle() == "Record the Board chair's decision"
    assert dialog.widget("decision").currentData() == Decision.CPR_EXTENDED  # the proposal, chosen first
    assert "Proposed: extended Child Practice Review — Child G was looked after" in " ".join(
        w.text() for w in dialog.findChildren(type(page.clock_report)))
    assert panel.detail.decision is Decision.CPR_EXTENDED
    review = next(r for r in window.ctx.services.reviews.list_rows())
    assert window.ctx.services.reviews.get(review.id).review_type is ReviewType.CPR_EXTENDED

    # The library shows the review's Welsh milestones and edits them with its other dates.
    settle(qtbot, window)
    window.tabs.setCurrentWidget(window.library)
    assert window.library.select_id(review.id)
    shown = window.library.detail
    texts = [label.text() for label in shown.record_values]
    assert "CPR (extended)" in texts and texts.count("not recorded") == 2
    answers.append(fill(learning_event_date=today))
    assert shown.edit_record()
    assert shown.detail is not None and shown.detail.learning_event_date == today
    keys = [shown.clock_model.row_at(i).key for i in range(shown.clock_model.rowCount())]
    assert "cpr_learning_event" in keys and "cpr_report" in keys


def test_the_nations_words_have_welsh_translations_for_a_translator_to_review() -> None:
    """scpdesk_rules_cy.qm (compiled from resources/translations/scpdesk_rules_cy.ts) holds a Welsh word for every
    string the rules slice marks: the clocks, the nations' decisions and review types, the nation steps."""
    import re
    from importlib import resources

    from PySide6.QtCore import QCoreApplication, QTranslator

    from scpdesk.models.timeframes import RULE_SETS
    from scpdesk.models.words import DECISION_WORDS, REVIEW_TYPE_WORDS

    qm = resources.files("scpdesk") / "resources" / "translations" / "scpdesk_rules_cy.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    ts = (Path(__file__).resolve().parents[2] / "resources" / "translations" / "scpdesk_rules_cy.ts").read_text(
        encoding="utf-8")
    assert 'type="unfinished"></translation>' not in ts  # every string has a (yet unreviewed) Welsh translation
    assert re.search(r'<translation type="unfinished">Adolygiad Ymarfer Plant Cryno</translation>', ts)
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        for ruleset in RULE_SETS.values():
            for rule in ruleset.rules:
                assert QCoreApplication.translate("Clocks", rule.label) != rule.label, rule.label
        for decision in (Decision.CPR_CONCISE, Decision.CPR_EXTENDED, Decision.LEARNING_REVIEW, Decision.CMR):
            assert QCoreApplication.translate("Words", DECISION_WORDS[decision]) != DECISION_WORDS[decision]
        assert QCoreApplication.translate("Words", REVIEW_TYPE_WORDS[ReviewType.CMR]) == "Adolygiad Rheoli Achos"
    finally:
        app.removeTranslator(translator)
