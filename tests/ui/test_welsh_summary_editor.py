"""The Welsh text of a learning summary on the review page (issue 17): typed beside each section's English with the
keyboard alone, saved against the version opened (a colleague's save meanwhile is merged and named, never
overwritten), and the exports written in the language and layout chosen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot
from test_library_tab import choose_view, open_review

from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.summary_languages import LOAD_KEY, WelshSummaryDialog


@pytest.fixture
def panel(qtbot: QtBot, demo_window: MainWindow) -> object:
    demo_window.tabs.setCurrentWidget(demo_window.library)
    choose_view(qtbot, demo_window, "archived")
    open_review(demo_window, "Child F")
    shown = demo_window.library.detail
    shown.tabs.setCurrentIndex(3)
    return shown


def _editor(panel: object) -> WelshSummaryDialog:
    bar = panel.summary_languages  # type: ignore[attr-defined]
    assert bar.open_editor()
    assert bar.dialog is not None and bar.dialog.isVisible()
    return bar.dialog


def _grab(widget: object, name: str) -> None:
    """SCPDESK_GRAB=folder: save what the user sees (for looking at it)."""
    folder = os.environ.get("SCPDESK_GRAB")
    if folder:
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_the_welsh_is_typed_beside_the_english_with_the_keyboard_and_saved(qtbot: QtBot, panel: object,
                                                                          demo_window: MainWindow) -> None:
    demo_window.resize(1280, 720)
    _grab(demo_window, "review-page.png")
    dialog = _editor(panel)
    dialog.resize(1280, 720)
    _grab(dialog, "welsh-editor.png")
    assert dialog.english_boxes["what_happened"].toPlainText().startswith("Over about eighteen months")
    assert dialog.welsh["what_happened"].toPlainText().startswith("Dros tua deunaw mis")
    assert dialog.english_boxes["what_happened"].isReadOnly() and not dialog.missing()
    # Keyboard only: Tab goes from one Welsh box to the next, never into the English.
    dialog.welsh["title"].setFocus()
    QApplication.processEvents()
    qtbot.keyClick(dialog.welsh["title"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.welsh["about"]
    dialog.welsh["practice"].selectAll()
    qtbot.keyClicks(dialog.welsh["practice"], "Gofynnwch am bob oedolyn ")
    dialog.welsh["practice"].insertPlainText("ŵ ŷ.")  # typed with the keyboard's Welsh layout
    dialog.welsh["contacts"].clear()
    assert "no Welsh yet" in dialog.titles["contacts"].text() and dialog.missing() == ["contacts"]
    assert dialog.save(), dialog.status.text()
    assert "Saved." in dialog.status.text() and "Contacts" in dialog.status.text()
    saved = sl.get_text(demo_window.ctx.services.ctx, dialog.review_id)
    assert saved.practice == "Gofynnwch am bob oedolyn ŵ ŷ." and saved.contacts == ""
    assert dialog.version == saved.version and not dialog.has_changes()
    dialog.reject()  # nothing unsaved: closes without asking
    assert not dialog.isVisible()


def test_a_welsh_save_meanwhile_is_merged_naming_who(panel: object, demo_window: MainWindow) -> None:
    dialog = _editor(panel)
    rid, seen = dialog.review_id, dialog.version
    colleague = ServiceContext(demo_window.ctx.services.ctx.db, user="translator.b",
                               clock=demo_window.ctx.services.ctx.clock)
    sl.save_text(colleague, rid, "cy", seen, about="Eu fersiwn nhw.", practice="Eu hymarfer nhw.")
    dialog.welsh["practice"].setPlainText("Fy ymarfer i.")
    dialog.welsh["resources"].setPlainText("Fy adnoddau i.")
    assert not dialog.save()
    assert "translator.b" in dialog.status.text() and "What this means for practice" in dialog.status.text()
    assert dialog.welsh["about"].toPlainText() == "Eu fersiwn nhw."  # only they changed it
    both = dialog.welsh["practice"].toPlainText()
    assert "Fy ymarfer i." in both and "Eu hymarfer nhw." in both
    assert dialog.save(), dialog.status.text()
    saved = sl.get_text(colleague, rid)
    assert (saved.about, saved.resources) == ("Eu fersiwn nhw.", "Fy adnoddau i.")
    assert "Eu hymarfer nhw." in saved.practice and "Fy ymarfer i." in saved.practice


def test_the_exports_are_written_in_the_language_and_layout_chosen(panel: object, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bar = panel.summary_languages  # type: ignore[attr-defined]
    opened: list[Path] = []
    monkeypatch.setattr(panel, "open_file", opened.append)
    monkeypatch.setattr(panel, "choose_file", lambda title, suggested, filters: str(tmp_path / suggested))
    assert not bar.layout_choice.isEnabled()  # a layout only for a bilingual document
    bar.language.setCurrentIndex(bar.language.findData("cy"))
    assert panel.export_summary("pdf", False)  # type: ignore[attr-defined]
    assert opened[-1].name.endswith("learning summary (Cymraeg).pdf")
    text = " ".join(page.extract_text() for page in PdfReader(opened[-1]).pages)
    assert "Dros tua deunaw mis" in text and "Over about eighteen months" not in text
    bar.language.setCurrentIndex(bar.language.findData("bilingual"))
    assert bar.layout_choice.isEnabled()
    bar.layout_choice.setCurrentIndex(bar.layout_choice.findData("consecutive"))
    assert panel.export_summary("html", False)  # type: ignore[attr-defined]
    page = opened[-1].read_text(encoding="utf-8")
    assert "Dros tua deunaw mis" in page and "Over about eighteen months" in page


def test_in_cymraeg_the_editor_and_the_bar_speak_welsh(panel: object, demo_window: MainWindow) -> None:
    from scpdesk.ui.i18n import install_language
    from scpdesk.ui.summary_languages import SummaryLanguageBar

    install_language("cy")
    try:
        bar = SummaryLanguageBar(demo_window.ctx, lambda: panel.review_id, demo_window)  # type: ignore[attr-defined]
        assert bar.welsh_button.text().replace("&", "") == "Testun Cymraeg…"
        assert [bar.language.itemText(i) for i in range(bar.language.count())] == [
            "Saesneg", "Cymraeg", "Dwyieithog: Cymraeg a Saesneg"]
        assert bar.open_editor() and bar.dialog is not None
        assert bar.dialog.windowTitle().startswith("Testun Cymraeg y crynodeb dysgu")
        assert bar.dialog.titles["about"].text() == "Ynglŷn â'r adolygiad hwn"
        _grab(bar.dialog, "welsh-editor-cy.png")
        bar.dialog.reject()
    finally:
        install_language("en")


class _Marking(QTranslator):
    """Answers every lookup with the text marked: a visible text without the mark was never looked up."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"‹{source}›" if source else source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def test_every_word_of_the_bar_and_the_editor_goes_through_translation(panel: object,
                                                                        demo_window: MainWindow) -> None:
    from scpdesk.ui.summary_languages import SummaryLanguageBar

    marking = _Marking()
    QCoreApplication.installTranslator(marking)
    try:
        bar = SummaryLanguageBar(demo_window.ctx, lambda: panel.review_id, demo_window)  # type: ignore[attr-defined]
        assert bar.open_editor() and bar.dialog is not None
        dialog = bar.dialog
        texts = [dialog.windowTitle()]
        for root in (bar, dialog):
            texts += [w.text() for w in root.findChildren(QLabel) if w.text()]
            texts += [w.text() for w in root.findChildren(QAbstractButton)]
            texts += [w.toolTip() for w in root.findChildren(QWidget) if w.toolTip()]
            texts += [w.accessibleName() for w in root.findChildren(QWidget) if w.accessibleName()]
            texts += [c.itemText(i) for c in root.findChildren(QComboBox) for i in range(c.count())]
        unmarked = [t for t in texts if "‹" not in t]
        assert not unmarked and len(texts) > 40
        dialog.reject()
    finally:
        QCoreApplication.removeTranslator(marking)


