"""The Referrals side never waits on the database (issue 12): the referral panel, the intake form and the
library's big list read and write through the task runner. These tests hold the jobs back (the manual
runner) to see what the user sees meanwhile, and deliver them in the order a slow network might."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill

from scpdesk.services.dto import Changes
from scpdesk.ui import referral_detail
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.lazy_model import PAGE, LazyTableModel
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.referral_dialog import ReferralDialog
from scpdesk.ui.table_model import Column
from scpdesk.ui.tasks import TaskRunner


def _two_referrals(window: MainWindow) -> tuple[tuple[int, str], tuple[int, str]]:
    first, second = window.referrals.model.all_rows[:2]
    return (first.id, first.reference), (second.id, second.reference)


@pytest.mark.parametrize("order", ["as asked", "newest first"])
def test_the_referral_chosen_last_is_shown_whichever_read_finishes_first(demo_window: MainWindow,
                                                                          order: str) -> None:
    tab, panel, runner = demo_window.referrals, demo_window.referrals.detail, demo_window.tasks
    (a, a_ref), (b, b_ref) = _two_referrals(demo_window)
    runner.mode = "manual"
    assert tab.select_id(a) and tab.select_id(b)
    # Nothing was read on the click: the panel says it is loading and waits.
    assert runner.busy and panel.detail is None
    assert panel.header.text() == f"Loading {b_ref}…" and panel.loading
    if order == "newest first":
        runner._pending.reverse()  # B's read comes back before A's (a slow first answer)
    assert runner.run_pending() == 2
    assert panel.referral_id == b and panel.header.text().startswith(b_ref)
    assert panel.tabs.isEnabled() and not panel.loading
    assert runner.dropped == 1  # A's result was dropped, never painted over B
    assert a_ref not in panel.header.text()


def test_the_old_record_stays_on_screen_greyed_while_another_loads(qtbot: QtBot, demo_window: MainWindow) -> None:
    tab, panel, runner = demo_window.referrals, demo_window.referrals.detail, demo_window.tasks
    (a, a_ref), (b, b_ref) = _two_referrals(demo_window)
    assert tab.select_id(a) and panel.referral_id == a  # immediate runner: A is shown
    runner.mode = "manual"
    assert tab.select_id(b)
    assert panel.referral_id == a and panel.clock_model.rowCount() > 0  # A's record is still there
    assert panel.header.text() == f"Loading {b_ref}…"
    assert not any(button.isEnabled() for button in panel.step_actions.values())  # nothing acts on A
    assert panel.tabs.isEnabled()  # a quick read replaces it without greying it first (two repaints)…
    qtbot.waitUntil(lambda: not panel.tabs.isEnabled(), timeout=2000)  # … a slow one greys it
    runner.run_pending()
    assert panel.referral_id == b and panel.header.text().startswith(b_ref) and panel.tabs.isEnabled()


def test_clearing_the_selection_drops_a_read_still_running(demo_window: MainWindow) -> None:
    tab, panel, runner = demo_window.referrals, demo_window.referrals.detail, demo_window.tasks
    (a, _), _b = _two_referrals(demo_window)
    runner.mode = "manual"
    assert tab.select_id(a)
    tab.table.clearSelection()
    runner.run_pending()
    assert panel.detail is None and not panel.isEnabled()
    assert panel.header.text().startswith("Choose a referral")


def test_a_form_takes_the_colleague_s_version_only_once_their_record_is_on_screen(demo_window: MainWindow) -> None:
    tab, panel, runner = demo_window.referrals, demo_window.referrals.detail, demo_window.tasks
    (a, _), _b = _two_referrals(demo_window)
    assert tab.select_id(a)
    assert panel.detail is not None
    seen = panel.detail.version
    demo_window.ctx.services.referrals.update(a, seen, summary="A colleague's summary")  # the other writer
    runner.mode = "manual"
    taken: list[int] = []
    panel.reload_then(lambda: taken.append(panel._version()))
    assert taken == [] and panel.detail.version == seen  # their record is not on screen yet
    runner.run_pending()
    assert taken == [seen + 1] and panel.detail.summary == "A colleague's summary"


def test_edit_details_opens_with_the_values_the_screen_showed_without_a_read(demo_window: MainWindow,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen on display carries the stored values and the version they were read with (one snapshot): the
    form opens at once from them, no read and no query on the GUI thread (the suite's guard). Without them it
    reads them off the GUI thread first."""
    tab, panel, runner = demo_window.referrals, demo_window.referrals.detail, demo_window.tasks
    (a, _), _b = _two_referrals(demo_window)
    assert tab.select_id(a)
    opened: list[str] = []
    monkeypatch.setattr(panel, "_checked", lambda title, *args, **kwargs: opened.append(title) or False)
    runner.mode = "manual"
    panel.edit_details()
    assert opened == ["Edit referral details"] and not runner.busy
    panel.shown_screen = None  # e.g. a screen built without its editable values
    panel.edit_details()
    assert opened == ["Edit referral details"] and runner.busy  # no form before its values were read
    runner.run_pending()
    assert opened == ["Edit referral details"] * 2


