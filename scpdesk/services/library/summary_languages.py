"""A learning summary in Welsh, English or both (issue 17): the Welsh text, entered and saved separately from the
English (``learning_summary_text``, its own version), and the documents built in the chosen language.

A Welsh partnership publishes in Welsh and English, each written by a person (a translator), never one
machine-filled from the other. So a Welsh or bilingual document is built only from Welsh text someone entered:
a section printed in English with no Welsh (or, in a bilingual document, the reverse) is refused naming the
sections and the fix — never a silent English paragraph inside a Welsh document. The same holds for the review's
title, the actions of its plan and its themes (each one per line in the Welsh text, in the English order), and
the partnership's name (the ``partnership_name_cy`` setting). Names, references, the pseudonym, agencies' names
and dates are data, printed as they are (the renderer writes dates in the document's language).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ...models import Action, AuditEvent, LearningSummaryText, Recommendation, Review
from ...models.enums import ActionStatus
from ...models.reviews import LearningSummaryContent, review_theme
from ...reports.data import BilingualSummary, LearningSummary, SummaryAction
from ..dto import Changes
from ..uow import ServiceContext
from .learning_summary import (
    MAX_LIST_ITEMS,
    MAX_SECTION_CHARS,
    SECTIONS,
    SummarySource,
    _guard_identities,
    _lines,
    _normalise,
    check_export,
    english_summary,
    guard_publication,
    read_source,
    review_type_words,
    summary_places,
    write_document,
)

__all__ = ["EXPORT_LANGUAGES", "LANGUAGE_TAGS", "LAYOUTS", "SECTION_TITLES", "TEXT_FIELDS", "SummaryLanguagesDTO",
           "SummaryTextDTO", "document_data", "export_summary", "get_languages", "get_text", "review_type_words",
           "save_text", "welsh_summary"]

#: What an export may be written in: English, Welsh, or both in one document.
EXPORT_LANGUAGES = ("en", "cy", "bilingual")
#: How a bilingual document places the two languages.
LAYOUTS = ("side_by_side", "consecutive")
#: The languages stored beside the English (the English is ``learning_summary``'s).
TEXT_LANGUAGES = {"cy": "Welsh"}
#: The language tags the documents carry.
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB"}
#: Every field of the text in another language, in the order the editor shows them.
TEXT_FIELDS = ("title", *SECTIONS, "actions", "themes")
#: Each field as messages name it (the English headings of the editor).
SECTION_TITLES = {
    "title": "Title", "about": "About this review", "the_child": "The child", "what_happened": "What happened",
    "what_went_well": "What went well", "key_learning": "Key learning", "practice": "What this means for practice",
    "reflective_questions": "Reflective questions", "resources": "Further resources", "contacts": "Contacts",
    "actions": "Actions (the action plan)", "themes": "Themes",
}
MAX_TITLE_CHARS = 300
#: Lines the actions and themes may hold (one per action or theme).
MAX_ROWS = 200

_STATUS_CY = {ActionStatus.NOT_STARTED: "Heb ddechrau", ActionStatus.ON_TRACK: "Ar y trywydd iawn",
              ActionStatus.AT_RISK: "Mewn perygl", ActionStatus.OVERDUE: "Yn hwyr",
              ActionStatus.COMPLETE: "Wedi'i gwblhau"}
_MARKING_CY = {"OFFICIAL": "SWYDDOGOL", "OFFICIAL-SENSITIVE": "SWYDDOGOL-SENSITIF"}


@dataclass(frozen=True)
class SummaryTextDTO:
    """The text of a learning summary in one language other than English, as saved. ``version`` is 0 until the
    first save; pass it back to ``save_text``."""

    review_id: int
    language: str = "cy"
    version: int = 0
    title: str = ""
    about: str = ""
    the_child: str = ""
    what_happened: str = ""
    what_went_well: str = ""
    key_learning: str = ""
    practice: str = ""
    reflective_questions: str = ""
    resources: str = ""
    contacts: str = ""
    #: The plan's actions in this language, one per line, in the plan's order.
    actions: str = ""
    #: The review's themes in this language, one per line, in the order the English prints them.
    themes: str = ""
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    def values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_FIELDS}


@dataclass(frozen=True)
class SummaryLanguagesDTO:
    """What the Welsh editor shows: each field's English as printed (read-only there) beside the saved Welsh."""

    review_id: int
    reference: str
    #: field -> the English printed for it (sections with their fall-backs; actions and themes one per line).
    english: dict[str, str]
    welsh: SummaryTextDTO
    #: The partnership's name in Welsh ("" when not given: Welsh documents are refused until it is).
    partnership_name_cy: str
    #: The sections (and the title) whose English was changed after their Welsh was last written: the Welsh may no
    #: longer say the same. A prompt to check, never a refusal (the Welsh may need no change).
    english_newer: tuple[str, ...] = ()


