"""The intake form: every referral field of domain.md §5, up to four children, agencies involved, and the
real identity in a separate, clearly marked section. Nothing typed is lost when validation or saving fails."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError, UserError
from ..services.dto import Changes
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .access import restrict
from .context import AppContext
from .discard import DiscardGuard
from .forms import (
    INVALID_STYLE,
    DateField,
    confirm,
    error_fields,
    error_text,
    field_note,
    not_saved_bug,
    show_field_notes,
    show_saving,
)
from .i18n import translate
from .sizing import fit_dialog

if TYPE_CHECKING:
    from ..services.organisation.directory import AgencyDTO
    from ..services.referrals.referrals import ChildInput, ReferralInput

ROUTES = (("rapid_review", QT_TRANSLATE_NOOP("ReferralDialog", "Rapid review")),
          ("learning_review", QT_TRANSLATE_NOOP("ReferralDialog", "Learning review")),
          ("unsure", QT_TRANSLATE_NOOP("ReferralDialog", "Unsure")))
INCIDENT_TYPES = (("", "—"),
                  ("death", QT_TRANSLATE_NOOP("ReferralDialog", "Death")),
                  ("serious_harm", QT_TRANSLATE_NOOP("ReferralDialog", "Serious harm")),
                  ("other", QT_TRANSLATE_NOOP("ReferralDialog", "Other")))
ABUSE = (("", "—"),
         ("known", QT_TRANSLATE_NOOP("ReferralDialog", "Known")),
         ("suspected", QT_TRANSLATE_NOOP("ReferralDialog", "Suspected")),
         ("not_suspected", QT_TRANSLATE_NOOP("ReferralDialog", "Not suspected")))
SEXES = (("", "—"),
         ("female", QT_TRANSLATE_NOOP("ReferralDialog", "Female")),
         ("male", QT_TRANSLATE_NOOP("ReferralDialog", "Male")),
         ("other", QT_TRANSLATE_NOOP("ReferralDialog", "Other")),
         ("unknown", QT_TRANSLATE_NOOP("ReferralDialog", "Not known")))
LEGAL = (("", "—"),
         ("none", QT_TRANSLATE_NOOP("ReferralDialog", "None")),
         ("child_in_need", QT_TRANSLATE_NOOP("ReferralDialog", "Child in need")),
         ("cp_plan", QT_TRANSLATE_NOOP("ReferralDialog", "CP plan")),
         ("looked_after", QT_TRANSLATE_NOOP("ReferralDialog", "Looked after")),
         ("care_leaver", QT_TRANSLATE_NOOP("ReferralDialog", "Care leaver")))
ROLES = (("subject", QT_TRANSLATE_NOOP("ReferralDialog", "Subject")),
         ("sibling", QT_TRANSLATE_NOOP("ReferralDialog", "Sibling")),
         ("other", QT_TRANSLATE_NOOP("ReferralDialog", "Other child")))
MAX_CHILDREN = 4


def field_labels() -> dict[str, str]:
    """The form's fields by the names a save's errors give them, in the window's language."""
    labels = {
        "reference": translate("ReferralDialog", "Reference"), "received_date": translate("ReferralDialog", "Received"),
        "incident_date": translate("ReferralDialog", "Incident date"),
        "la_aware_date": translate("ReferralDialog", "LA became aware"),
        "partners_aware_date": translate("ReferralDialog", "Partners became aware"),
        "lead_approval_date": translate("ReferralDialog", "Safeguarding lead approval date"),
        "child_pseudonym": translate("ReferralDialog", "Child {number} pseudonym").format(number=1),
        "agencies": translate("ReferralDialog", "Agencies involved"),
        "children": translate("ReferralDialog", "Children"),
    }
    for i in range(1, MAX_CHILDREN + 1):
        if i > 1:
            labels[f"child {i} pseudonym"] = translate("ReferralDialog", "Child {number} pseudonym").format(number=i)
        labels[f"child {i} date of birth"] = translate("ReferralDialog", "Child {number} date of "
                                                                         "birth").format(number=i)
        labels[f"child {i} age"] = translate("ReferralDialog", "Child {number} age").format(number=i)
    return labels


