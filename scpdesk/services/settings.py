"""Organisation settings (stored in the database) with the defaults of domain.md *(setting)* items."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ClosureDay, OrganisationSetting
from ..models.timeframes import DEFAULT_SETTINGS, RULE_SETS, RuleSet


@dataclass(frozen=True)
class OrganisationSettings:
    partnership_name: str = "Safeguarding Children Partnership"
    partnership_short_name: str = "SCP"
    rule_set: str = "england"
    marking_pack: str = "OFFICIAL-SENSITIVE"
    marking_publication: str = "OFFICIAL"
    published_window_months: int = DEFAULT_SETTINGS["published_window_months"]
    lcspr_target_months: int = DEFAULT_SETTINGS["lcspr_target_months"]
    pre_publication_working_days: int = DEFAULT_SETTINGS["pre_publication_working_days"]
    panel_response_working_days: int = DEFAULT_SETTINGS["panel_response_working_days"]

    @property
    def ruleset(self) -> RuleSet:
        return RULE_SETS.get(self.rule_set, RULE_SETS["england"])

    def clock_settings(self) -> Mapping[str, int]:
        return {key: getattr(self, key) for key in DEFAULT_SETTINGS}


_FIELDS = {f.name: f for f in fields(OrganisationSettings)}


def load_settings(session: Session) -> OrganisationSettings:
    values: dict[str, Any] = {}
    for key, raw in session.execute(select(OrganisationSetting.key, OrganisationSetting.value_json)):
        if key not in _FIELDS:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        expected = type(getattr(OrganisationSettings, key))
        if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            values[key] = value
    return OrganisationSettings(**values)


def load_closures(session: Session) -> frozenset[dt.date]:
    return frozenset(session.scalars(select(ClosureDay.day)))