def _text_row(s: Session, review_id: int, language: str, *, for_update: bool = False) -> LearningSummaryText | None:
    query = select(LearningSummaryText).where(LearningSummaryText.review_id == review_id,
                                              LearningSummaryText.language == language)
    if for_update:
        query = query.with_for_update()
    return s.scalars(query).one_or_none()


def _text_dto(review_id: int, language: str, row: LearningSummaryText | None) -> SummaryTextDTO:
    if row is None:
        return SummaryTextDTO(review_id=review_id, language=language)
    return SummaryTextDTO(review_id=review_id, language=language, version=row.version, updated_by=row.updated_by,
                          updated_at=row.updated_at, **{name: getattr(row, name) or "" for name in TEXT_FIELDS})


def _language(language: str) -> str:
    if language not in TEXT_LANGUAGES:
        raise UserError("language", "the text of a learning summary is entered in English on the review, or in "
                                    "Welsh (cy) here")
    return language


def get_text(ctx: ServiceContext, review_id: int, language: str = "cy") -> SummaryTextDTO:
    """The saved Welsh text of a review's learning summary (empty, version 0, if none was saved yet)."""
    _language(language)
    with ctx.read() as s:
        if s.get(Review, review_id) is None:
            raise NotFoundError("review", review_id)
        return _text_dto(review_id, language, _text_row(s, review_id, language))


def _english_fields(src: SummarySource) -> dict[str, str]:
    data = english_summary(src)
    found = {name: getattr(data, name) for name in SECTIONS}
    found.update(title=data.title, key_learning="\n".join(data.key_learning),
                 reflective_questions="\n".join(data.reflective_questions),
                 actions="\n".join(" ".join(a.action.split()) for a in data.actions),
                 themes="\n".join(data.themes))
    return found


def get_languages(ctx: ServiceContext, review_id: int) -> SummaryLanguagesDTO:
    """The English of each field as printed beside its saved Welsh, read in one go (the Welsh editor)."""
    with ctx.read() as s:
        src = read_source(s, review_id)
        welsh = _text_dto(review_id, "cy", _text_row(s, review_id, "cy"))
        newer = english_newer(s, review_id, "cy")
    return SummaryLanguagesDTO(review_id=review_id, reference=src.reference, english=_english_fields(src),
                               welsh=welsh, partnership_name_cy=src.settings.partnership_name_cy,
                               english_newer=newer)


def english_newer(s: Session, review_id: int, language: str) -> tuple[str, ...]:
    """The fields (``TEXT_FIELDS`` order) with text in ``language`` whose English — a section of the review's
    learning summary, or the review's title — was changed (audited) after that field in ``language`` was last
    written. The actions and themes are ``_changed_since_welsh``'s (refused, as their lines would move)."""
    row = _text_row(s, review_id, language)
    if row is None:
        return ()
    summary_id = s.scalar(select(LearningSummaryContent.id).where(LearningSummaryContent.review_id == review_id))
    written: dict[str, dt.datetime] = {field: at for field, at in s.execute(
        select(AuditEvent.field, func.max(AuditEvent.occurred_at)).where(
            AuditEvent.entity == "learning_summary_text", AuditEvent.entity_id == str(row.id))
        .group_by(AuditEvent.field))}
    places = [(AuditEvent.entity == "review") & (AuditEvent.entity_id == str(review_id))
              & (AuditEvent.field == "title")]
    if summary_id is not None:
        places.append((AuditEvent.entity == "learning_summary") & (AuditEvent.entity_id == str(summary_id)))
    changed: dict[str, dt.datetime] = {field: at for field, at in s.execute(
        select(AuditEvent.field, func.max(AuditEvent.occurred_at)).where(or_(*places)).group_by(AuditEvent.field))}
    found = []
    for name in ("title", *SECTIONS):
        english_at, welsh_at = changed.get(name), written.get(name) or row.updated_at
        if getattr(row, name).strip() and english_at is not None and welsh_at is not None and english_at > welsh_at:
            found.append(name)
    return tuple(found)