def _combo(options: tuple[tuple[str, str], ...], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in options:
        combo.addItem(translate("ReferralDialog", text), value)
    return combo


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _ChildRow:
    """The widgets of one child: pseudonym and details in one grid row, identity in the restricted box. A child
    after the first has a "Remove child N" button (Alt+N; Delete on the button does the same)."""

    def __init__(self, index: int, grid: QGridLayout, identity: QFormLayout, parent: QWidget,
                 remove: Callable[[int], None] | None = None) -> None:
        self.index = index
        self.pseudonym = QLineEdit(parent)
        self.pseudonym.setPlaceholderText(translate("ReferralDialog", "e.g. Child N") if index == 1 else
                                          translate("ReferralDialog", "e.g. Child N{number}").format(number=index))
        self.pseudonym.setObjectName(f"child{index}Pseudonym")
        self.role = _combo(ROLES if index > 1 else ROLES[:1], parent)
        if index > 1:
            self.role.setCurrentIndex(1)
        self.age = QSpinBox(parent)
        self.age.setRange(-1, 25)
        self.age.setSpecialValueText("—")
        self.age.setValue(-1)
        self.age_band = QLineEdit(parent)
        self.age_band.setPlaceholderText(translate("ReferralDialog", "e.g. under 1"))
        self.sex = _combo(SEXES, parent)
        self.legal_now = _combo(LEGAL, parent)
        self.legal_6m = _combo(LEGAL, parent)
        row = index
        for column, widget in enumerate((self.pseudonym, self.role, self.age, self.age_band, self.sex,
                                         self.legal_now, self.legal_6m)):
            grid.addWidget(widget, row, column)
        self.remove: QPushButton | None = None
        if remove is not None:
            self.remove = QPushButton(translate("ReferralDialog", "Remove child &{number}").format(number=index),
                                      parent)
            self.remove.setObjectName(f"removeChild{index}")
            self.remove.setAccessibleName(translate("ReferralDialog", "Remove child {number}").format(number=index))
            self.remove.setToolTip(translate("ReferralDialog", "Remove child {number} from the form (Alt+{number}, or "
                                             "Delete on this button); the children after it move up with what was "
                                             "typed for them.").format(number=index))
            self.remove.clicked.connect(lambda: remove(self.index))
            grid.addWidget(self.remove, row, 7)
        self.full_name = QLineEdit(parent)
        self.full_name.setObjectName(f"child{index}FullName")
        self.dob = DateField(f"child {index} date of birth", None, parent)
        self.nhs = QLineEdit(parent)
        self.nhs.setMaximumWidth(140)
        self.address = QLineEdit(parent)
        line = QHBoxLayout()
        line.addWidget(self.full_name, 2)
        line.addWidget(_label(translate("ReferralDialog", "Date of birth"), parent))
        line.addWidget(self.dob)
        line.addWidget(_label(translate("ReferralDialog", "NHS no."), parent))
        line.addWidget(self.nhs)
        name_label = _label(translate("ReferralDialog", "Child {number}").format(number=index), parent)
        address_label = _label(translate("ReferralDialog", "Address"), parent)
        identity.addRow(name_label, line)
        identity.addRow(address_label, self.address)
        #: The child's inputs, in the order ``state`` gives their values.
        self.inputs: list[QWidget] = [self.pseudonym, self.role, self.age, self.age_band, self.sex,
                                      self.legal_now, self.legal_6m, self.full_name, self.dob, self.nhs,
                                      self.address]
        labels: list[QWidget] = [name_label, address_label]
        self.widgets: list[QWidget] = [*self.inputs, *labels, *([self.remove] if self.remove else [])]

    def set_visible(self, visible: bool) -> None:
        for widget in self.widgets:
            widget.setVisible(visible)

    def state(self) -> list[object]:
        """What is typed and chosen, to move it to another row (a child above was removed)."""
        return [w.text() if isinstance(w, QLineEdit) else w.currentIndex() if isinstance(w, QComboBox)
                else w.value() if isinstance(w, QSpinBox) else None for w in self.inputs]

    def set_state(self, state: Sequence[object] | None) -> None:
        """Show ``state`` (from ``state()``), or empty fields (``None``)."""
        blank: list[object] = ["", 0 if self.index == 1 else 1, -1, "", 0, 0, 0, "", "", "", ""]
        for widget, value in zip(self.inputs, state if state is not None else blank, strict=True):
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(int(value))  # type: ignore[call-overload]
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))  # type: ignore[call-overload]

    def value(self) -> ChildInput:
        from ..models.enums import ChildRole, LegalStatus, Sex
        from ..services.referrals.referrals import ChildInput, IdentityInput

        sex, now, before = self.sex.currentData(), self.legal_now.currentData(), self.legal_6m.currentData()
        return ChildInput(
            pseudonym=self.pseudonym.text(), role=ChildRole(self.role.currentData()),
            age_years=None if self.age.value() < 0 else self.age.value(), age_band=self.age_band.text(),
            sex=Sex(sex) if sex else None, legal_status_now=LegalStatus(now) if now else None,
            legal_status_6m=LegalStatus(before) if before else None,
            identity=IdentityInput(self.full_name.text(), self.dob.value(), self.nhs.text(), self.address.text()))


