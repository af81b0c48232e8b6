"""The window's language: Qt translators for English or Welsh (Cymraeg), and the locale dates are shown in.

Every visible string goes through Qt's translation system: ``translate("Context", "text")`` in the UI modules (one
context per module, named after its main class), and ``tr_data(context, text)`` for the words marked with
``QT_TRANSLATE_NOOP`` below the UI (column headings, status words, field labels). The compiled ``.qm`` files ship
in ``scpdesk/resources/translations`` (``packaging/translations.py`` makes them from ``resources/translations``):
:func:`install_language` installs every ``scpdesk_*_<lang>.qm`` found there (English has its own files: the plural
forms of counts, "1 referral" / "2 referrals") and sets the default QLocale, so the dates Qt formats follow.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from .table_model import Column

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "current_language", "install_language", "language_locale",
           "normal_language", "one_or_many", "qm_files", "tr_columns", "tr_data", "translate"]

log = logging.getLogger(__name__)

#: The module alias pyside6-lupdate recognises: ``translate("Context", "text")``.
translate = QCoreApplication.translate

#: The languages the window offers, by code, each named in itself (as a language picker shows them).
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
DEFAULT_LANGUAGE = "en"
#: Where the compiled translations are, inside the package (so a wheel and the frozen build carry them).
QM_FOLDER = ("resources", "translations")

_installed: list[QTranslator] = []  # kept referenced: Qt does not own an installed translator
_language: list[str] = [DEFAULT_LANGUAGE]


def tr_data(context: str, text: str) -> str:
    """A word from below the UI (marked there with ``QT_TRANSLATE_NOOP(context, text)``) in the window's language."""
    return QCoreApplication.translate(context, text)


Row = TypeVar("Row")


def tr_columns(context: str, columns: Sequence[Column[Row]]) -> list[Column[Row]]:
    """A module's column list (headers marked ``QT_TRANSLATE_NOOP(context, …)``) with its headers translated: call
    it where the model is built, so a window built after a language change shows that language."""
    return [dataclasses.replace(c, header=QCoreApplication.translate(context, c.header)) if c.header else c
            for c in columns]


def one_or_many(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many``: both already translated with ``n`` (``translate(ctx, "%n file", "", n)``
    and ``translate(ctx, "%n files", "", n)``), so English reads right even with no translation loaded, and Welsh
    takes every plural form of ``many`` from its numerus translation."""
    return one if n == 1 else many


def normal_language(value: object) -> str:
    """A stored or typed language setting as one of :data:`LANGUAGES` ("cy", "CY", "cy_GB", "cy-GB" → "cy");
    anything else is the default (English)."""
    code = str(value or "").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def language_locale(language: str) -> QLocale:
    """The locale of a window language: dates, numbers and Qt's own words."""
    if normal_language(language) == "cy":
        return QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def qm_files(language: str) -> list[Path]:
    """The compiled translations of ``language`` (the package's ``scpdesk_*_<language>.qm``), in name order. The
    package is a folder in a source tree, an installed wheel and the frozen build alike."""
    folder = Path(str(resources.files("scpdesk").joinpath(*QM_FOLDER)))
    return sorted(folder.glob(f"scpdesk_*_{normal_language(language)}.qm"))


def current_language() -> str:
    """The language last installed (English until :func:`install_language` says otherwise)."""
    return _language[0]


def install_language(language: str) -> str:
    """Use ``language`` from now on: remove the translators installed before, install this language's, and make its
    locale the default. Returns the language used. Widgets already built keep their texts until retranslated or
    rebuilt (Qt sends each a LanguageChange event). A missing or unreadable file is logged, never fatal: the window
    then shows English for its strings."""
    language = normal_language(language)
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(old)
    _installed.clear()
    for path in qm_files(language):
        translator = QTranslator()
        if not translator.load(str(path)):
            log.warning("translation file not loaded: %s", path.name)
            continue
        _installed.append(translator)
        if app is not None:
            QCoreApplication.installTranslator(translator)
    QLocale.setDefault(language_locale(language))
    _language[0] = language
    log.info("window language %s (%d translation file(s))", language, len(_installed))
    return language
