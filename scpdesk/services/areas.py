"""The services the Panel, the Library detail and the Settings window call, by area (issue 12: one typed facade).

Each area is reached from ``Services`` (``services.plans``, ``services.summaries``, ``services.archive``,
``services.directory``, ``services.settings``, ``services.calendar``, ``services.packs``), so a screen never
calls ``fn(services.ctx, ...)``. Every method only delegates to the function that does the work (where its
rules, audit and version checks live); a write keeps the version parameters of the write it delegates to
(``tests/db/test_every_write_checked.py`` checks delegates against their targets).

Imports are lazy: opening the window does not load ReportLab, openpyxl or the settings machinery.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.enums import AgencyKind
from .uow import ServiceContext

if TYPE_CHECKING:
    from ..reports.meeting_pack import PackResult
    from .dto import Changes
    from .library.actions import ActionInput, ActionSaved, PlanDTO
    from .library.learning_summary import LearningSummaryContentDTO
    from .library.library import ThemeInfo
    from .library.summary_languages import SummaryLanguagesDTO
    from .organisation.closures import ClosureDTO, ClosureResult, SettingsResult
    from .organisation.directory import AgencyDTO, PersonDTO, PersonInput
    from .organisation.starter import FirstSteps, StarterAgency, StarterResult
    from .settings import OrganisationSettings, SettingsSnapshot

PathLike = str | os.PathLike[str]
#: A setting's value as a settings page edits it (text, a choice's key, a number, a tick box).
SettingValue = str | int | bool | None


class _Area:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx


class ActionPlans(_Area):
    """A review's recommendations and the actions agencies own against them."""

    def plan(self, review_id: int) -> PlanDTO:
        from .library.actions import review_plan

        return review_plan(self.ctx, review_id)

    def add_recommendation(self, review_id: int, text: str) -> tuple[int, Changes]:
        from .library.actions import add_recommendation

        return add_recommendation(self.ctx, review_id, text)

    def add_action(self, recommendation_id: int, data: ActionInput) -> ActionSaved:
        from .library.actions import add_action

        return add_action(self.ctx, recommendation_id, data)

    def edit_action(self, action_id: int, expected_version: int, data: ActionInput) -> ActionSaved:
        from .library.actions import edit_action

        return edit_action(self.ctx, action_id, expected_version, data)

    def add_progress_note(self, action_id: int, note: str) -> Changes:
        from .library.actions import add_progress_note

        return add_progress_note(self.ctx, action_id, note)

    def export_pdf(self, review_id: int, path: PathLike) -> int:
        """The review's plan as a PDF; how many actions it lists."""
        from .library.actions import export_plan_pdf

        return export_plan_pdf(self.ctx, review_id, path)

    def export_xlsx(self, review_id: int, path: PathLike) -> int:
        """The review's plan as a workbook; how many actions it lists."""
        from .library.actions import export_plan_xlsx

        return export_plan_xlsx(self.ctx, review_id, path)


class LearningSummaries(_Area):
    """A review's published learning summary: its sections, saved against the version typed on, and exported."""

    def content(self, review_id: int) -> LearningSummaryContentDTO:
        from .library.learning_summary import get_content

        return get_content(self.ctx, review_id)

    def save(self, review_id: int, expected_version: int, sections: Mapping[str, str]) -> Changes:
        from .library.learning_summary import save_content

        return save_content(self.ctx, review_id, expected_version, **sections)

    def export(self, review_id: int, out: Path, *, fmt: str = "pdf", briefing: bool = False, language: str = "en",
               layout: str = "side_by_side") -> int | None:
        """In English, Welsh ("cy") or both ("bilingual", ``layout`` side_by_side or consecutive)."""
        from .library.summary_languages import export_summary

        return export_summary(self.ctx, review_id, out, fmt=fmt, briefing=briefing, language=language,
                              layout=layout)

    def languages(self, review_id: int) -> SummaryLanguagesDTO:
        """Each field's English as printed beside its saved Welsh (the Welsh editor)."""
        from .library.summary_languages import get_languages

        return get_languages(self.ctx, review_id)

    def save_welsh(self, review_id: int, expected_version: int, fields: Mapping[str, str]) -> Changes:
        """The Welsh text, saved against the version the user opened."""
        from .library.summary_languages import save_text

        return save_text(self.ctx, review_id, "cy", expected_version, **fields)


class ArchiveRequests(_Area):
    """Requests for a review no longer on the website, and their answers."""

    def log(self, review_id: int, *, requester_name: str, organisation: str, received_date: dt.date | None,
            notes: str) -> tuple[int, Changes]:
        from .library.library import log_archive_request

        return log_archive_request(self.ctx, review_id, requester_name=requester_name, organisation=organisation,
                                   received_date=received_date, notes=notes)

    def mark_sent(self, request_id: int, expected_version: int, *, sent_date: dt.date | None) -> Changes:
        from .library.library import mark_archive_request_sent

        return mark_archive_request_sent(self.ctx, request_id, expected_version, sent_date=sent_date)


