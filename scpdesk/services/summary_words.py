"""The words of the Welsh and bilingual learning summary settings (issue 17), marked for translation here so that
they belong to the bilingual translation group (``resources/translations/scpdesk_bilingual.files``) and not to the
settings screen's. Pure: no Qt, no database (``settings_values`` imports it before the database layer loads)."""

from __future__ import annotations

from ..translatable import QT_TRANSLATE_NOOP

__all__ = ["BILINGUAL_FIRST_CHOICES", "BILINGUAL_FIRST_HELP", "BILINGUAL_FIRST_LABEL", "NAME_CY_HELP", "NAME_CY_LABEL"]

NAME_CY_LABEL = QT_TRANSLATE_NOOP("SettingsValues", "Partnership name in Welsh")
NAME_CY_HELP = QT_TRANSLATE_NOOP(
    "SettingsValues", "The partnership's full name in Welsh, printed on Welsh and bilingual learning summaries and "
                      "briefings (e.g. Partneriaeth Diogelu Plant Gogledd-sir). Those are refused until it is given.")
BILINGUAL_FIRST_LABEL = QT_TRANSLATE_NOOP("SettingsValues", "Language printed first in bilingual documents")
BILINGUAL_FIRST_HELP = QT_TRANSLATE_NOOP(
    "SettingsValues", "Which language comes first (on the left, or before the other) in a bilingual learning summary "
                      "or briefing. By nation: Welsh first under the Wales rule set, as Welsh public bodies publish.")
#: The choices of ``bilingual_first``: stored value and what the settings screen shows.
BILINGUAL_FIRST_CHOICES = (("auto", QT_TRANSLATE_NOOP("SettingsValues", "By nation (Welsh first in Wales)")),
                           ("cy", QT_TRANSLATE_NOOP("SettingsValues", "Welsh first")),
                           ("en", QT_TRANSLATE_NOOP("SettingsValues", "English first")))