def _clean(values: dict[str, object]) -> dict[str, str]:
    unknown = sorted(set(values) - set(TEXT_FIELDS))
    if unknown:
        raise UserError(unknown[0], "this is not a section of a learning summary")
    cleaned: dict[str, str] = {}
    errors: list[UserError] = []
    for name, value in values.items():
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.append(UserError(name, "must be text"))
            continue
        text = _normalise(value)
        if name == "title":
            text = " ".join(text.split())
            if len(text) > MAX_TITLE_CHARS:
                errors.append(UserError(name, f"is {len(text)} characters long; keep it to {MAX_TITLE_CHARS}"))
        elif len(text) > MAX_SECTION_CHARS:
            errors.append(UserError(name, f"is {len(text):,} characters long; keep it under "
                                          f"{MAX_SECTION_CHARS:,} (link to the full report for more)"))
        elif name in ("key_learning", "reflective_questions") and len(_lines(text)) > MAX_LIST_ITEMS:
            errors.append(UserError(name, f"has {len(_lines(text))} lines; keep it to {MAX_LIST_ITEMS} or fewer"))
        elif name in ("actions", "themes") and len(_rows(text)) > MAX_ROWS:
            errors.append(UserError(name, f"has {len(_rows(text))} lines; keep it to {MAX_ROWS} or fewer"))
        cleaned[name] = text
    if errors:
        raise ValidationErrors(errors)
    return cleaned


def save_text(ctx: ServiceContext, review_id: int, language: str, expected_version: int, **fields: str) -> Changes:
    """Create or update the Welsh text of a review's learning summary.

    ``expected_version`` is the version the user opened (0 when nothing was saved); if someone saved since,
    ConflictError naming who. Fields not given keep their saved value. Control characters are dropped, lengths
    checked and identity values refused as for the English; each change is audited.
    """
    _language(language)
    cleaned = _clean(dict(fields))
    try:
        _guard_identities(ctx, review_id, [(name, f"the Welsh {SECTION_TITLES[name].lower()}", value)
                                           for name, value in cleaned.items()], "learning summary edit (Welsh)")
    except NotFoundError:
        raise
    except UserError as exc:
        raise ValidationErrors([UserError(exc.field, exc.message + "; published summaries use the pseudonym "
                                                                   "only and no identity detail")]) from exc
    try:
        return _save_text(ctx, review_id, language, expected_version, cleaned)
    except ConflictError as exc:
        if exc.changed_by:
            raise
        with ctx.read() as s:  # a clash found at the write itself: say who saved, read afresh
            row = _text_row(s, review_id, language)
            if row is None:
                raise
            raise ConflictError("Welsh learning summary", review_id, row.updated_by,
                                f"{row.updated_at:%d/%m/%Y %H:%M} UTC") from exc


def _save_text(ctx: ServiceContext, review_id: int, language: str, expected_version: int,
               cleaned: dict[str, str]) -> Changes:
    with ctx.unit_of_work() as s:
        if s.get(Review, review_id) is None:
            raise NotFoundError("review", review_id)
        row = _text_row(s, review_id, language, for_update=not ctx.db.is_sqlite)
        if (row.version if row is not None else 0) != expected_version:
            raise ConflictError("Welsh learning summary", review_id, row.updated_by if row else None,
                                f"{row.updated_at:%d/%m/%Y %H:%M} UTC" if row else None)
        if row is None:
            row = LearningSummaryText(review_id=review_id, language=language, **{name: "" for name in TEXT_FIELDS})
            s.add(row)
        for name, value in cleaned.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        try:
            s.flush()
        except IntegrityError as exc:  # someone else created the Welsh text at the same moment
            raise ConflictError("Welsh learning summary", review_id) from exc
        return Changes.of("learning_summary", review_id) | Changes.of("review", review_id)


# Documents ------------------------------------------------------------------------------------------------

