"""Marking words below the UI for translation, without Qt.

The services and models keep their field labels, column headings, choices and status words in English: the
command line, the logs and the files use them as they are. Those the window shows verbatim are marked with
:func:`QT_TRANSLATE_NOOP`, so ``pyside6-lupdate`` extracts them into the translators' ``.ts`` files, and the window
translates them when it shows them (``scpdesk.ui.i18n.tr_data(context, text)``). This module imports nothing: the
pure layers (models, services, reports) may use it.
"""

from __future__ import annotations

__all__ = ["QT_TRANSLATE_NOOP"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged: the mark tells ``pyside6-lupdate`` that ``text`` (in ``context``) is translatable;
    the window translates it where it shows it."""
    return text
