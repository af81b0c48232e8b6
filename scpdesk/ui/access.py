"""Hide or disable what the current login's role cannot do, and say why (the database refuses it anyway)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def restrict(widget: QWidget, reason: str) -> None:
    """Disable ``widget`` with ``reason`` as its tooltip when ``reason`` is not empty (see Access.why_not)."""
    if reason:
        widget.setEnabled(False)
        widget.setToolTip(reason)


def reason_label(reason: str, parent: QWidget) -> QLabel:
    """A visible explanation over a page the login may read but not change."""
    label = QLabel(reason, parent)
    label.setObjectName("accessReason")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#accessReason { background: #fff4ce; padding: 6px; }")
    return label