def _changed_since_welsh(s: Session, review_id: int, language: str) -> dict[str, dt.datetime]:
    """Whether the English list a Welsh field's lines are matched to by position changed after that field was
    last written: "actions" — an action added to the review's plan; "themes" — the review's themes chosen again
    or one of them renamed (one removed and one added keeps the count but moves the lines). field -> when."""
    row = _text_row(s, review_id, language)
    if row is None:
        return {}

    def written(name: str) -> dt.datetime:
        return s.scalar(select(func.max(AuditEvent.occurred_at)).where(
            AuditEvent.entity == "learning_summary_text", AuditEvent.entity_id == str(row.id),
            AuditEvent.field == name)) or row.updated_at

    found: dict[str, dt.datetime] = {}
    if row.actions.strip():
        newest = s.scalar(select(func.max(Action.created_at)).join(
            Recommendation, Action.recommendation_id == Recommendation.id).where(Recommendation.review_id == review_id))
        # The recommendations reordered (their actions move in the English order, the count unchanged), or an action
        # moved to another recommendation: the audit of their positions and of the action's recommendation.
        of_review = Recommendation.review_id == review_id
        recommendation_ids = [str(i) for i in s.scalars(select(Recommendation.id).where(of_review))]
        action_ids = [str(i) for i in s.scalars(select(Action.id).join(
            Recommendation, Action.recommendation_id == Recommendation.id).where(of_review))]
        moved = s.scalar(select(func.max(AuditEvent.occurred_at)).where(or_(
            (AuditEvent.entity == "recommendation") & AuditEvent.entity_id.in_(recommendation_ids)
            & (AuditEvent.field == "position"),
            (AuditEvent.entity == "action") & AuditEvent.entity_id.in_(action_ids)
            & (AuditEvent.field == "recommendation_id"))))
        newest = max((t for t in (newest, moved) if t is not None), default=None)
        if newest is not None and newest > written("actions"):
            found["actions"] = newest
    if row.themes.strip():
        theme_ids = [str(i) for i in s.scalars(select(review_theme.c.theme_id).where(
            review_theme.c.review_id == review_id))]
        newest = s.scalar(select(func.max(AuditEvent.occurred_at)).where(or_(
            (AuditEvent.entity == "review") & (AuditEvent.entity_id == str(review_id)) & (AuditEvent.field == "themes"),
            (AuditEvent.entity == "theme") & AuditEvent.entity_id.in_(theme_ids) & (AuditEvent.field == "name"))))
        if newest is not None and newest > written("themes"):
            found["themes"] = newest
    return found


def _rows(value: str) -> tuple[str, ...]:
    """One item per non-blank line (actions and themes: no numbering to strip)."""
    return tuple(line.strip() for line in value.split("\n") if line.strip())


def welsh_summary(src: SummarySource, text: SummaryTextDTO) -> LearningSummary:
    """The Welsh learning summary: every printed word from the Welsh text and the Welsh settings; the data
    (pseudonym, reference, agencies, dates, logo) as they are."""
    english = english_summary(src)
    welsh_actions = _rows(text.actions)
    statuses = [status for *_rest, status in src.actions]
    actions = tuple(SummaryAction(action=words, owner=a.owner, due=a.due, status=_STATUS_CY.get(status, str(status)))
                    for words, a, status in zip(welsh_actions, english.actions, statuses, strict=False))
    return replace(
        english,
        partnership=src.settings.partnership_name_cy,
        title=text.title,
        review_type_label=review_type_words(src.review_type, "cy"),
        marking=_MARKING_CY.get(english.marking, english.marking),
        about=text.about, the_child=text.the_child, what_happened=text.what_happened,
        what_went_well=text.what_went_well, key_learning=_lines(text.key_learning), practice=text.practice,
        reflective_questions=_lines(text.reflective_questions), actions=actions, themes=_rows(text.themes),
        resources=text.resources, contacts=text.contacts, language=LANGUAGE_TAGS["cy"],
        pseudonym=english.pseudonym if src.pseudonym.strip() else text.title,
    )


def _missing(english: dict[str, str], welsh: dict[str, str], *, both_ways: bool) -> tuple[list[str], list[str]]:
    """(fields with English but no Welsh, fields with Welsh but no English — counted only ``both_ways``); the
    actions and themes also when their counts differ."""
    no_welsh: list[str] = []
    no_english: list[str] = []
    for name in TEXT_FIELDS:
        has_en, has_cy = bool(english.get(name, "").strip()), bool(welsh.get(name, "").strip())
        if name in ("actions", "themes") and has_en and has_cy:
            count_en, count_cy = len(_rows(english[name])), len(_rows(welsh[name]))
            if count_en != count_cy:
                noun = "actions" if name == "actions" else "themes"
                no_welsh.append(f"{SECTION_TITLES[name]} ({count_en} {noun} in English, {count_cy} lines in Welsh: "
                                f"one line per {noun[:-1]}, in the English order)")
            continue
        if has_en and not has_cy:
            no_welsh.append(SECTION_TITLES[name])
        elif has_cy and not has_en and both_ways:
            no_english.append(SECTION_TITLES[name])
    return no_welsh, no_english