class Directory(_Area):
    """The partnership's lists: agencies, people and review themes (retiring keeps every record naming one)."""

    def agencies(self, *, include_retired: bool = False) -> list[AgencyDTO]:
        from .organisation.directory import list_agencies

        return list_agencies(self.ctx, include_retired=include_retired)

    def add_agency(self, name: str, kind: AgencyKind | str) -> tuple[int, Changes]:
        from .organisation.directory import add_agency

        return add_agency(self.ctx, name, kind)

    def update_agency(self, agency_id: int, expected_version: int, *, name: str,
                      kind: AgencyKind | str) -> Changes:
        from .organisation.directory import update_agency

        return update_agency(self.ctx, agency_id, expected_version, name=name, kind=kind)

    def retire_agency(self, agency_id: int, *, expected_version: int) -> Changes:
        """Retired from today (the services' clock)."""
        from .organisation.directory import retire_agency

        return retire_agency(self.ctx, agency_id, self.ctx.today(), expected_version=expected_version)

    def restore_agency(self, agency_id: int, *, expected_version: int) -> Changes:
        from .organisation.directory import restore_agency

        return restore_agency(self.ctx, agency_id, expected_version=expected_version)

    def people(self, *, include_retired: bool = False) -> list[PersonDTO]:
        from .organisation.directory import people

        return people(self.ctx, include_retired=include_retired)

    def add_person(self, data: PersonInput) -> tuple[int, Changes]:
        from .organisation.directory import add_person

        return add_person(self.ctx, data)

    def update_person(self, person_id: int, expected_version: int, data: PersonInput) -> Changes:
        from .organisation.directory import update_person

        return update_person(self.ctx, person_id, expected_version, data)

    def retire_person(self, person_id: int, *, expected_version: int) -> Changes:
        """Retired from today (the services' clock)."""
        from .organisation.directory import retire_person

        return retire_person(self.ctx, person_id, self.ctx.today(), expected_version=expected_version)

    def restore_person(self, person_id: int, *, expected_version: int) -> Changes:
        from .organisation.directory import restore_person

        return restore_person(self.ctx, person_id, expected_version=expected_version)

    def first_steps(self) -> FirstSteps:
        """The first start's checklist (agencies, people, closure days, logo), computed from the data."""
        from .organisation.starter import first_steps

        return first_steps(self.ctx)

    def load_starter_set(self, agencies: Sequence[StarterAgency] | None = None) -> StarterResult:
        """The starter agencies added in one audited transaction; never one twice."""
        from .organisation.starter import load_starter_set

        return load_starter_set(self.ctx, agencies)

    def themes(self) -> list[ThemeInfo]:
        """Every theme, retired ones too, with how many reviews and rapid reviews carry it."""
        from .library.library import themes

        return themes(self.ctx)

    def add_theme(self, name: str) -> tuple[int, Changes]:
        from .library.library import add_theme

        return add_theme(self.ctx, name)

    def rename_theme(self, theme_id: int, expected_version: int, name: str) -> Changes:
        from .library.library import rename_theme

        return rename_theme(self.ctx, theme_id, expected_version, name)

    def merge_themes(self, keep_id: int, merged_id: int, *, keep_version: int, expected_version: int) -> Changes:
        from .library.library import merge_themes

        return merge_themes(self.ctx, keep_id, merged_id, keep_version=keep_version,
                            expected_version=expected_version)

    def retire_theme(self, theme_id: int, expected_version: int) -> Changes:
        from .library.library import retire_theme

        return retire_theme(self.ctx, theme_id, expected_version)


class OrganisationSettingsArea(_Area):
    """The partnership's settings (saved against the versions shown), its logo and its closure days."""

    def current(self) -> OrganisationSettings:
        from .settings import get_settings

        return get_settings(self.ctx)

    def snapshot(self) -> SettingsSnapshot:
        from .settings import settings_snapshot

        return settings_snapshot(self.ctx)

    def versions(self) -> dict[str, int]:
        from .settings import settings_versions

        return settings_versions(self.ctx)

    def save(self, changes: Mapping[str, SettingValue], *, expected: Mapping[str, int]) -> Changes:
        from .settings import save_settings

        return save_settings(self.ctx, changes, expected=expected)

    def save_moving(self, changes: Mapping[str, SettingValue], *, expected: Mapping[str, int]) -> SettingsResult:
        """:meth:`save`, also reporting the open clocks a change of rule set or timeframe moved, ended without an
        equivalent, or started."""
        from .organisation.closures import save_settings_moving

        return save_settings_moving(self.ctx, changes, expected=expected)

    def set_logo(self, data: bytes | None, *, expected_version: int) -> Changes:
        from .organisation.logo import set_logo

        return set_logo(self.ctx, data, expected_version=expected_version)

    def closures(self) -> list[ClosureDTO]:
        from .organisation.closures import list_closures

        return list_closures(self.ctx)

    def add_closure(self, day: dt.date, reason: str = "") -> ClosureResult:
        from .organisation.closures import add_closure

        return add_closure(self.ctx, day, reason)

    def remove_closure(self, day: dt.date, expected_version: int) -> ClosureResult:
        from .organisation.closures import remove_closure

        return remove_closure(self.ctx, day, expected_version)

    def import_closures(self, path: PathLike) -> ClosureResult:
        from .organisation.closures import import_closures

        return import_closures(self.ctx, path)


class MeetingCalendar(_Area):
    def export_meeting(self, meeting_id: int, path: PathLike) -> Path:
        """The meeting as an iCalendar file (written whole or not at all)."""
        from .panel.calendar import export_meeting_ics

        return export_meeting_ics(self.ctx, meeting_id, path)


class MeetingPacks(_Area):
    def produce(self, meeting_id: int, output: Path, *, exclude_confidential: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> PackResult:
        """The meeting pack written to ``output`` and its printing audited (see ``meeting_pack.produce_pack``)."""
        from .panel.meeting_pack import produce_pack

        return produce_pack(self.ctx, meeting_id, output, exclude_confidential=exclude_confidential,
                            progress=progress, cancelled=cancelled)
