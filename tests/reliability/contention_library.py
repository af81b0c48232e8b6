"""Contention kinds for the review library, the settings and the directory (issue 9: "reviews,
recommendations, actions, settings, directory", with learning summaries and theme renames).

Each kind saves through the real service write with the version a form would show, as ``contention.py``
describes; pass ``module="contention_library"`` to ``contention.run``. Where a field has a length limit, the
text the record starts with counts against it (``_room``), so every token fits.

Run by hand: ``python tests/reliability/contention_library.py URL [SAVES]``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:  # run by hand, or imported by a spawned process: the harness next to this file
    sys.path.insert(0, _HERE)

from contention import Kind, Seen, run  # noqa: E402
from records import Setup  # noqa: E402

from scpdesk.models.enums import ActionStatus, AgencyKind, ReviewType  # noqa: E402
from scpdesk.services import ServiceContext  # noqa: E402
from scpdesk.services import settings as st  # noqa: E402
from scpdesk.services.library import actions as act  # noqa: E402
from scpdesk.services.library import learning_summary as ls  # noqa: E402
from scpdesk.services.library import library as lib  # noqa: E402
from scpdesk.services.library.reviews import ReviewInput, ReviewService  # noqa: E402
from scpdesk.services.organisation import directory as d  # noqa: E402

DUE = dt.date(2026, 6, 30)
THEME, AGENCY, PERSON = "Contended theme", "Contended agency", "Sam Lowther"
#: The settings are never saved before the run: the first saves race to create each setting's row.
PARTNERSHIP, ADDRESS = st.SETTING_KEYS["partnership_name"], st.SETTING_KEYS["contact_address"]


def _room(limit: int, start: str) -> int:
    """Characters left for tokens in a field of ``limit`` that starts as ``start`` (and a space after it)."""
    return limit - len(start) - 1


# Records ------------------------------------------------------------------------------------------------------

def _review(ctx: ServiceContext, world: Setup, ref: str) -> int:
    rid, _ = ReviewService(ctx).create(ReviewInput(
        reference=ref, title="Child N", review_type=ReviewType.LCSPR, pseudonym="Child N",
        decision_date=dt.date(2025, 6, 2), commissioned_date=dt.date(2025, 7, 1),
        planned_publication_date=dt.date(2026, 6, 2)))
    return rid


def _recommendation(ctx: ServiceContext, world: Setup, ref: str) -> tuple[int, int]:
    rid = _review(ctx, world, ref)
    rec_id, _ = act.add_recommendation(ctx, rid, "Improve safer sleep advice")
    return rid, rec_id


def _action(ctx: ServiceContext, world: Setup, ref: str) -> tuple[int, int]:
    rid, rec_id = _recommendation(ctx, world, ref)
    saved = act.add_action(ctx, rec_id, act.ActionInput("Train health visitors", DUE, world.agencies["la"],
                                                       status=ActionStatus.ON_TRACK))
    return rid, saved.id


def _theme(ctx: ServiceContext, world: Setup, ref: str) -> int:
    theme_id, _ = lib.add_theme(ctx, THEME)
    rid = _review(ctx, world, ref)  # a review carrying the theme: a rename reaches the library too
    ReviewService(ctx).set_themes(rid, ReviewService(ctx).get(rid).version, [theme_id])
    return theme_id


def _agency(ctx: ServiceContext, world: Setup, ref: str) -> int:
    agency_id, _ = d.add_agency(ctx, AGENCY, AgencyKind.EDUCATION)
    return agency_id


def _person(ctx: ServiceContext, world: Setup, ref: str) -> int:
    person_id, _ = d.add_person(ctx, d.PersonInput(PERSON, "Head of Safeguarding", world.agencies["police"],
                                                   "sam.lowther@northshire.police.uk", panel_member=True))
    return person_id


# What a form shows --------------------------------------------------------------------------------------------

def _review_seen(ctx: ServiceContext, rid: int) -> Seen:
    review = ReviewService(ctx).get(rid)
    return Seen(review.version, review.summary, review)


def _recommendation_seen(ctx: ServiceContext, key: tuple[int, int]) -> Seen:
    rec = next(r for r in act.review_plan(ctx, key[0]).recommendations if r.id == key[1])
    return Seen(rec.version, rec.text, rec)


def _action_seen(ctx: ServiceContext, key: tuple[int, int]) -> Seen:
    action = next(a for a in act.review_plan(ctx, key[0]).actions if a.id == key[1])
    return Seen(action.version, action.description, action)


def _action_form(shown: act.ActionDTO, description: str) -> act.ActionInput:
    """The action form's values as shown, with the description edited."""
    return act.ActionInput(description, shown.due_date, shown.owner_agency_id, shown.expected_change, shown.status,
                           shown.evidence, shown.impact_check_date, shown.completed_date)