def document_data(ctx: ServiceContext, review_id: int, language: str = "en", layout: str = "side_by_side"
                  ) -> LearningSummary | BilingualSummary:
    """What a learning summary document prints in ``language`` ("en", "cy" or "bilingual"; a bilingual one laid
    out ``layout``, the languages in the order the ``bilingual_first`` setting gives).

    Refused (UserError naming every section and the fix): a Welsh or bilingual document when a section has English
    but no Welsh, the actions or themes differ in number, or the partnership's Welsh name is not set; a bilingual
    one also when a section has Welsh but no English. Refused as ``summary_data`` is for identity values, in
    either language."""
    if language not in EXPORT_LANGUAGES:
        raise UserError("language", "choose en (English), cy (Welsh) or bilingual")
    if layout not in LAYOUTS:
        raise UserError("layout", "choose side_by_side or consecutive")
    with ctx.read() as s:
        src = read_source(s, review_id)
        text = _text_dto(review_id, "cy", _text_row(s, review_id, "cy")) if language != "en" else None
        changed = _changed_since_welsh(s, review_id, "cy") if language != "en" else {}
    english = english_summary(src)
    if text is None:
        guard_publication(ctx, review_id, list(summary_places(english)))
        return english
    no_welsh, no_english = _missing(_english_fields(src), text.values(), both_ways=language == "bilingual")
    problems: list[UserError] = []
    if no_welsh:
        problems.append(UserError("Welsh text", "missing for " + "; ".join(no_welsh) + ". Enter it with \"Welsh "
                                  "text…\" on the review's Learning summary tab (or 'scpdesk learning-summary' "
                                  "in English), then export again"))
    if no_english:
        problems.append(UserError("English text", "missing for " + "; ".join(no_english) + ". Enter the English on "
                                  "the review's Learning summary tab (or clear the Welsh), then export again"))
    for name, when in changed.items():
        if any(item.startswith(SECTION_TITLES[name]) for item in no_welsh):
            continue  # already named: their Welsh is missing or their count differs
        what = ("the plan's actions were added to or put in another order" if name == "actions"
                else "the review's themes were changed")
        problems.append(UserError("Welsh text", f"{SECTION_TITLES[name]}: {what} on {when:%d/%m/%Y %H:%M} UTC, "
                                  f"after the Welsh {name} were written, so a Welsh line may now stand for another "
                                  f"of the {name}. Check that each Welsh line says its English one, in the English "
                                  "order, and save the Welsh text again, then export again"))
    if not src.settings.partnership_name_cy.strip():
        problems.append(UserError("partnership_name_cy", "the partnership's name in Welsh is not set: enter it in "
                                  "Settings, Partnership (or 'scpdesk settings set partnership-name-cy NAME')"))
    if problems:
        raise ValidationErrors(problems)
    welsh = welsh_summary(src, text)
    places = [(field, f"{where} (Welsh)", value) for field, where, value in summary_places(welsh)]
    if language == "cy":
        guard_publication(ctx, review_id, places)
        return welsh
    guard_publication(ctx, review_id, [*summary_places(english), *places])
    first, second = (welsh, english) if src.settings.first_language == "cy" else (english, welsh)
    return BilingualSummary(first=first, second=second, layout=layout)




def export_summary(ctx: ServiceContext, review_id: int, out: Path, *, fmt: str = "pdf", briefing: bool = False,
                   language: str = "en", layout: str = "side_by_side") -> int | None:
    """Write the learning summary or 7-minute briefing (``fmt`` "pdf" or "html") in ``language`` ("en", "cy" or
    "bilingual", laid out ``layout``) to ``out``, whole or not at all, audited before the file appears. Returns the
    page count of a PDF. Refused as ``document_data`` says before any file is made."""
    out = check_export(out, fmt, briefing)
    data = document_data(ctx, review_id, language, layout)
    return write_document(ctx, review_id, out, data, fmt=fmt, briefing=briefing, language=language)