def _typed_intake(window: MainWindow, reference: str) -> ReferralDialog:
    dialog = ReferralDialog(window.ctx, window.ctx.services.agencies(), window)
    dialog.reference.setText(reference)
    dialog.child_rows[0].pseudonym.setText("Child W")
    dialog.la_aware.setText(window.ctx.today().strftime("%d/%m/%Y"))
    return dialog


def test_the_intake_form_says_it_is_saving_and_closes_only_once_stored(qtbot: QtBot, demo_window: MainWindow) -> None:
    runner = demo_window.tasks
    runner.mode = "manual"
    dialog = _typed_intake(demo_window, "NSCP-BG-001")
    qtbot.addWidget(dialog)
    dialog.try_save()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.saving and save.text() == "Saving…" and not save.isEnabled()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isEnabled()
    assert not dialog.body.isEnabled() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.reject()  # Escape while the write may be committing: ignored
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.created is None
    assert runner.run_pending() == 1
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.created is not None
    assert demo_window.ctx.services.referrals.get(dialog.created[0]).reference == "NSCP-BG-001"


def test_a_refused_intake_keeps_every_typed_value(qtbot: QtBot, demo_window: MainWindow) -> None:
    runner = demo_window.tasks
    taken = demo_window.referrals.model.all_rows[0].reference
    runner.mode = "manual"
    dialog = _typed_intake(demo_window, taken)  # a reference already in use
    qtbot.addWidget(dialog)
    dialog.summary.setPlainText("Typed before the save failed")
    dialog.try_save()
    runner.run_pending()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.created is None and not dialog.saving
    assert taken in dialog.error.text() or "reference" in dialog.error.text().lower()
    assert dialog.reference.text() == taken and dialog.summary.toPlainText() == "Typed before the save failed"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.body.isEnabled() and plain_text(save.text()) == "Save"


def test_new_referral_reads_the_agencies_before_the_form_opens(demo_window: MainWindow,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    runner = demo_window.tasks
    opened: list[int] = []

    def fake_exec(self: ReferralDialog) -> int:
        opened.append(self.agencies.count())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReferralDialog, "exec", fake_exec)
    runner.mode = "manual"
    demo_window.referrals.new_referral()
    assert opened == [] and runner.busy
    runner.run_pending()
    assert opened == [len(demo_window.ctx.services.agencies())] and opened[0] > 0


# The library's big list: pages arrive in the background, "…" until then. -----------------------------------

@dataclass(frozen=True)
class Item:
    id: int
    name: str


COLUMNS = [Column("name", "Name", lambda r: r.name), Column("id", "Id", lambda r: r.id)]


def _lazy(qtbot: QtBot) -> tuple[LazyTableModel[Item], TaskRunner, list[list[int]]]:
    runner = TaskRunner(mode="manual")
    asked: list[list[int]] = []

    def fetch(ids: list[int]) -> list[Item]:
        asked.append(list(ids))
        return [Item(i, f"name {i}") for i in ids]

    model: LazyTableModel[Item] = LazyTableModel(COLUMNS, fetch, tasks=runner)
    model.set_ids(list(range(1, 3 * PAGE)))
    return model, runner, asked


def test_a_page_is_fetched_in_the_background_and_painted_when_it_arrives(qtbot: QtBot) -> None:
    model, runner, asked = _lazy(qtbot)
    assert model.data(model.index(0, 0)) == "…" and model.data(model.index(5, 1)) is None
    model.data(model.index(1, 0))  # the same page again: asked once
    assert asked == [] and model.loading and runner.busy  # nothing fetched while the view painted
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert runner.run_pending() == 1
    assert changed.args[0].row() == 0 and changed.args[1].row() == PAGE - 1
    assert model.data(model.index(0, 0)) == "name 1" and not model.loading
    assert asked == [list(range(1, PAGE + 1))]


def test_a_page_asked_for_an_older_list_is_dropped(qtbot: QtBot) -> None:
    model, runner, asked = _lazy(qtbot)
    model.data(model.index(0, 0))
    model.set_ids([900, 901])  # a new search while the page was on its way
    runner.run_pending()
    assert model.data(model.index(0, 0)) == "…"  # never the old list's rows under the new ids
    runner.run_pending()
    assert model.data(model.index(0, 0)) == "name 900" and asked[-1] == [900, 901]
    assert model.data(model.index(0, 1), Qt.ItemDataRole.UserRole) == 900


