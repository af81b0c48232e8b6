"""What the organisation settings are: their names, defaults, limits and how a stored value is read back. No
database here (the store is ``settings``): the first page a start shows reads the settings straight from the
file (``first_page``) with this module, before the database layer is loaded."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from types import MappingProxyType
from typing import Any

from ..models.timeframes import (
    DEFAULT_SETTINGS,
    RAPID_REVIEW_STARTS,
    RULE_SETS,
    RuleSet,
    with_rapid_review_start,
)
from ..translatable import QT_TRANSLATE_NOOP
from .summary_words import (
    BILINGUAL_FIRST_CHOICES,
    BILINGUAL_FIRST_HELP,
    BILINGUAL_FIRST_LABEL,
    NAME_CY_HELP,
    NAME_CY_LABEL,
)

log = logging.getLogger("scpdesk.services.settings")

#: The storage key of the logo (its SETTING_KEYS entry is "logo").
LOGO_KEY = "logo_png"
#: The markings a partnership may choose; "" is "none" (no marking printed).
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL", "")
_NONE = "none"
#: Rule sets listed as coming; choosing one is refused with a clear message (none since issue 17: every nation's
#: rule set is here).
COMING_RULE_SETS: dict[str, str] = {}
#: The nations' clock settings (issue 17; defaults in models.timeframes.DEFAULT_SETTINGS, reasons in docs/rules.md):
#: key → (label, help, low, high, unit).
_NATION_TIMEFRAMES: dict[str, tuple[str, str, int, int, str]] = {
    "wales_case_review_group_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: case review group"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From receiving a referral to the case review group's recommendation to the Board chair (rule 21).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "wales_chair_decision_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: Board chair decides"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the case review group's recommendation to the Board chair's decision: "
            "concise or extended Child Practice Review, or none (rule 22).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "wales_notify_government_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: Welsh Government told"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the decision to undertake a Child Practice Review to notifying Welsh Government (rule 23).",
        ),
        1,
        30,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "wales_learning_event_months": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: learning event"),
        QT_TRANSLATE_NOOP(
            "SettingsValues", "From the decision to the learning event with the practitioners (rule 24)."
        ),
        1,
        12,
        QT_TRANSLATE_NOOP("SettingsValues", "months"),
    ),
    "wales_report_months": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: report and action plan"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the decision to the completed report and action plan, concise and extended alike (rule 25).",
        ),
        1,
        24,
        QT_TRANSLATE_NOOP("SettingsValues", "months"),
    ),
    "wales_report_to_government_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Wales: report sent on"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the report's completion to sending it and the action plan to Welsh Government (rule 26).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "scotland_recommendation_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Scotland: recommendation"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From a notification to the nominated person or group's "
            "recommendation to the Child Protection Committee (rule 31).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "scotland_decision_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Scotland: CPC decides"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the recommendation to the CPC's decision on a Learning Review, with its reasons (rule 32).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "scotland_notify_inspectorate_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Scotland: Care Inspectorate told"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the CPC's decision (to proceed or not) to notifying the Care Inspectorate (rule 33).",
        ),
        1,
        30,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "scotland_review_months": (
        QT_TRANSLATE_NOOP("SettingsValues", "Scotland: Learning Review"),
        QT_TRANSLATE_NOOP(
            "SettingsValues", "From the decision to proceed to the completed Learning Review report (rule 34)."
        ),
        1,
        24,
        QT_TRANSLATE_NOOP("SettingsValues", "months"),
    ),
    "scotland_report_to_inspectorate_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "Scotland: report sent on"),
        QT_TRANSLATE_NOOP(
            "SettingsValues", "From the report's completion to sending it to the Care Inspectorate (rule 35)."
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "northern_ireland_chair_decision_working_days": (
        QT_TRANSLATE_NOOP("SettingsValues", "N. Ireland: SBNI chair decides"),
        QT_TRANSLATE_NOOP(
            "SettingsValues",
            "From the Local Safeguarding Panel's referral to the SBNI chair's "
            "decision on a Case Management Review (rule 41).",
        ),
        1,
        60,
        QT_TRANSLATE_NOOP("SettingsValues", "working days"),
    ),
    "northern_ireland_report_months": (
        QT_TRANSLATE_NOOP("SettingsValues", "N. Ireland: CMR report"),
        QT_TRANSLATE_NOOP("SettingsValues", "From the chair's decision to the CMR Panel's completed report (rule 42)."),
        1,
        24,
        QT_TRANSLATE_NOOP("SettingsValues", "months"),
    ),
}
#: The nations' names as the rule set choice shows them (``RuleSet.label``), marked for the settings window.
NATION_WORDS = (QT_TRANSLATE_NOOP("SettingsValues", "England"), QT_TRANSLATE_NOOP("SettingsValues", "Wales"),
                QT_TRANSLATE_NOOP("SettingsValues", "Scotland"),
                QT_TRANSLATE_NOOP("SettingsValues", "Northern Ireland"))
#: The record types with a retention period, in the order the settings screen lists them.
RETENTION_TYPES = ("referral", "rapid_review", "meeting", "review", "audit")

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
#: Control characters (all but tab, newline and carriage return) refused in any text a user saves here.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class OrganisationSettings:
    partnership_name: str = "Safeguarding Children Partnership"
    partnership_short_name: str = "SCP"
    #: The partnership's name in Welsh, printed on Welsh and bilingual documents ("" until given: those are refused).
    partnership_name_cy: str = ""
    #: Which language a bilingual document prints first: "auto" (Welsh first under the wales rule set, as Welsh
    #: public bodies publish; English first elsewhere), "cy" or "en".
    bilingual_first: str = "auto"
    rule_set: str = "england"
    #: Which event starts the rapid review clock (rule 8): "partners_aware" (default) or "sin_sent".
    rapid_review_start: str = "partners_aware"
    #: "" means no marking is printed.
    marking_pack: str = "OFFICIAL-SENSITIVE"
    marking_publication: str = "OFFICIAL"
    published_window_months: int = DEFAULT_SETTINGS["published_window_months"]
    lcspr_target_months: int = DEFAULT_SETTINGS["lcspr_target_months"]
    pre_publication_working_days: int = DEFAULT_SETTINGS["pre_publication_working_days"]
    panel_response_working_days: int = DEFAULT_SETTINGS["panel_response_working_days"]
    # The nations' timeframes (issue 17): docs/rules.md gives each default and why it is a setting.
    wales_case_review_group_working_days: int = DEFAULT_SETTINGS["wales_case_review_group_working_days"]
    wales_chair_decision_working_days: int = DEFAULT_SETTINGS["wales_chair_decision_working_days"]
    wales_notify_government_working_days: int = DEFAULT_SETTINGS["wales_notify_government_working_days"]
    wales_learning_event_months: int = DEFAULT_SETTINGS["wales_learning_event_months"]
    wales_report_months: int = DEFAULT_SETTINGS["wales_report_months"]
    wales_report_to_government_working_days: int = DEFAULT_SETTINGS["wales_report_to_government_working_days"]
    scotland_recommendation_working_days: int = DEFAULT_SETTINGS["scotland_recommendation_working_days"]
    scotland_decision_working_days: int = DEFAULT_SETTINGS["scotland_decision_working_days"]
    scotland_notify_inspectorate_working_days: int = DEFAULT_SETTINGS["scotland_notify_inspectorate_working_days"]
    scotland_review_months: int = DEFAULT_SETTINGS["scotland_review_months"]
    scotland_report_to_inspectorate_working_days: int = DEFAULT_SETTINGS[
        "scotland_report_to_inspectorate_working_days"]
    northern_ireland_chair_decision_working_days: int = DEFAULT_SETTINGS[
        "northern_ireland_chair_decision_working_days"]
    northern_ireland_report_months: int = DEFAULT_SETTINGS["northern_ireland_report_months"]
    #: Working days the partnership gives itself to answer an archive request (the Today view's due date).
    archive_answer_working_days: int = 20
    #: Where archive requests go (printed with "available on request").
    contact_email: str = ""
    contact_address: str = ""
    retention_referral_years: int = 25
    retention_rapid_review_years: int = 25
    retention_meeting_years: int = 25
    retention_review_years: int = 100
    retention_audit_years: int = 25
    #: While set, no record may be destroyed whatever its retention period.
    legal_hold: bool = False
    #: Local database files must be encrypted (SQLCipher): an unencrypted one is refused at start.
    require_encryption: bool = False
    #: Minutes without mouse or keyboard before the window hides every record behind the lock screen.
    idle_lock_minutes: int = 10
    #: True once a partnership name has been saved (the first-run screen asks for the profile until then).
    is_configured: bool = False

    # Both are asked for once per record when a year's clocks are evaluated (issue 14's figures): worked out once
    # per (frozen) settings value.
    @cached_property
    def ruleset(self) -> RuleSet:
        base = RULE_SETS.get(self.rule_set, RULE_SETS["england"])
        start = self.rapid_review_start if self.rapid_review_start in RAPID_REVIEW_STARTS else "partners_aware"
        return with_rapid_review_start(base, start)

    @property
    def first_language(self) -> str:
        """"cy" or "en": the language a bilingual document prints first."""
        if self.bilingual_first in ("cy", "en"):
            return self.bilingual_first
        return "cy" if self.rule_set == "wales" else "en"

    def clock_settings(self) -> Mapping[str, int]:
        return self._clock_settings

    @cached_property
    def _clock_settings(self) -> Mapping[str, int]:
        return MappingProxyType({key: getattr(self, key) for key in DEFAULT_SETTINGS})

    def retention_years(self, record_type: str) -> int:
        """Years to keep a closed record of ``record_type`` (one of RETENTION_TYPES)."""
        if record_type not in RETENTION_TYPES:
            raise ValueError(f"unknown record type {record_type!r}")
        return int(getattr(self, f"retention_{record_type}_years"))


@dataclass(frozen=True)
class SettingInfo:
    """What a settings screen or the command line needs to show and check one setting."""

    key: str
    label: str
    help: str
    #: "text", "multiline", "email", "choice", "int", "bool" or "logo".
    kind: str
    default: Any = None
    #: (value, label) pairs for "choice" settings; values are what ``OrganisationSettings`` holds.
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    max_length: int | None = None
    required: bool = False
    group: str = ""


_DEFAULTS = OrganisationSettings()
_MARKING_CHOICES = (("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"), ("OFFICIAL", "OFFICIAL"),
                    ("", QT_TRANSLATE_NOOP("SettingsValues", "none (no marking printed)")))
# The rapid review start's choices as the settings show them (marked for translation; the keys are
# ``timeframes.RAPID_REVIEW_STARTS``'s).
_RAPID_REVIEW_START_WORDS = {
    "partners_aware": QT_TRANSLATE_NOOP("SettingsValues", "Partners became aware"),
    "sin_sent": QT_TRANSLATE_NOOP("SettingsValues", "Notification sent to the National Panel"),
}


def _int(key: str, label: str, help_: str, low: int, high: int, unit: str, group: str) -> SettingInfo:
    return SettingInfo(key, label, help_, "int", getattr(_DEFAULTS, key), minimum=low, maximum=high, unit=unit,
                       group=group)


#: Each retention setting's label and help (whole phrases, so that a translation can word each its own way).
_RETENTION_TEXTS = {
    "referral": (QT_TRANSLATE_NOOP("SettingsValues", "Keep referrals"),
                 QT_TRANSLATE_NOOP("SettingsValues", "Years to keep referrals after the record is closed.")),
    "rapid_review": (QT_TRANSLATE_NOOP("SettingsValues", "Keep rapid reviews"),
                     QT_TRANSLATE_NOOP("SettingsValues", "Years to keep rapid reviews after the record is closed.")),
    "meeting": (QT_TRANSLATE_NOOP("SettingsValues", "Keep meetings"),
                QT_TRANSLATE_NOOP("SettingsValues", "Years to keep meetings after the record is closed.")),
    "review": (QT_TRANSLATE_NOOP("SettingsValues", "Keep reviews (library)"),
               QT_TRANSLATE_NOOP("SettingsValues", "Years to keep reviews (library) after the record is closed.")),
    "audit": (QT_TRANSLATE_NOOP("SettingsValues", "Keep the audit trail"),
              QT_TRANSLATE_NOOP("SettingsValues", "Years to keep the audit trail after the record is closed.")),
}

#: Every setting, in the order a settings screen shows them. Keys are OrganisationSettings field names (the
#: logo's is "logo"; it is saved with ``set_logo``).
SETTING_KEYS: Mapping[str, SettingInfo] = {info.key: info for info in (
    SettingInfo("partnership_name", QT_TRANSLATE_NOOP("SettingsValues", "Partnership name"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The partnership's full name, printed on every document (e.g. Northshire Safeguarding Children "
                "Partnership)."), "text", _DEFAULTS.partnership_name, max_length=200, required=True,
                group="Partnership"),
    SettingInfo("partnership_short_name", QT_TRANSLATE_NOOP("SettingsValues", "Short name"),
                QT_TRANSLATE_NOOP("SettingsValues", "The short name used in lists and file names (e.g. NSCP)."), "text",
                _DEFAULTS.partnership_short_name, max_length=40, required=True, group="Partnership"),
    SettingInfo("logo", QT_TRANSLATE_NOOP("SettingsValues", "Logo"), QT_TRANSLATE_NOOP("SettingsValues",
                                "A PNG or JPEG image of at most 1 MB and 2000 × 2000 pixels, printed on meeting "
                "packs and learning summaries."), "logo", None, group="Partnership"),
    SettingInfo("contact_email", QT_TRANSLATE_NOOP("SettingsValues", "Contact email for archive requests"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "Where requests for archived reviews are sent, e.g. scp@northshire.gov.uk."), "email", "",
                max_length=254, group="Partnership"),
    SettingInfo("contact_address", QT_TRANSLATE_NOOP("SettingsValues", "Postal address for archive requests"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The business unit's postal address (several lines)."), "multiline", "", max_length=500,
                group="Partnership"),
    SettingInfo("partnership_name_cy", NAME_CY_LABEL, NAME_CY_HELP, "text", "", max_length=200, group="Partnership"),
    SettingInfo("rule_set", QT_TRANSLATE_NOOP("SettingsValues", "Nation (rule set)"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The nation whose statutory guidance, review types and bank holidays the clocks follow. Changing it "
                "recomputes every open clock and lists what moved."), "choice", "england",
                choices=tuple((k, r.label or k) for k, r in RULE_SETS.items()), group="Rules"),
    SettingInfo("rapid_review_start", QT_TRANSLATE_NOOP("SettingsValues", "Rapid review clock starts from"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The event the 15 working days of the rapid review (rule 8) count from: the partners becoming "
                "aware (the default) or the notification sent to the National Panel. \"Why this date\" names the "
                "one used; changing it recomputes every rapid review clock."), "choice", "partners_aware",
                choices=tuple((k, _RAPID_REVIEW_START_WORDS[k]) for k in RAPID_REVIEW_STARTS), group="Rules"),
    SettingInfo("marking_pack", QT_TRANSLATE_NOOP("SettingsValues", "Marking of packs and rapid review material"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The protective marking printed on meeting packs and rapid review documents."), "choice",
                _DEFAULTS.marking_pack, choices=_MARKING_CHOICES, group="Documents"),
    SettingInfo("marking_publication", QT_TRANSLATE_NOOP("SettingsValues",
                                       "Marking of learning summaries and published reports"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "The protective marking printed on learning summaries, action plans and published reports."),
                "choice", _DEFAULTS.marking_publication, choices=_MARKING_CHOICES, group="Documents"),
    SettingInfo("bilingual_first", BILINGUAL_FIRST_LABEL, BILINGUAL_FIRST_HELP, "choice", "auto",
                choices=BILINGUAL_FIRST_CHOICES, group="Documents"),
    _int("published_window_months", QT_TRANSLATE_NOOP("SettingsValues", "Published window"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "How long a published review stays on the website before it shows \"Archived — available on request\" "
         "(rule 13; some partnerships use 24)."), 1, 60, QT_TRANSLATE_NOOP("SettingsValues", "months"), "Timeframes"),
    _int("lcspr_target_months", QT_TRANSLATE_NOOP("SettingsValues", "LCSPR target"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "From the decision to undertake an LCSPR to its publication (rule 11)."), 1, 24,
         QT_TRANSLATE_NOOP("SettingsValues", "months"), "Timeframes"),
    _int("pre_publication_working_days", QT_TRANSLATE_NOOP("SettingsValues", "Pre-publication notice"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "The final report goes to the National Panel and the Secretary of State at least this many working days "
         "before publication (rule 12)."), 0, 30, QT_TRANSLATE_NOOP("SettingsValues", "working days"), "Timeframes"),
    _int("panel_response_working_days", QT_TRANSLATE_NOOP("SettingsValues", "Panel response expected"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "When a reply from the National Panel is expected after the rapid review was sent (rule 10)."), 1, 60,
         QT_TRANSLATE_NOOP("SettingsValues", "working days"), "Timeframes"),
    *(_int(key, label, help_, low, high, unit, "Nations")
      for key, (label, help_, low, high, unit) in _NATION_TIMEFRAMES.items()),
    _int("archive_answer_working_days", QT_TRANSLATE_NOOP("SettingsValues", "Archive requests answered within"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "Working days from receiving a request for an archived review to sending it (the Today view lists each "
         "unanswered request as due then)."), 1, 120, QT_TRANSLATE_NOOP("SettingsValues", "working days"),
         "Timeframes"),
    *(_int(f"retention_{t}_years", *_RETENTION_TEXTS[t], 1, 100, QT_TRANSLATE_NOOP("SettingsValues", "years"),
           "Retention")
      for t in RETENTION_TYPES),
    SettingInfo("legal_hold", QT_TRANSLATE_NOOP("SettingsValues", "Legal hold"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "While on (an inquiry, litigation or police investigation), nothing is destroyed whatever the "
                "retention periods say."), "bool", False, group="Retention"),
    SettingInfo("require_encryption", QT_TRANSLATE_NOOP("SettingsValues", "Require encrypted local files"),
                QT_TRANSLATE_NOOP("SettingsValues",
                "When on, scpdesk refuses to open a local database file that is not encrypted (each user runs "
                "'scpdesk db encrypt' once). A shared server is protected by IT instead."), "bool", False,
                group="Security"),
    _int("idle_lock_minutes", QT_TRANSLATE_NOOP("SettingsValues", "Lock after idle time"),
         QT_TRANSLATE_NOOP("SettingsValues",
         "Minutes without mouse or keyboard before the window hides every record until the user unlocks it."),
         1, 60, QT_TRANSLATE_NOOP("SettingsValues", "minutes"), "Security"),
)}

_STORED = {k for k, info in SETTING_KEYS.items() if info.kind != "logo"}
assert _STORED <= {f.name for f in fields(OrganisationSettings)}


def _loaded(key: str, value: Any) -> Any:
    """A stored value as OrganisationSettings holds it; ValueError if it cannot be used (the default is)."""
    info = SETTING_KEYS[key]
    if info.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("not a whole number")
        assert info.minimum is not None and info.maximum is not None
        if not info.minimum <= value <= info.maximum:
            raise ValueError(f"outside {info.minimum}–{info.maximum}")
        return value
    if info.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("not yes or no")
        return value
    if not isinstance(value, str):
        raise ValueError("not text")
    if key.startswith("marking_") and value.strip().lower() in ("", _NONE):
        return ""
    if key == "bilingual_first" and value not in dict(BILINGUAL_FIRST_CHOICES):
        raise ValueError("not a language choice")
    if key == "rapid_review_start" and value not in RAPID_REVIEW_STARTS:
        raise ValueError("not a rapid review start")
    if key == "rule_set" and value not in RULE_SETS:
        raise ValueError("not a rule set")
    return value


def _settings_from(rows: Iterable[tuple[str, str]]) -> OrganisationSettings:
    values: dict[str, Any] = {}
    for key, raw in rows:
        if key not in _STORED:
            continue
        try:
            values[key] = _loaded(key, json.loads(raw))
        except ValueError as exc:
            log.warning("organisation setting %s ignored (%s); using the default", key, exc)
    if values.get("partnership_name", "").strip():
        values["is_configured"] = True
    return OrganisationSettings(**values)