def test_typing_after_a_save_and_before_its_reload_is_kept(qtbot: QtBot, panel: object, demo_window: MainWindow,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The save ends, the boxes are editable again, the saved text is read back on the database thread: what the
    user types in that moment stays (it is not replaced by the text just saved); a box left alone shows the text as
    saved (cleaned)."""
    from scpdesk.ui import ops

    dialog = _editor(panel)
    pending: list[tuple[object, object]] = []
    real_load = ops.load

    def held(owner: object, ctx: object, fn: object, then: object, **kw: object) -> object:
        if then == dialog._saved:  # the read-back after the save: held until the user has typed
            pending.append((fn, then))
            return None
        return real_load(owner, ctx, fn, then, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ops, "load", held)
    dialog.welsh["practice"].setPlainText("Ymarfer glân.   ")  # trailing spaces: cleaned when saved
    before = dialog.welsh["about"].toPlainText()
    assert dialog.save(), dialog.status.text()
    monkeypatch.setattr(ops, "load", real_load)
    ((fn, then),) = pending
    dialog.welsh["about"].setPlainText(before + " Ychwanegwyd wedyn.")  # typed before the reload arrives
    real_load(dialog, dialog.ctx, fn, then, key=LOAD_KEY)  # type: ignore[arg-type]  # the read-back arrives now
    qtbot.waitUntil(lambda: dialog.welsh["practice"].toPlainText() == "Ymarfer glân.")
    assert dialog.welsh["about"].toPlainText() == before + " Ychwanegwyd wedyn."  # kept, not lost
    assert dialog.welsh["practice"].toPlainText() == "Ymarfer glân."  # shown as saved
    assert dialog.changed_inputs() == [dialog.welsh["about"]]  # the new typing is still to save: closing asks
    assert dialog.save(), dialog.status.text()
    saved = sl.get_text(demo_window.ctx.services.ctx, dialog.review_id)
    assert saved.about == before + " Ychwanegwyd wedyn."


def test_the_editor_names_the_sections_whose_english_changed_after_their_welsh(qtbot: QtBot,
                                                                              demo_window: MainWindow) -> None:
    """A prompt for the translator (the service says which: ``english_newer``); none shown when none changed."""
    from scpdesk.services.library.summary_languages import SummaryLanguagesDTO, SummaryTextDTO

    def dialog(newer: tuple[str, ...]) -> WelshSummaryDialog:
        shown = SummaryLanguagesDTO(review_id=1, reference="NSCP-CR-2024-02", english={"about": "About."},
                                    welsh=SummaryTextDTO(review_id=1, about="Am."), partnership_name_cy="Partneriaeth",
                                    english_newer=newer)
        made = WelshSummaryDialog(demo_window.ctx, shown, demo_window)
        qtbot.addWidget(made)
        made.show()
        return made

    changed = dialog(("title", "about"))
    assert changed.newer_note.isVisible()
    assert "Title, About this review" in changed.newer_note.text()
    _grab(changed, "welsh-editor-english-newer.png")
    assert not dialog(()).newer_note.isVisible()