def test_after_its_own_save_the_panel_reads_nothing_and_a_change_elsewhere_once(
        demo_window: MainWindow, answers: Answers, monkeypatch: pytest.MonkeyPatch) -> None:
    """The save returns the screen it leaves (read in its own transaction) and the list patches its row from it:
    neither the panel nor the list reads the referral again. A change made elsewhere is read once."""
    tab, panel = demo_window.referrals, demo_window.referrals.detail
    (a, _), _b = _two_referrals(demo_window)
    assert tab.select_id(a)
    reads: list[int] = []
    real = referral_detail.fetch_referral_screen
    monkeypatch.setattr(referral_detail, "fetch_referral_screen",
                        lambda services, rid: reads.append(rid) or real(services, rid))
    answers.append(fill(summary="Summary saved from the panel"))
    assert panel.edit_details()
    assert panel.detail is not None and panel.detail.summary == "Summary saved from the panel"
    assert reads == []
    demo_window.ctx.bus.emit_changes(Changes.of("referral", a))  # a change made elsewhere: the panel reloads
    assert reads == [a]


def test_the_details_tab_shows_the_new_referral_in_the_same_rows(demo_window: MainWindow) -> None:
    """Its rows are built once; a referral changes only their texts (rebuilding ~50 labels per click held the
    window for ~100 ms)."""
    tab, panel = demo_window.referrals, demo_window.referrals.detail
    (a, a_ref), (b, b_ref) = _two_referrals(demo_window)
    rows = panel.details_form.rowCount()
    assert rows == len(referral_detail.DETAIL_TITLES)
    assert tab.select_id(a) and panel.detail_values["Reference"].text() == a_ref
    labels = dict(panel.detail_values)
    assert tab.select_id(b) and panel.detail_values["Reference"].text() == b_ref
    assert panel.details_form.rowCount() == rows and panel.detail_values == labels
    assert panel.detail is not None and panel.detail_values["Summary"].text() == (panel.detail.summary or "—")


def test_what_the_window_holds_at_start_is_left_out_of_full_collections(demo_window: MainWindow) -> None:
    """A full cyclic-GC pass over everything alive (started by a worker building 2,000 rows) held the GIL, and so
    the GUI thread, for ~400 ms; what lives as long as the window is frozen once the first rows are shown."""
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize(("tab_name", "show", "kind"), [("panel", "show_meeting", "meeting"),
                                                        ("library", "show_review", "review")])
def test_a_list_reload_reloads_the_chosen_record_once(demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                       tab_name: str, show: str, kind: str) -> None:
    """Re-selecting the chosen record after its list reloaded is not a new choice: the detail below is read
    once (by the tab's reload), not a second time by the selection handler."""
    tab = getattr(demo_window, tab_name)
    demo_window.tabs.setCurrentWidget(tab)  # on screen (a hidden tab reloads when next shown)
    first = tab.model.id_at(0) if tab_name == "library" else tab.model.row_at(0).id
    assert tab.select_id(first)
    calls: list[str] = []
    monkeypatch.setattr(tab.detail, show, lambda *args: calls.append(show))
    monkeypatch.setattr(tab.detail, "reload", lambda: calls.append("reload"))
    demo_window.ctx.bus.emit_changes(Changes.of(kind, first))
    assert tab.selected_id() == first and calls == ["reload"]


def test_a_referral_that_cannot_be_read_is_explained_and_nothing_is_painted(demo_window: MainWindow,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk.errors import StorageError
    from scpdesk.ui import ops

    tab, panel = demo_window.referrals, demo_window.referrals.detail
    (a, a_ref), (b, _) = _two_referrals(demo_window)
    assert tab.select_id(a)
    said: list[str] = []
    monkeypatch.setattr(ops, "plain_message", lambda parent, title, text: said.append(text))

    def unreachable(services: object, rid: int) -> None:
        raise StorageError("The server stopped answering.", hint="Check the network.")

    monkeypatch.setattr(referral_detail, "fetch_referral_screen", unreachable)
    assert tab.select_id(b)
    assert said and "stopped answering" in said[0]
    assert panel.referral_id == a and a_ref in panel.header.text() and "could not be shown" in panel.header.text()
    assert not panel.loading and not any(button.isEnabled() for button in panel.step_actions.values())


@pytest.mark.threaded_tasks
def test_with_real_worker_threads_the_last_choice_wins_and_library_rows_arrive(qtbot: QtBot,
                                                                             demo_window: MainWindow) -> None:
    """The app's own runner (worker threads; create_main_window waited for the first rows): the referral chosen
    last is the one shown, and the library paints its rows once their page has come from a worker."""
    tab, panel = demo_window.referrals, demo_window.referrals.detail
    (a, _), (b, b_ref) = _two_referrals(demo_window)
    assert demo_window.tasks.mode == "threads"
    assert tab.select_id(a) and tab.select_id(b)
    qtbot.waitUntil(lambda: panel.referral_id == b and not demo_window.tasks.busy, timeout=20_000)
    assert panel.header.text().startswith(b_ref) and panel.tabs.isEnabled()
    library = demo_window.library.model
    first = library.index(0, 0)
    library.data(first)  # as the view paints it
    qtbot.waitUntil(lambda: library.data(first) not in (None, "…"), timeout=20_000)
