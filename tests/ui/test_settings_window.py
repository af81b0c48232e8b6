"""Setting a partnership up in the app: the profile, markings, closure days (and the clocks they move),
agencies and people — and the first-run set-up, which never blocks scripts or create_main_window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.app import create_main_window
from scpdesk.clock import PinnedClock
from scpdesk.models.database import open_database
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.services.settings import get_settings
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.settings_window import FirstRunDialog, SettingsWindow

TODAY = dt.date(2025, 12, 22)


@pytest.fixture
def window(qtbot: QtBot, sqlite_db_url: str, paths: AppPaths, clock: PinnedClock) -> MainWindow:
    clock.set(TODAY)
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="setup"))
    # domain.md: LA aware Fri 19 Dec 2025 -> SIN due Tue 30 Dec 2025.
    sv.referrals.create(ReferralInput(reference="NSCP-S-001", received_date=dt.date(2025, 12, 19),
                                      child_pseudonym="Child S", la_aware_date=dt.date(2025, 12, 19)))
    db.dispose()
    win = create_main_window(sqlite_db_url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.referrals)  # these tests begin at the referral list (the first screen is Today's)
    win.show()
    return win


def test_create_main_window_never_blocks_on_the_first_run_set_up(window: MainWindow) -> None:
    assert not get_settings(window.ctx.services.ctx).is_configured  # no profile yet, and no dialog was shown
    shortcuts = [a.shortcuts() for a in window.findChildren(type(window.menuBar().actions()[0]))
                 if a.objectName() == "settingsAction"]
    assert shortcuts and QKeySequence("Ctrl+,") in shortcuts[0]


def test_the_partnership_profile_is_saved_and_validated(qtbot: QtBot, window: MainWindow) -> None:
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Partnership"]
    page.widgets["partnership_name"].setText("Northshire Safeguarding Children Partnership")
    page.widgets["contact_email"].setText("not an email")
    assert not page.save()
    assert "Contact email for archive requests:" in page.error.text()
    assert page.widgets["partnership_name"].text() == "Northshire Safeguarding Children Partnership"  # kept
    page.widgets["contact_email"].setText("scp@northshire.example")
    assert page.save()
    saved = get_settings(window.ctx.services.ctx)
    assert saved.partnership_name == "Northshire Safeguarding Children Partnership" and saved.is_configured
    documents = settings.pages["Documents"]
    documents.widgets["marking_publication"].setCurrentIndex(documents.widgets["marking_publication"].findData(""))
    assert documents.save()
    assert get_settings(window.ctx.services.ctx).marking_publication == ""


def test_a_closure_day_moves_the_clock_and_says_so(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Closure days"]
    answers.append(fill(day=dt.date(2025, 12, 29), reason="Council Christmas closure"))
    assert page.add()
    moved = page.moved.toPlainText()
    assert "NSCP-S-001" in moved and "Tue 30 Dec 2025" in moved and "Wed 31 Dec 2025" in moved
    settle(qtbot, window)
    row = window.referrals.model.row_at(0)
    assert row.next_due == dt.date(2025, 12, 31)  # the Referrals tab shows it at once
    page.view.selectRow(0)
    assert page.remove()
    settle(qtbot, window)
    assert window.referrals.model.row_at(0).next_due == dt.date(2025, 12, 30)


def test_agencies_and_people_are_added_retired_and_restored(qtbot: QtBot, window: MainWindow,
                                                             answers: Answers) -> None:
    from scpdesk.models.enums import AgencyKind

    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    agencies = settings.pages["Agencies"]
    answers.append(fill(name="Northshire Police", kind=AgencyKind.POLICE))
    assert agencies.add()
    row = next(a for a in agencies.model.all_rows if a.name == "Northshire Police")
    agencies.view.selectRow(agencies.model.row_of_id(row.id))
    assert agencies.retire()
    assert next(a for a in agencies.model.all_rows if a.id == row.id).retired_on is not None
    assert all(a.name != "Northshire Police" for a in window.ctx.services.agencies())  # gone from pick lists
    agencies.view.selectRow(agencies.model.row_of_id(row.id))
    assert agencies.restore()
    people = settings.pages["People"]
    answers.append(fill(name="Sam Example", role="Detective Inspector", agency=row.id, email="sam@example.org",
                        panel=True))
    assert people.add()
    person = next(p for p in people.model.all_rows if p.name == "Sam Example")
    assert person.agency == "Northshire Police" and person.panel_member


def test_a_person_signs_in_as_one_login_that_nobody_else_has(qtbot: QtBot, window: MainWindow,
                                                             answers: Answers) -> None:
    """Issue 14, "Signs in as": kept in lower case and shown in the list; the same login for someone else is
    refused in the form, naming who has it, the typing kept."""
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    people = settings.pages["People"]
    answers.append(fill(name="Sam Example", login="NORTHSHIRE\\Sam"))
    assert people.add()
    assert next(p for p in people.model.all_rows if p.name == "Sam Example").login == "northshire\\sam"
    answers.append(fill(name="Alex Other", login="northshire\\SAM"))
    assert not people.add()
    refused = answers.failed[-1]
    assert "Sam Example already signs in as northshire\\sam" in refused.error.text()
    assert refused.widget("login").text() == "northshire\\SAM"  # kept as typed
    assert all(p.name != "Alex Other" for p in people.model.all_rows)


def test_the_first_run_set_up_saves_the_name_and_markings(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_exec(dialog: FirstRunDialog) -> int:
        dialog.page.widgets["partnership_name"].setText("Westshire SCP")
        dialog.try_save()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    assert window.offer_first_run_setup()
    assert get_settings(window.ctx.services.ctx).partnership_name == "Westshire SCP"
    assert not window.offer_first_run_setup()  # configured: not offered again


def test_the_logo_is_checked(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Partnership"]
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"GIF89a not a png")
    monkeypatch.setattr(page, "choose_logo_file", lambda: str(bad))
    assert not page.choose_logo()
    assert "Logo" in page.error.text()


def _colleague(window: MainWindow) -> ServiceContext:
    """A second user saving to the same database while this window is open."""
    return ServiceContext(window.ctx.services.ctx.db, user="colleague.b", today=lambda: TODAY)


def test_a_settings_page_saved_meanwhile_names_who_and_keeps_the_typing(qtbot: QtBot, window: MainWindow) -> None:
    from scpdesk.services.settings import save_settings

    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Partnership"]
    save_settings(_colleague(window), {"partnership_name": "Their name"}, expected={"partnership_name": 0})
    page.widgets["partnership_name"].setText("My name")
    assert not page.save()
    assert "colleague.b" in page.error.text() and "Partnership name" in page.error.text()
    assert page.widgets["partnership_name"].text() == "My name"  # kept
    assert get_settings(window.ctx.services.ctx).partnership_name == "Their name"  # theirs kept


def test_removing_a_closure_day_from_a_stale_list_names_who(qtbot: QtBot, window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk.services.organisation.closures import add_closure, list_closures

    told: list[str] = []
    monkeypatch.setattr("scpdesk.ui.settings_window.plain_message", lambda parent, title, text, **k: told.append(text))
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Closure days"]
    add_closure(window.ctx.services.ctx, dt.date(2025, 12, 29), "Council Christmas closure")
    page.reload()
    add_closure(_colleague(window), dt.date(2025, 12, 30), "Staff training")  # the list changes behind me
    page.view.selectRow(0)
    assert not page.remove()
    assert "colleague.b" in told[-1]
    assert [c.day for c in list_closures(window.ctx.services.ctx)] == [dt.date(2025, 12, 29), dt.date(2025, 12, 30)]
    assert page.model.rowCount() == 2  # the list shown is the list as it is now
    page.view.selectRow(0)
    assert page.remove()  # from the list as it is now
    assert [c.day for c in list_closures(window.ctx.services.ctx)] == [dt.date(2025, 12, 30)]


def test_a_directory_edit_saved_meanwhile_names_who_then_applies_over_theirs(
        qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    from scpdesk.models.enums import AgencyKind
    from scpdesk.services.organisation import directory as d

    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    agencies = settings.pages["Agencies"]
    agency_id, _ = d.add_agency(window.ctx.services.ctx, "Northshire Police", AgencyKind.POLICE)
    agencies.reload()
    d.update_agency(_colleague(window), agency_id, d.get_agency(window.ctx.services.ctx, agency_id).version,
                    name="Northshire Constabulary")
    agencies.view.selectRow(agencies.model.row_of_id(agency_id))
    answers.append(fill(name="Northshire Police Service"))
    assert not agencies.edit()
    assert "colleague.b" in answers.failed[-1].error.text()
    assert d.get_agency(window.ctx.services.ctx, agency_id).name == "Northshire Constabulary"
    assert next(a for a in agencies.model.all_rows if a.id == agency_id).name == "Northshire Constabulary"
    answers.failed[-1].try_submit()  # seen now: Save again applies the typing over their version
    assert d.get_agency(window.ctx.services.ctx, agency_id).name == "Northshire Police Service"


def test_a_settings_page_saves_on_the_write_thread_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 12: Save says "Saving…" and cannot be pressed twice while the write is on its way; the page is
    read in the background too (Save waits until what it saves against is shown)."""
    runner = window.ctx.tasks
    runner.mode = "manual"
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Partnership"]
    assert not page.save_button.isEnabled()  # the settings are still being read
    runner.run_pending()
    assert page.save_button.isEnabled() and plain_text(page.save_button.text()) == "Save"
    page.widgets["partnership_name"].setText("Northshire Safeguarding Children Partnership")
    page.widgets["contact_email"].setText("scp@northshire.example")
    assert page.save()  # on its way
    assert page.save_button.text() == "Saving…" and not page.save_button.isEnabled()
    assert not get_settings(window.ctx.services.ctx).is_configured  # nothing written on the GUI thread
    runner.run_pending()
    assert plain_text(page.save_button.text()) == "Save" and page.error.isHidden()
    assert get_settings(window.ctx.services.ctx).partnership_name == "Northshire Safeguarding Children Partnership"
