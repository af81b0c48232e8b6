"""People where people act (issue 13): the person picker forms use to name who signed, who was asked for a
summary, who owns an action — a choice that can be typed into (part of a name, any case, finds them), with
"— none —" allowed and the person's role and agency shown beside their name — and the agency field that
follows the person chosen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QListWidget

from ..errors import UserError
from ..translatable import QT_TRANSLATE_NOOP
from .i18n import translate

if TYPE_CHECKING:
    from ..services.organisation.directory import PersonDTO
    from .forms import Field, FormDialog

#: The picker's first option: nobody named (the agency alone owns it, as before people could be named).
NONE = QT_TRANSLATE_NOOP("People", "— none —")


def person_field(key: str, label: str, people: Sequence[PersonDTO], default: int | None = None, *,
                 keep: tuple[int, str] | None = None) -> Field:
    """A person picker over ``people`` (current ones), "— none —" first. ``keep``: the (id, name) a record
    already names when that person is no longer offered (retired): still shown, so saving keeps them."""
    from .forms import Field

    options: list[tuple[Any, str]] = [(None, translate("People", NONE)), *((p.id, p.label) for p in people)]
    if keep is not None and keep[0] not in {p.id for p in people}:
        options.append((keep[0], translate("People", "{name} (left)").format(name=keep[1])))
    return Field(key, label, "person", default, options=options,
                 hint=translate("People", "Type part of a name to find the person; their agency follows. — none — "
                                "names nobody."))


def searchable(combo: QComboBox) -> None:
    """Make ``combo`` one the user can type into: the list filters to the entries containing what is typed
    (any case); typing never adds an entry."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    # As wide as the form gives it, not as the longest "Name (Role, Agency)": the labels keep their room.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(28)
    line = combo.lineEdit()
    assert line is not None  # editable
    # A chosen name is shown from its start (not scrolled to the end of its agency).
    combo.currentIndexChanged.connect(lambda _index: line.setCursorPosition(0))
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)


def typed_index(key: str, combo: QComboBox) -> int:
    """The entry of a searchable combo its text names (blank: the first, "— none —"); UserError naming the
    field when the text names none of them (a name typed but not chosen)."""
    text = combo.currentText().strip()
    if not text:
        return 0
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)  # whole text, any case
    if index < 0:
        matches = [i for i in range(combo.count()) if text.casefold() in combo.itemText(i).casefold()]
        if len(matches) == 1:
            return matches[0]
        raise UserError(key, (translate("People", "'{text}' is not in the directory list; choose a person from it "
                                        "(more than one matches), or — none —") if matches else
                              translate("People", "'{text}' is not in the directory list; choose a person from it, or "
                                        "— none —")).format(text=text))
    return index


def follow_person(dialog: FormDialog, person_key: str, agency_key: str, people: Sequence[PersonDTO]) -> None:
    """When a person is chosen, the agency field shows their agency (it follows the person: the service
    records theirs)."""
    combo, agency = dialog.widget(person_key), dialog.widget(agency_key)
    assert isinstance(combo, QComboBox) and isinstance(agency, QComboBox)
    agency_of = {p.id: p.agency_id for p in people}

    def chosen(index: int) -> None:
        agency_id = agency_of.get(combo.itemData(index))
        found = agency.findData(agency_id) if agency_id is not None else -1
        if found >= 0:
            agency.setCurrentIndex(found)

    combo.currentIndexChanged.connect(chosen)
    chosen(combo.currentIndex())


def members_for(kind: object, people: Sequence[PersonDTO]) -> list[int]:
    """Who a new meeting invites unless the user says otherwise: the people flagged "Rapid Review Panel
    member" for a Panel meeting, "QA&S group member" for a QA&S one."""
    from ..models.enums import MeetingKind

    if kind == MeetingKind.QAS:
        return [p.id for p in people if p.qas_member]
    return [p.id for p in people if p.panel_member]


def follow_kind(dialog: FormDialog, kind_key: str, members_key: str, people: Sequence[PersonDTO]) -> None:
    """When the meeting's kind changes, tick that kind's members instead — unless the user has changed the
    ticks (their choice is kept)."""
    kind, box = dialog.widget(kind_key), dialog.widget(members_key)
    assert isinstance(kind, QComboBox) and isinstance(box, QListWidget)

    def ticked() -> list[int]:
        return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
                if box.item(i).checkState() == Qt.CheckState.Checked]

    shown = [ticked()]

    def switched(index: int) -> None:
        if sorted(ticked()) != sorted(shown[0]):
            return  # the user chose the members: keep them
        wanted = set(members_for(kind.itemData(index), people))
        for i in range(box.count()):
            item = box.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        shown[0] = ticked()

    kind.currentIndexChanged.connect(switched)