class ReferralDialog(DiscardGuard, QDialog):
    """New referral. ``ReferralDialog.ask_new(parent, ctx, done)`` reads the agencies off the GUI thread, opens
    the form, and calls ``done((new id, changes))`` once it saved. Save runs on the write thread: the form stays
    open saying "Saving…", closes only when the referral was stored, and keeps every typed value on failure."""

    def __init__(self, ctx: AppContext, agency_list: Sequence[AgencyDTO], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("ReferralDialog", "New referral"))
        self.setObjectName("referralDialog")
        self.created: tuple[int, Changes] | None = None
        #: True from Save until the write has answered (DiscardGuard then refuses Cancel and Escape).
        self.saving = False
        #: The messages shown beside the date fields (by field name).
        self.notes: dict[str, QLabel] = {}
        #: Each date field and the cell it sits in with its message (its label is the date's buddy).
        self._date_cells: list[tuple[QWidget, DateField]] = []
        outer = QVBoxLayout(self)
        self.error = _label("", self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.error.hide()
        outer.addWidget(self.error)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        self.body = body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)

        today = ctx.today()
        referral = QGroupBox(translate("ReferralDialog", "Referral"), body)
        form = QFormLayout(referral)
        self.reference = QLineEdit(body)
        self.reference.setPlaceholderText(translate("ReferralDialog", "e.g. NSCP-2026-019"))
        self.received = DateField("received_date", today, body)
        self.route = _combo(ROUTES, body)
        self.route.setCurrentIndex(2)
        self.reason = QPlainTextEdit(body)
        self.reason.setMaximumHeight(70)
        self.summary = QPlainTextEdit(body)
        self.summary.setMaximumHeight(110)
        form.addRow(_label(translate("ReferralDialog", "Reference *"), body), self.reference)
        form.addRow(_label(translate("ReferralDialog", "Received *"), body), self._noted(self.received, body))
        form.addRow(_label(translate("ReferralDialog", "Route requested"), body), self.route)
        form.addRow(_label(translate("ReferralDialog", "Reason for referral"), body), self.reason)
        form.addRow(_label(translate("ReferralDialog", "Summary (pseudonyms only)"), body), self.summary)
        layout.addWidget(referral)

        referrer = QGroupBox(translate("ReferralDialog", "Referrer and approval"), body)
        form = QFormLayout(referrer)
        self.referrer_name = QLineEdit(body)
        self.referrer_role = QLineEdit(body)
        self.referrer_agency = QComboBox(body)
        self.referrer_agency.addItem("—", None)
        self.agency_list = list(agency_list)
        for agency in self.agency_list:
            self.referrer_agency.addItem(agency.name, agency.id)
        self.referrer_contact = QLineEdit(body)
        self.lead_name = QLineEdit(body)
        self.lead_date = DateField("lead_approval_date", None, body)
        form.addRow(_label(translate("ReferralDialog", "Name"), body), self.referrer_name)
        form.addRow(_label(translate("ReferralDialog", "Role"), body), self.referrer_role)
        form.addRow(_label(translate("ReferralDialog", "Agency"), body), self.referrer_agency)
        form.addRow(_label(translate("ReferralDialog", "Contact"), body), self.referrer_contact)
        approval = QHBoxLayout()
        approval.addWidget(self.lead_name, 1)
        approval.addWidget(_label(translate("ReferralDialog", "on"), body))
        approval.addWidget(self.lead_date)
        form.addRow(_label(translate("ReferralDialog", "Safeguarding lead approval"), body), approval)
        layout.addWidget(referrer)

        incident = QGroupBox(translate("ReferralDialog", "Incident and awareness (these dates start the statutory "
                                                         "clocks)"), body)
        form = QFormLayout(incident)
        self.incident_date = DateField("incident_date", None, body)
        self.incident_type = _combo(INCIDENT_TYPES, body)
        self.abuse = _combo(ABUSE, body)
        self.la_aware = DateField("la_aware_date", None, body)
        self.partners_aware = DateField("partners_aware_date", None, body)
        self.partners_aware.setPlaceholderText(translate("ReferralDialog", "same as LA"))
        form.addRow(_label(translate("ReferralDialog", "Incident date"), body), self._noted(self.incident_date, body))
        form.addRow(_label(translate("ReferralDialog", "Type"), body), self.incident_type)
        form.addRow(_label(translate("ReferralDialog", "Abuse or neglect"), body), self.abuse)
        form.addRow(_label(translate("ReferralDialog", "LA became aware"), body), self._noted(self.la_aware, body))
        form.addRow(_label(translate("ReferralDialog", "Partners became aware"), body),
                    self._noted(self.partners_aware, body))
        layout.addWidget(incident)

        agencies = QGroupBox(translate("ReferralDialog", "Agencies involved"), body)
        box = QVBoxLayout(agencies)
        self.agencies = QListWidget(body)
        self.agencies.setObjectName("agencies")
        for agency in self.agency_list:
            item = QListWidgetItem(agency.name, self.agencies)
            item.setData(Qt.ItemDataRole.UserRole, agency.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.agencies.setMaximumHeight(130)
        box.addWidget(self.agencies)
        layout.addWidget(agencies)

        children = QGroupBox(translate("ReferralDialog", "Children (pseudonyms only: up to four per "
                                                         "notification)"), body)
        grid = QGridLayout(children)
        for column, title in enumerate((translate("ReferralDialog", "Pseudonym *"), translate("ReferralDialog", "Role"),
                                        translate("ReferralDialog", "Age"), translate("ReferralDialog", "Age band"),
                                        translate("ReferralDialog", "Sex"),
                                        translate("ReferralDialog", "Legal status now"),
                                        translate("ReferralDialog", "In last 6 months"))):
            grid.addWidget(_label(title, body), 0, column)
        identity = QGroupBox(translate("ReferralDialog", "RESTRICTED — real identity. Never shown in lists, exports or "
                                                         "published outputs."),
                             body)
        identity.setObjectName("identitySection")
        identity.setStyleSheet("QGroupBox#identitySection { border: 2px solid #a61b1b; margin-top: 14px; "
                               "padding-top: 8px; } QGroupBox#identitySection::title { color: #a61b1b; "
                               "font-weight: bold; subcontrol-origin: margin; left: 8px; }")
        identity_form = QFormLayout(identity)
        self.child_rows = [_ChildRow(i, grid, identity_form, body, self.remove_child if i > 1 else None)
                           for i in range(1, MAX_CHILDREN + 1)]
        # Delete on a child's Remove button removes it too. Not in the child's fields: there Delete (and
        # Ctrl+Delete) edit the text, and taking them would throw typing away.
        for row in self.child_rows[1:]:
            assert row.remove is not None
            row.remove.installEventFilter(self)
        self.add_child = QPushButton(translate("ReferralDialog", "&Add a child"), body)
        self.add_child.clicked.connect(self._add_child)
        grid.addWidget(self.add_child, MAX_CHILDREN + 1, 0)
        layout.addWidget(children)
        layout.addWidget(identity)
        reason = ctx.services.access.why_not("identity") if ctx.services is not None else ""
        if reason:  # the database would refuse it: the section is shown disabled, saying why
            identity.setTitle(translate("ReferralDialog", "RESTRICTED — real identity. {reason}").format(reason=reason))
            restrict(identity, reason)
        self.visible_children = 1
        for row in self.child_rows[1:]:
            row.set_visible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        # Ctrl+Enter saves from any field (as every form: FormDialog), a multi-line box too.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.try_save)
        self.resize(900, 760)
        fit_dialog(self)  # grows to its content within the screen; resizable
        for cell, field in self._date_cells:  # a date's label names the date, not the cell around it (mnemonic)
            holder = cell.parentWidget()
            form_layout = holder.layout() if holder is not None else None
            label = form_layout.labelForField(cell) if isinstance(form_layout, QFormLayout) else None
            if isinstance(label, QLabel):
                label.setBuddy(field)
        self._fields = {
            "reference": self.reference, "received_date": self.received, "incident_date": self.incident_date,
            "la_aware_date": self.la_aware, "partners_aware_date": self.partners_aware,
            "lead_approval_date": self.lead_date, "child_pseudonym": self.child_rows[0].pseudonym,
            "agencies": self.agencies,
            **{f"child {i} pseudonym": self.child_rows[i - 1].pseudonym for i in range(2, MAX_CHILDREN + 1)},
            **{f"child {i} date of birth": self.child_rows[i - 1].dob for i in range(1, MAX_CHILDREN + 1)},
            **{f"child {i} age": self.child_rows[i - 1].age for i in range(1, MAX_CHILDREN + 1)},
        }

    def _add_child(self) -> None:
        if self.visible_children < MAX_CHILDREN:
            row = self.child_rows[self.visible_children]
            row.set_visible(True)
            self.visible_children += 1
            row.pseudonym.setFocus(Qt.FocusReason.OtherFocusReason)  # type the new child's pseudonym next
        self.add_child.setEnabled(self.visible_children < MAX_CHILDREN)

    def remove_child(self, index: int) -> None:
        """Remove child ``index`` (2 to 4; the first child is the subject and stays): the children after it
        move up with everything typed for them, the last row is emptied and hidden. Nothing else changes."""
        if not 2 <= index <= self.visible_children or self.saving:
            return
        rows = self.child_rows
        for i in range(index - 1, self.visible_children - 1):
            rows[i].set_state(rows[i + 1].state())
        last = rows[self.visible_children - 1]
        last.set_state(None)
        last.set_visible(False)
        self.visible_children -= 1
        self.add_child.setEnabled(True)
        # Focus stays with the children: the row that took the removed one's place, else the one above it.
        target = rows[index - 1] if index <= self.visible_children else rows[index - 2]
        target.pseudonym.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            for row in self.child_rows[1:]:
                if watched is row.remove:
                    self.remove_child(row.index)
                    return True
        return super().eventFilter(watched, event)

    def value(self, *, pseudonym_confirmed: bool = False) -> ReferralInput:
        from ..models.enums import AbuseNeglect, IncidentType, RouteRequested
        from ..services.referrals.referrals import ReferralInput

        children = tuple(row.value() for row in self.child_rows[: self.visible_children])
        itype, abuse = self.incident_type.currentData(), self.abuse.currentData()
        agency_ids = tuple(self.agencies.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.agencies.count())
                           if self.agencies.item(i).checkState() == Qt.CheckState.Checked)
        return ReferralInput(
            reference=self.reference.text(), received_date=self.received.value(),
            child_pseudonym=children[0].pseudonym, children=children, la_aware_date=self.la_aware.value(),
            partners_aware_date=self.partners_aware.value(), incident_date=self.incident_date.value(),
            route_requested=RouteRequested(self.route.currentData()), summary=self.summary.toPlainText(),
            reason=self.reason.toPlainText(), referrer_agency_id=self.referrer_agency.currentData(),
            agency_ids=agency_ids, referrer_name=self.referrer_name.text(), referrer_role=self.referrer_role.text(),
            referrer_contact=self.referrer_contact.text(), lead_approval_name=self.lead_name.text(),
            lead_approval_date=self.lead_date.value(), incident_type=IncidentType(itype) if itype else None,
            abuse_neglect=AbuseNeglect(abuse) if abuse else None, pseudonym_confirmed=pseudonym_confirmed)

    def _noted(self, field: DateField, parent: QWidget) -> QWidget:
        """A date field with room to its right for its own message (shown when a save names the field)."""
        cell = QWidget(parent)
        field.setAccessibleName(field_labels().get(field.field_name, field.field_name))
        self._date_cells.append((cell, field))
        line = QHBoxLayout(cell)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
        note = field_note(cell, field.field_name)
        line.addWidget(note, 1)
        self.notes[field.field_name] = note
        return cell

    def show_error(self, exc: ScpdeskError) -> None:
        self.error.setText(error_text(exc, field_labels()))
        self.error.show()
        bad = set(error_fields(exc)) if isinstance(exc, UserError) else set()
        for name, widget in self._fields.items():
            widget.setStyleSheet(INVALID_STYLE if name in bad else "")
        show_field_notes(self.notes, exc)

    def try_save(self) -> None:
        from ..services.referrals.referrals import looks_like_real_name

        if self.saving:  # a second Save while the first is still being written
            return
        confirmed = False
        try:
            data = self.value()
            questioned = [c.pseudonym.strip() for c in data.all_children() if looks_like_real_name(c.pseudonym)]
            if questioned:
                confirmed = confirm(self, translate("ReferralDialog", "Is this a pseudonym?"),
                                    translate("ReferralDialog", "'{pseudonym}' looks like a real name. Lists, exports "
                                              "and published outputs show the pseudonym. Is it the agreed "
                                              "pseudonym?\n\nChoose No to change it (the real name belongs in the "
                                              "restricted section).").format(pseudonym=questioned[0]))
                if not confirmed:
                    raise UserError("child_pseudonym", "use a pseudonym such as \"Child N\"; record the real "
                                                       "name in the restricted identity section")
                data = self.value(pseudonym_confirmed=True)
        except ScpdeskError as exc:
            self.show_error(exc)
            return
        self._set_saving(True)
        ops.save(self, self.ctx, lambda s: s.referrals.create(data), self._saved, failed=self._failed)

    def _saved(self, created: tuple[int, Changes]) -> None:
        self._set_saving(False)
        self.created = created
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """Every typed value stays; the form says why (a bug also reaches the error dialog)."""
        self._set_saving(False)
        if isinstance(exc, ScpdeskError):
            self.show_error(exc)
        else:
            not_saved_bug(self.error, exc)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        show_saving(self.buttons, self.error, saving, [self.body])

    @classmethod
    def ask_new(cls, parent: QWidget, ctx: AppContext, done: Callable[[tuple[int, Changes]], None]) -> None:
        """Read the agency list in the background, then open the form; ``done`` gets the new referral."""
        def ask(agencies: Sequence[AgencyDTO]) -> None:
            dialog = cls(ctx, agencies, parent)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
                done(dialog.created)

        if ctx.services is not None:
            ops.load(parent, ctx, lambda s: s.agencies(), ask, key="referral-intake-form")
