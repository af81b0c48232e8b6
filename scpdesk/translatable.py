"""Marks strings defined below the UI (labels, headings, choices the UI shows verbatim) for translation without
importing Qt: pyside6-lupdate finds ``QT_TRANSLATE_NOOP("Context", "text")`` calls, and the UI translates the text
at display time with ``scpdesk.ui.i18n.tr_data(context, text)``."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name, which lupdate looks for)
    """``text`` unchanged: the call only marks it as translatable in ``context``."""
    return text
