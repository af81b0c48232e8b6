"""A learning summary in Welsh (issue 17): the Welsh text entered beside each section's English, saved against the
version it was opened at, and the choice of language (English, Cymraeg, bilingual) and layout for the exports.

The review page holds a :class:`SummaryLanguageBar` under its learning summary sections: "Welsh text…" opens
:class:`WelshSummaryDialog`, and the exports read the language and layout chosen there. Every database call goes
through ``ops`` (the GUI thread never waits); nothing here is stored in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..errors import ConflictError, ScpdeskError
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .context import AppContext
from .discard import DiscardGuard
from .keyboard import working_text
from .sizing import box_height

if TYPE_CHECKING:
    from ..services.dto import Changes
    from ..services.library.summary_languages import SummaryLanguagesDTO, SummaryTextDTO

translate = QCoreApplication.translate

#: The key of the editor's read: a newer read (another review, a reload after a clash) makes an older one stale.
LOAD_KEY = "welsh-summary"
#: Each field of the Welsh text, with its title (in the order the documents print them).
FIELDS = (
    ("title", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Title")),
    ("about", QT_TRANSLATE_NOOP("WelshSummaryDialog", "About this review")),
    ("the_child", QT_TRANSLATE_NOOP("WelshSummaryDialog", "The child (pseudonymised, minimal)")),
    ("what_happened", QT_TRANSLATE_NOOP("WelshSummaryDialog", "What happened")),
    ("what_went_well", QT_TRANSLATE_NOOP("WelshSummaryDialog", "What went well")),
    ("key_learning", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Key learning (one point per line)")),
    ("practice", QT_TRANSLATE_NOOP("WelshSummaryDialog", "What this means for practice")),
    ("reflective_questions", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Reflective questions (one per line)")),
    ("resources", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Further resources")),
    ("contacts", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Contacts")),
    ("actions", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Actions of the plan (one per line, in the same order)")),
    ("themes", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Themes (one per line, in the same order)")),
)
#: Lines each box shows at rest.
LINES = {"title": 1, "the_child": 3, "what_happened": 6, "key_learning": 6, "practice": 5, "contacts": 3,
         "themes": 2}
#: The export languages as the bar offers them: (value, words).
LANGUAGE_CHOICES = (("en", QT_TRANSLATE_NOOP("WelshSummaryDialog", "English")),
                    ("cy", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Cymraeg (Welsh)")),
                    ("bilingual", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Bilingual: Welsh and English")))
LAYOUT_CHOICES = (("side_by_side", QT_TRANSLATE_NOOP("WelshSummaryDialog", "Side by side")),
                  ("consecutive", QT_TRANSLATE_NOOP("WelshSummaryDialog", "One after the other")))
#: What an exported file's suggested name gets for each language.
FILE_SUFFIX = {"en": "", "cy": " (Cymraeg)", "bilingual": " (bilingual)"}


def _title(key: str) -> str:
    return translate("WelshSummaryDialog", dict(FIELDS)[key])


class SummaryLanguageBar(QWidget):
    """Under the learning summary: the language and layout of the exports, and "Welsh text…" (the editor)."""

    def __init__(self, ctx: AppContext, review_id: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryLanguages")
        self.ctx, self.review_id = ctx, review_id
        self.dialog: WelshSummaryDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.welsh_button = QPushButton(translate("WelshSummaryDialog", "Welsh text…"), self)
        self.welsh_button.setToolTip(translate("WelshSummaryDialog", "Type the Welsh of each section beside its "
                                                                     "English"))
        self.welsh_button.clicked.connect(self.open_editor)
        row.addWidget(self.welsh_button)
        self.language = QComboBox(self)
        self.language.setObjectName("summaryLanguage")
        for value, words in LANGUAGE_CHOICES:
            self.language.addItem(translate("WelshSummaryDialog", words), value)
        self.layout_choice = QComboBox(self)
        self.layout_choice.setObjectName("summaryLayout")
        for value, words in LAYOUT_CHOICES:
            self.layout_choice.addItem(translate("WelshSummaryDialog", words), value)
        for text, combo in ((translate("WelshSummaryDialog", "Docum&ent language"), self.language),
                            (translate("WelshSummaryDialog", "La&yout"), self.layout_choice)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            combo.setAccessibleName(text.replace("&", ""))
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        self.language.currentIndexChanged.connect(lambda _i: self._bilingual_only())
        self._bilingual_only()

    def _bilingual_only(self) -> None:
        self.layout_choice.setEnabled(self.language.currentData() == "bilingual")

    def choice(self) -> tuple[str, str]:
        """(language, layout) for the service's export: "en", "cy" or "bilingual"; "side_by_side" or
        "consecutive"."""
        return str(self.language.currentData()), str(self.layout_choice.currentData())

    def file_suffix(self) -> str:
        return FILE_SUFFIX[self.choice()[0]]

    def open_editor(self) -> bool:
        """Open the Welsh text of the review shown (read first, on a worker). False when no review is shown."""
        review_id = self.review_id()
        if review_id is None:
            return False
        return ops.load_then(self, self.ctx, lambda s: s.summaries.languages(review_id), self._show,
                             key=LOAD_KEY)

    def _show(self, shown: SummaryLanguagesDTO) -> bool:
        self.dialog = WelshSummaryDialog(self.ctx, shown, self.window())
        self.dialog.open()
        return True


class WelshSummaryDialog(DiscardGuard, QDialog):
    """Each field's English (read-only: it is edited on the review page) beside its Welsh, typed separately; Save
    writes the Welsh against the version it was opened at, and a colleague's save meanwhile is merged, never
    overwritten, naming who."""

    def __init__(self, ctx: AppContext, shown: SummaryLanguagesDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welshSummary")
        self.ctx, self.review_id = ctx, shown.review_id
        self.setWindowTitle(translate("WelshSummaryDialog", "Welsh text of the learning summary: {reference}")
                            .format(reference=shown.reference))
        self.english = dict(shown.english)
        self.version = shown.welsh.version
        self.base: dict[str, str] = shown.welsh.values()
        self.saving_now = False
        box = QVBoxLayout(self)
        intro = QLabel(translate(
            "WelshSummaryDialog", "Type the Welsh of each section in the right-hand box. The English is edited on "
            "the review's Learning summary tab. A Welsh or bilingual document is refused while a section has English "
            "but no Welsh. The pseudonym, agencies and dates are printed as they are."), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(intro)
        self.name_note = QLabel("", self)
        self.name_note.setObjectName("welshNameNote")
        self.name_note.setWordWrap(True)
        self.name_note.setStyleSheet("color: #8a4b00;")
        if not shown.partnership_name_cy.strip():
            self.name_note.setText(translate(
                "WelshSummaryDialog", "The partnership's name in Welsh is not set: Welsh and bilingual documents are "
                "refused until it is entered in Settings (Partnership)."))
        self.name_note.setVisible(bool(self.name_note.text()))
        box.addWidget(self.name_note)
        # The English changed after the Welsh was written: the translator checks those sections (a prompt only).
        self.newer_note = QLabel("", self)
        self.newer_note.setObjectName("englishNewerNote")
        self.newer_note.setWordWrap(True)
        self.newer_note.setTextFormat(Qt.TextFormat.PlainText)
        self.newer_note.setStyleSheet("color: #8a4b00;")
        if shown.english_newer:
            self.newer_note.setText(translate(
                "WelshSummaryDialog", "The English of these sections changed after their Welsh was written; check "
                "that the Welsh still says the same: {sections}.").format(
                    sections=", ".join(_title(key) for key in shown.english_newer)))
        self.newer_note.setVisible(bool(self.newer_note.text()))
        box.addWidget(self.newer_note)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns share the width
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for column, text in enumerate((translate("WelshSummaryDialog", "English"),
                                       translate("WelshSummaryDialog", "Cymraeg (Welsh)"))):
            heading = QLabel(text, body)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, column)
        self.titles: dict[str, QLabel] = {}
        self.english_boxes: dict[str, QPlainTextEdit] = {}
        self.welsh: dict[str, QPlainTextEdit] = {}
        for number, (key, _words) in enumerate(FIELDS):
            title = QLabel(body)
            title.setTextFormat(Qt.TextFormat.PlainText)
            english = QPlainTextEdit(self.english.get(key, ""), body)
            english.setReadOnly(True)
            english.setObjectName(f"english_{key}")
            english.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes from Welsh box to Welsh box
            english.setAccessibleName(translate("WelshSummaryDialog", "{section}, English").format(
                section=_title(key)))
            welsh = QPlainTextEdit(self.base.get(key, ""), body)
            welsh.setObjectName(f"welsh_{key}")
            welsh.setTabChangesFocus(True)
            welsh.setAccessibleName(translate("WelshSummaryDialog", "{section}, Welsh").format(section=_title(key)))
            welsh.setAccessibleDescription(self.english.get(key, "")[:500])
            for edit in (english, welsh):
                edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
                edit.setFixedHeight(box_height(edit, LINES.get(key, 4)))
                if key == "title":  # one line: no scroll bar squeezed beside it
                    edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            title.setBuddy(welsh)
            welsh.textChanged.connect(lambda k=key: self._mark(k))
            self.titles[key], self.english_boxes[key], self.welsh[key] = title, english, welsh
            grid.addWidget(title, 1 + 2 * number, 0, 1, 2)
            grid.addWidget(english, 2 + 2 * number, 0)
            grid.addWidget(welsh, 2 + 2 * number, 1)
            self._mark(key)
        scroll.setWidget(body)
        box.addWidget(scroll, 1)
        self.status = QLabel("", self)
        self.status.setObjectName("welshStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(translate("WelshSummaryDialog", "Save Welsh text"),
                                             QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.clicked.connect(self.save)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        box.addWidget(buttons)
        self.resize(1180, 660)

    def missing(self) -> list[str]:
        """The fields with English but no Welsh typed (what a Welsh export would refuse)."""
        return [key for key, _ in FIELDS
                if self.english.get(key, "").strip() and not self.welsh[key].toPlainText().strip()]

    def _mark(self, key: str) -> None:
        lacking = bool(self.english.get(key, "").strip()) and not self.welsh[key].toPlainText().strip()
        self.titles[key].setText(translate("WelshSummaryDialog", "{section} — no Welsh yet").format(
            section=_title(key)) if lacking else _title(key))
        self.titles[key].setStyleSheet("color: #8a4b00; font-weight: bold;" if lacking else "font-weight: bold;")

    def values(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.welsh.items()}

    def save(self) -> bool:
        """Saved on the write thread against the version opened; a clash merges theirs in and says who. True when
        saved (or on its way)."""
        if self.saving_now:
            return False
        values, version, review_id = self.values(), self.version, self.review_id
        outcome: list[bool] = []
        self._saving(True)

        def done(changes: Changes) -> None:
            outcome.append(True)
            self._saving(False)
            self.base = dict(values)
            self.ctx.bus.emit_changes(changes)
            left = self.missing()
            self.status.setText(translate("WelshSummaryDialog", "Saved.") + (" " + translate(
                "WelshSummaryDialog", "Still without Welsh: {sections}.").format(
                    sections="; ".join(_title(k) for k in left)) if left else ""))
            ops.load(self, self.ctx, lambda s: s.summaries.languages(review_id), self._saved, key=LOAD_KEY)

        def failed(exc: BaseException) -> None:
            outcome.append(False)
            self._saving(False)
            if isinstance(exc, ConflictError):
                ops.load(self, self.ctx, lambda s: s.summaries.languages(review_id),
                         lambda theirs: self._merge(exc, theirs.welsh), key=LOAD_KEY)
            elif isinstance(exc, ScpdeskError):
                self.status.setText(str(exc))
            else:
                self.status.setText(translate("WelshSummaryDialog", "Not saved: something went wrong inside "
                                                                    "scpdesk. What you typed is still here."))
                ops.explain(self, exc)

        ops.save(self, self.ctx, lambda s: s.summaries.save_welsh(review_id, version, values), done, failed=failed)
        return outcome[0] if outcome else True

    def _saved(self, shown: SummaryLanguagesDTO) -> None:
        """The saved version (for the next save); a box still holding what was sent shows it as saved (cleaned:
        spaces, control characters). A box typed in since the save ended (the read-back runs on the database
        thread while the boxes are editable again) keeps the typing, still to save."""
        sent = self.base  # what the save sent, as typed (set when it ended)
        self.version = shown.welsh.version
        self.base = shown.welsh.values()
        typed_since = []
        for key, edit in self.welsh.items():
            typed = edit.toPlainText()
            if typed != self.base[key] and typed == sent.get(key):
                edit.setPlainText(self.base[key])
            elif typed != self.base[key]:
                typed_since.append((edit, self.base[key]))
        self.mark_shown()
        if self._shown is not None:
            for edit, saved in typed_since:  # the typing is a change still to save: closing asks first
                self._shown[edit] = saved

    def _saving(self, saving: bool) -> None:
        self.saving_now = self.saving = saving
        working_text(self.save_button, saving, translate("WelshSummaryDialog", "Save Welsh text"),
                     translate("WelshSummaryDialog", "Saving…"))
        self.save_button.setEnabled(not saving)
        for edit in self.welsh.values():
            edit.setReadOnly(saving)

    def _merge(self, exc: Exception, theirs: SummaryTextDTO) -> None:
        """A field only they changed shows theirs; one only this user changed keeps the typing; one both changed
        keeps the typing with theirs below it, marked, to reconcile. Save then applies over their version."""
        both: list[str] = []
        saved = theirs.values()
        for key, edit in self.welsh.items():
            base, mine, other = self.base.get(key, ""), edit.toPlainText(), saved[key]
            if other in (base, mine):
                continue
            if mine == base:
                edit.setPlainText(other)
            else:
                both.append(_title(key))
                edit.setPlainText(translate("WelshSummaryDialog", "{mine}\n\n--- saved by {who} ---\n{theirs}").format(
                    mine=mine, who=theirs.updated_by or translate("WelshSummaryDialog", "someone else"), theirs=other))
        self.version, self.base = theirs.version, saved
        extra = (translate("WelshSummaryDialog", "Both of you changed: {sections} — their text is shown below yours; "
                                                 "keep what is right, then save.").format(sections="; ".join(both))
                 if both else translate("WelshSummaryDialog", "Their other changes are shown; save to add yours."))
        self.status.setText(f"{exc} {extra}")


__all__ = ["FIELDS", "SummaryLanguageBar", "WelshSummaryDialog"]
