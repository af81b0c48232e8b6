"""On a shared server the window hides or disables what the login's role cannot do, and says why (issue 10)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from psycopg import sql
from PySide6.QtWidgets import QGroupBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url
from uihelpers import Answers

from scpdesk.app import create_main_window
from scpdesk.models.database import Database
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.ui import widgets
from scpdesk.ui.referral_dialog import ReferralDialog
from scpdesk.ui.settings_window import FirstRunDialog, SettingsWindow

pytestmark = pytest.mark.postgres
TODAY = dt.date(2026, 11, 25)
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def login_url(pg_server, pg_db):
    """Make a LOGIN with the given roles on the test server; returns its URL for the test's database."""
    made: list[str] = []

    def make(login: str, *roles: str) -> str:
        with psycopg.connect(pg_server.admin_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
            for role in roles:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(login)))
        made.append(login)
        return make_url(pg_db.url).set(username=login).render_as_string(hide_password=False)

    pg_db.dispose()
    return make


def test_a_viewer_sees_records_but_cannot_start_changes(qtbot: QtBot, login_url, paths: AppPaths,
                                                        pg_db: Database, answers: Answers,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    Services(ServiceContext(pg_db, user="it.setup", today=lambda: TODAY)).referrals.create(ReferralInput(
        reference="NSCP-V-1", received_date=TODAY, child_pseudonym="Child V"))
    window = create_main_window(login_url("t_ui_viewer", "scpdesk_viewer"), paths=paths, user="jsmith")
    qtbot.addWidget(window)
    try:
        assert window.user_label.text() == "User: t_ui_viewer (scpdesk_viewer)"
        for button in (window.referrals.new_button, window.referrals.import_button, window.panel.new_button,
                       window.library.buttons["new"], window.library.buttons["import"]):
            assert not button.isEnabled()
            assert "Your account (scpdesk_viewer) can read records but not change them" in button.toolTip()
            assert "ask IT" in button.toolTip()
        assert window.referrals.export_button.isEnabled()
        # A change started from the record itself is explained before any form opens (no typing is lost).
        told: list[str] = []
        monkeypatch.setattr(widgets, "plain_message", lambda parent, title, text: told.append(text))
        [row] = window.referrals.model.all_rows
        assert window.referrals.select_id(row.id)
        window.referrals.detail.edit_button.click()
        assert told and "can read records but not change them" in told[0] and not answers.failed
        # The partnership profile is not set up, but a viewer could not save it: the set-up is not offered.
        shown: list[object] = []
        monkeypatch.setattr(FirstRunDialog, "exec", lambda self: shown.append(self) or 0)
        assert not window.offer_first_run_setup() and not shown
        settings = SettingsWindow(window.ctx, window)
        qtbot.addWidget(settings)
        [reason] = [label for label in settings.findChildren(QLabel) if label.objectName() == "accessReason"]
        assert "cannot change settings or the directory; scpdesk_admin is needed" in reason.text()
        assert all(not page.isEnabled() for title, page in settings.pages.items() if title != "Reminders")
        assert settings.pages["Reminders"].isEnabled()  # the user's own, on this computer
    finally:
        window.services.close()


def test_a_coordinator_without_the_identity_role_cannot_type_an_identity(qtbot: QtBot, login_url,
                                                                          paths: AppPaths) -> None:
    window = create_main_window(login_url("t_ui_coordinator", "scpdesk_coordinator"), paths=paths, user="jsmith")
    qtbot.addWidget(window)
    try:
        assert window.referrals.new_button.isEnabled()
        dialog = ReferralDialog(window.ctx, window.services.agencies(), window)
        qtbot.addWidget(dialog)
        identity = dialog.findChild(QGroupBox, "identitySection")
        assert identity is not None and not identity.isEnabled()
        assert "scpdesk_identity is needed" in identity.title() and "ask IT" in identity.toolTip()
    finally:
        window.services.close()