def _summary_seen(ctx: ServiceContext, rid: int) -> Seen:
    content = ls.get_content(ctx, rid)
    return Seen(content.version, content.about, content)


def _theme_seen(ctx: ServiceContext, theme_id: int) -> Seen:
    theme = next(t for t in lib.themes(ctx) if t.id == theme_id)
    return Seen(theme.version, theme.name, theme)


def _settings_seen(ctx: ServiceContext, key: str) -> Seen:
    snapshot = st.settings_snapshot(ctx)
    return Seen(snapshot.versions[key], getattr(snapshot.settings, key), snapshot)


def _setting(name: str, info: st.SettingInfo) -> Kind:
    """A free-text setting as the settings screen saves it: the one changed value, with the version shown."""
    return Kind(name, info.key.replace("_", " "), lambda ctx, world, ref: info.key, _settings_seen,
                lambda ctx, key, seen, text, token: st.save_settings(ctx, {key: text}, expected={key: seen.version}),
                max_chars=_room(info.max_length or 0, str(info.default)))


def _agency_seen(ctx: ServiceContext, agency_id: int) -> Seen:
    agency = d.get_agency(ctx, agency_id)
    return Seen(agency.version, agency.name, agency)


def _person_seen(ctx: ServiceContext, person_id: int) -> Seen:
    person = d.get_person(ctx, person_id)
    return Seen(person.version, person.name, person)


def _person_form(shown: d.PersonDTO, name: str) -> d.PersonInput:
    return d.PersonInput(name, shown.role, shown.agency_id, shown.email, shown.panel_member, shown.qas_member)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("review edit", "summary", _review, _review_seen,
         lambda ctx, rid, seen, text, token: ReviewService(ctx).update(rid, seen.version, summary=text)),
    Kind("recommendation", "text", _recommendation, _recommendation_seen,
         lambda ctx, key, seen, text, token: act.edit_recommendation(ctx, key[1], seen.version, text)),
    Kind("review action", "description", _action, _action_seen,
         lambda ctx, key, seen, text, token: act.edit_action(ctx, key[1], seen.version,
                                                             _action_form(seen.shown, text))),
    Kind("learning summary", "about (from none)", _review, _summary_seen,
         lambda ctx, rid, seen, text, token: ls.save_content(ctx, rid, seen.version, about=text)),
    Kind("theme rename", "name", _theme, _theme_seen,
         lambda ctx, theme_id, seen, text, token: lib.rename_theme(ctx, theme_id, seen.version, text),
         max_chars=_room(120, THEME)),
    _setting("settings", PARTNERSHIP),
    _setting("settings address", ADDRESS),
    Kind("directory agency", "name", _agency, _agency_seen,
         lambda ctx, agency_id, seen, text, token: d.update_agency(ctx, agency_id, seen.version, name=text),
         max_chars=_room(d.MAX_AGENCY_NAME, AGENCY)),
    Kind("directory person", "name", _person, _person_seen,
         lambda ctx, person_id, seen, text, token: d.update_person(ctx, person_id, seen.version,
                                                                   _person_form(seen.shown, text)),
         max_chars=_room(200, PERSON)),
)}

if __name__ == "__main__":  # pragma: no cover - run by hand for the report
    count = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("CONTENTION_SAVES", "100"))
    for result in run(sys.argv[1], saves=count, module="contention_library"):
        print(result.line())
