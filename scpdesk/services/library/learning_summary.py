"""Learning summary use cases: edit the structured sections of a review's learning summary, and gather what
the learning summary PDF, the 7-minute briefing and the website HTML print (``scpdesk.reports.data``).

Published outputs print only the pseudonym (domain.md §5, §7): nothing here reads the child's identity record
except to refuse text that contains any of its values (name, date of birth in any written form, NHS number,
address lines, postcode) or an NHS-number-shaped string; that check is itself audited as an identity read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ...errors import ConflictError, NotFoundError, StorageError, UserError, ValidationErrors
from ...models import Agency, ChildIdentity, LearningSummaryContent, Recommendation, ReferralChild, Review
from ...models.audit import record
from ...models.enums import ActionStatus, AuditAction, ReviewType, label
from ...models.validation import storable
from ...reports.data import BilingualSummary, LearningSummary, SummaryAction
from ..dto import Changes
from ..settings import OrganisationSettings, load_logo, load_settings
from ..spreadsheet import safe_output
from ..uow import ServiceContext

__all__ = ["EXPORT_FORMATS", "SECTIONS", "LearningSummaryContentDTO", "get_content", "record_export",
           "review_id_by_ref", "save_content", "summary_data"]

#: The editable sections, in the order they are printed.
SECTIONS = ("about", "the_child", "what_happened", "what_went_well", "key_learning", "practice",
            "reflective_questions", "resources", "contacts")
#: Longest text a section may hold (a learning summary is a short document; this leaves ample room).
MAX_SECTION_CHARS = 20_000
#: At most this many learning points and reflective questions (one per line).
MAX_LIST_ITEMS = 30
#: What ``record_export`` accepts, and the audit action each is recorded as.
EXPORT_FORMATS = {"pdf": AuditAction.PRINT, "briefing": AuditAction.PRINT, "html": AuditAction.EXPORT}

#: Review types as the documents name them, in English and Welsh. The nations' types (migration 0012) are keyed by
#: value, so the words stand whichever rule set added them.
TYPE_WORDS: dict[str, dict[str, str]] = {
    "en": {"lcspr": "Local Child Safeguarding Practice Review", "learning_summary": "Learning summary",
           "plr": "Practice learning review", "thematic": "Thematic review", "joint": "Joint thematic review",
           "national": "National review", "cpr_concise": "Concise Child Practice Review",
           "cpr_extended": "Extended Child Practice Review", "learning_review": "Learning Review",
           "cmr": "Case Management Review"},
    "cy": {"lcspr": "Adolygiad Ymarfer Diogelu Plant Lleol", "learning_summary": "Crynodeb dysgu",
           "plr": "Adolygiad dysgu ymarfer", "thematic": "Adolygiad thematig",
           "joint": "Adolygiad thematig ar y cyd", "national": "Adolygiad cenedlaethol",
           "cpr_concise": "Adolygiad Ymarfer Plant Cryno", "cpr_extended": "Adolygiad Ymarfer Plant Estynedig",
           "learning_review": "Adolygiad Dysgu", "cmr": "Adolygiad Rheoli Achos"},
}


def review_type_words(review_type: ReviewType | str, language: str = "en") -> str:
    """The review type as a document in ``language`` ("en" or "cy") names it."""
    value = str(review_type)
    return TYPE_WORDS[language].get(value) or TYPE_WORDS["en"].get(value) or label(ReviewType(value))
#: A number or bullet a user typed at the start of a line ("1.", "2)", "-", "•"): printing numbers them anyway.
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–])\s+")


@dataclass(frozen=True)
class LearningSummaryContentDTO:
    """The sections as saved. ``version`` is 0 until the first save; pass it back to ``save_content``."""

    review_id: int
    version: int = 0
    about: str = ""
    the_child: str = ""
    what_happened: str = ""
    what_went_well: str = ""
    #: One learning point per line.
    key_learning: str = ""
    practice: str = ""
    #: One question per line.
    reflective_questions: str = ""
    resources: str = ""
    contacts: str = ""
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in SECTIONS)


def _review(s: Session, review_id: int) -> Review:
    review = s.get(Review, review_id)
    if review is None:
        raise NotFoundError("review", review_id)
    return review


def _row(s: Session, review_id: int, *, for_update: bool = False) -> LearningSummaryContent | None:
    query = select(LearningSummaryContent).where(LearningSummaryContent.review_id == review_id)
    if for_update:
        query = query.with_for_update()
    return s.scalars(query).one_or_none()


def _dto(review_id: int, row: LearningSummaryContent | None) -> LearningSummaryContentDTO:
    if row is None:
        return LearningSummaryContentDTO(review_id=review_id)
    return LearningSummaryContentDTO(review_id=review_id, version=row.version, updated_by=row.updated_by,
                                     updated_at=row.updated_at, **{name: getattr(row, name) or "" for name in SECTIONS})


def get_content(ctx: ServiceContext, review_id: int) -> LearningSummaryContentDTO:
    """The saved sections of a review's learning summary (empty, version 0, if none were saved yet)."""
    with ctx.read() as s:
        _review(s, review_id)
        return _dto(review_id, _row(s, review_id))


def review_id_by_ref(ctx: ServiceContext, ref: str) -> int:
    """The id of the review with reference ``ref`` (exact, else ignoring case); NotFoundError if none."""
    wanted = (ref or "").strip()
    if not storable(wanted):
        raise NotFoundError("review", "(a reference with characters no reference holds)")
    with ctx.read() as s:
        found = s.scalar(select(Review.id).where(Review.reference == wanted))
        if found is None and wanted:
            matches = s.scalars(select(Review.id).where(func.lower(Review.reference) == wanted.lower())).all()
            found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise NotFoundError("review", wanted or "(no reference)")
    return found


def _normalise(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _lines(value: str) -> tuple[str, ...]:
    """One item per non-blank line, without any number or bullet the user typed."""
    return tuple(item for item in (_LIST_MARK.sub("", line).strip() for line in value.split("\n")) if item)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
#: The months in Welsh as a date may be written in a Welsh summary (issue 17): the name, its usual abbreviation,
#: and the soft-mutated form it takes after "o" ("1af o Fawrth"), longest first; by month number.
_MONTHS_CY = (r"ionawr|ion", r"chwefror|chwef", r"[mf]awrth|[mf]aw", r"ebrill|ebr", r"[mf]ai",
              r"[mf]ehefin|[mf]eh", r"g?orffennaf|g?orff?", r"awst", r"[mf]edi", r"hydref|hyd",
              r"[td]achwedd|[td]ach", r"r(?:h)?agfyr|r(?:h)?ag")
_MONTHS_CY_RE = tuple(re.compile(rf"(?:{m})\.?", re.IGNORECASE) for m in _MONTHS_CY)
#: "1st", "2nd", … and the Welsh ordinals ("1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain").
_ORDINAL = r"(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"
_SEP = r"[\s\-]?"
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
#: NHS-number-shaped text: grouped 3-3-4 (always refused: that is how NHS numbers are written), or a bare run
#: of ten digits whose last digit is a valid NHS modulus-11 check digit (other ten-digit numbers pass).
_NHS_GROUPED = re.compile(r"(?<![\d-])\d{3}[ \-]\d{3}[ \-]\d{4}(?![\d-])")
_NHS_BARE = re.compile(r"(?<!\d)\d{10}(?!\d)")


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus-11 check (weights 10..2 on the first nine digits)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return (0 if check == 11 else check) == int(digits[9]) and check != 10


def _words(value: str) -> str:
    """A phrase as a pattern: its words in order, any spacing or punctuation between them, whole words."""
    words = re.findall(r"\w+", value)
    return r"(?<!\w)" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?!\w)" if words else ""


#: Welsh initial mutations: a radical first sound and the forms a following word gives it (soft, nasal, aspirate):
#: "i Gatrin", "gyda Chatrin", "fy Nghatrin" are all Catrin; longest radicals first.
_MUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ll", ("l",)), ("rh", ("r",)), ("p", ("b", "mh", "ph")), ("t", ("d", "nh", "th")), ("c", ("g", "ngh", "ch")),
    ("b", ("f", "m")), ("d", ("dd", "n")), ("g", ("", "ng")), ("m", ("f",)))
_VOWELS = "aeiouwyâêîôûŵŷáéíóúàèìòùäëïöü"


def _mutated(word: str) -> list[str]:
    """``word`` (lower case) and the forms Welsh mutation gives it, longest first (an h before a vowel too)."""
    low = word.lower()
    out = {low}
    for radical, forms in _MUTATIONS:
        if low.startswith(radical):
            out |= {form + low[len(radical):] for form in forms}
            break
    if low[:1] in _VOWELS:
        out.add("h" + low)
    return sorted((w for w in out if len(w) >= 2), key=lambda w: (-len(w), w))


def _radicals(token: str) -> set[str]:
    """The words ``token`` (lower case) may be a Welsh mutation of, itself included."""
    out = {token}
    for radical, forms in _MUTATIONS:
        for form in forms:
            if form and token.startswith(form) and len(token) > len(form) + 1:
                out.add(radical + token[len(form):])
    if token[:1] in _VOWELS:
        out.add("g" + token)
    if token[:1] == "h" and token[1:2] in _VOWELS:
        out.add(token[1:])
    return out


def _name(value: str) -> str:
    """A name as a pattern: ``_words``, its first word also in any mutated form (a Welsh text names Catrin
    "Gatrin", "Chatrin" or "Nghatrin" after some words)."""
    words = re.findall(r"\w+", value)
    if not words:
        return ""
    first = "|".join(re.escape(w) for w in _mutated(words[0]))
    return r"(?<!\w)(?:" + first + ")" + "".join(r"[\W_]+" + re.escape(w) for w in words[1:]) + r"(?!\w)"


def _date_patterns(day: dt.date) -> list[str]:
    d, m, y = rf"0?{day.day}", rf"0?{day.month}", rf"(?:{day.year}|{day.year % 100:02d})"
    month = _MONTHS[day.month - 1]
    name = rf"(?:{month}|{month[:3]}\.?{'|sept' if day.month == 9 else ''}|(?:{_MONTHS_CY[day.month - 1]})\.?)"
    nth = _ORDINAL
    return [rf"(?<!\d){d}\s*[/.\- ]\s*{m}\s*[/.\- ]\s*{y}(?!\d)",  # 03/02/2015, 3.2.15, 3-2-2015
            rf"(?<!\d){day.year}\s*[/.\-]\s*{m}\s*[/.\-]\s*{d}(?!\d)",  # 2015-02-03
            # 3 February 2015, 3rd of Feb 2015, 3ydd Chwefror 2015, 3ydd o Chwef. 2015
            rf"(?<!\d){d}{nth}\s+(?:of\s+|o\s+)?{name}(?!\w),?\s+{y}(?!\d)",
            rf"\b{name}\s+{d}{nth},?\s+{y}(?!\d)"]  # February 3, 2015


def _identity_patterns(rows: list[tuple[str, dt.date | None, str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    """(what, pattern) for every identity value of the children: names, date of birth in its usual written
    forms, NHS number with or without spaces, address lines and postcode (case and spacing ignored)."""
    found: list[tuple[str, str]] = []
    for full_name, born, nhs, address in rows:
        parts = re.findall(r"\w+", full_name or "")
        if len("".join(parts)) >= 3:
            found.append(("name", _name(full_name)))
            if len(parts) >= 3:  # without the middle names
                found.append(("name", _name(f"{parts[0]} {parts[-1]}")))
        if born is not None:
            found += [("date of birth", p) for p in _date_patterns(born)]
        digits = re.sub(r"\D", "", nhs or "")
        if len(digits) >= 6:
            found.append(("NHS number", r"(?<!\d)" + _SEP.join(digits) + r"(?!\d)"))
        for line in re.split(r"[,\n;]+", address or ""):
            for outward, inward in _POSTCODE.findall(line):
                found.append(("postcode", rf"\b{outward}\s*{inward}\b"))
            rest = _POSTCODE.sub(" ", line).strip()
            # A line with a number or two words or more (a single word is usually the town, which a published
            # summary may name as the partnership's area).
            if len(rest) >= 4 and (re.search(r"\d", rest) or len(re.findall(r"\w+", rest)) >= 2):
                found.append(("address", _words(rest)))
    return [(what, re.compile(pattern, re.IGNORECASE)) for what, pattern in found if pattern]


def _identity_hit(value: str, patterns: list[tuple[str, re.Pattern[str]]]) -> str | None:
    """Which identity value of a linked child ``value`` contains, if any."""
    return next((what for what, pattern in patterns if pattern.search(value)), None)


#: Words of a text, as the server's identity check splits them: runs of anything but whitespace and ASCII
#: punctuation, lower-cased (the same class in ``scpdesk_identity_hits``, scpdesk/models/roles.py).
_TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~]+")
#: Word needles (names, address lines) are compared on at most this many leading words (both sides).
MAX_NEEDLE_WORDS = 8
_MONTH_WORD = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" + "|".join(_MONTHS_CY) + r")(?!\w)")
_NTH = _ORDINAL
_DATES = (  # (pattern, order of its day, month, year groups); looked for at every position (overlaps too)
    (re.compile(r"(?=(?<!\d)(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4}|\d{2})(?!\d))"), "dmy"),
    (re.compile(r"(?=(?<!\d)(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?!\d))"), "ymd"),
    (re.compile(rf"(?=(?<!\d)(\d{{1,2}}){_NTH}\s+(?:of\s+|o\s+)?{_MONTH_WORD}\.?,?\s+(\d{{4}}|\d{{2}})(?!\d))",
                re.IGNORECASE), "dMy"),
    (re.compile(rf"(?=\b{_MONTH_WORD}\.?\s+(\d{{1,2}}){_NTH},?\s+(\d{{4}}|\d{{2}})(?!\d))", re.IGNORECASE),
     "Mdy"),
)
_DIGIT_RUN = re.compile(r"[0-9](?:[\s\-]?[0-9])*")


def _date_key(day: str, month: str, year: str) -> str:
    if not month.isdigit():
        welsh = next((i for i, name in enumerate(_MONTHS_CY_RE, 1) if name.fullmatch(month)), None)
        month = str(welsh or next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower()[:3])))
    return f"d:{year}-{int(month):02d}-{int(day):02d}"


def identity_candidates(value: str) -> set[str]:
    """Every normalised piece of ``value`` that could be an identity value, in the form the server's
    ``scpdesk_identity_hits`` compares with the children's values: word n-grams (``w:``, names and address
    lines), adjacent word pairs run together (``p:``, postcodes), dates in their usual written forms (``d:``,
    year as written: four or two digits) and digit runs with or without spaces or hyphens (``n:``)."""
    tokens = [t.lower() for t in _TOKEN.findall(value)]
    found = {"w:" + " ".join(tokens[i:i + n]) for i in range(len(tokens))
             for n in range(1, MAX_NEEDLE_WORDS + 1) if i + n <= len(tokens)}
    found |= {"p:" + t for t in tokens} | {"p:" + a + b for a, b in zip(tokens, tokens[1:], strict=False)}
    for i, token in enumerate(tokens):  # a name whose first sound Welsh mutated ("i Gatrin Powell")
        for radical in _radicals(token) - {token} if token.isalpha() else ():
            found |= {"w:" + " ".join([radical, *tokens[i + 1:i + n]]) for n in range(1, MAX_NEEDLE_WORDS + 1)
                      if i + n <= len(tokens)}
    for pattern, order in _DATES:
        for m in pattern.finditer(value):
            parts = dict(zip(order.lower(), m.groups(), strict=True))
            found.add(_date_key(parts["d"], parts["m"], parts["y"]))
    for run in _DIGIT_RUN.findall(value):
        groups = re.split(r"[\s\-]", run)
        for i in range(len(groups)):
            digits = ""
            for group in groups[i:]:
                digits += group
                if len(digits) > 24:
                    break
                found.add("n:" + digits)
    return found


_SHAPED = (re.compile(r"d:"), re.compile(r"p:[a-z]{1,2}[0-9][a-z0-9]?[0-9][a-z]{2}\Z"), re.compile(r"n:[0-9]{6,}\Z"))


def _hits_batches(candidates: list[str]) -> list[list[str]]:
    """The candidates in batches the server takes: at most ``HITS_LIMIT`` dates, postcode-shaped pairs and long
    numbers each per call (the same shapes as ``roles._SHAPED``); everything else goes with the first batch."""
    from ...models.roles import HITS_LIMIT

    kinds: list[list[str]] = [[] for _ in _SHAPED]
    plain: list[str] = []
    for candidate in candidates:
        shape = next((i for i, pattern in enumerate(_SHAPED) if pattern.match(candidate)), None)
        (plain if shape is None else kinds[shape]).append(candidate)
    rounds = max([1, *(-(-len(k) // HITS_LIMIT) for k in kinds)])
    return [[*(plain if n == 0 else []), *(c for k in kinds for c in k[n * HITS_LIMIT:(n + 1) * HITS_LIMIT])]
            for n in range(rounds)]


def _server_hits(s: Session, referral_id: int, places: list[tuple[str, str, str]]
                 ) -> tuple[list[int], list[str | None]]:
    """For a server login without the identity role: the server compares (``scpdesk_identity_hits``, SECURITY
    DEFINER) and answers which candidates are identity values and of what kind, and which identity records it
    checked; never a value. Returns (identity ids, what was found in each place or None)."""
    per_place = [identity_candidates(value) for _field, _where, value in places]
    everything = sorted(set().union(*per_place)) if per_place else []
    result = [row for batch in _hits_batches(everything) for row in s.execute(
        text("SELECT identity_id, kind, candidate FROM scpdesk_identity_hits(:r, :c)"),
        {"r": referral_id, "c": batch}).all()]
    ids = sorted({r.identity_id for r in result})
    kinds = {r.candidate: r.kind for r in result if r.candidate is not None}
    return ids, [next((kinds[c] for c in sorted(found) if c in kinds), None) for found in per_place]


def _nhs_shaped(value: str) -> bool:
    return bool(_NHS_GROUPED.search(value)) or any(nhs_check_digit_ok(m) for m in _NHS_BARE.findall(value))


def _guard_identities(ctx: ServiceContext, review_id: int, places: list[tuple[str, str, str]], purpose: str) -> None:
    """Refuse (UserError naming the section and field) text that holds any identity value of the children in
    the review's referral, or an NHS-number-shaped string. Reading the identities is audited as an identity
    read of each child's record: what was checked and the outcome, never a value.

    A server login without the identity role cannot read the identities: the server checks for it
    (``_server_hits``); if that check cannot run, the export is refused, never let through unchecked."""
    with ctx.unit_of_work() as s:
        review = _review(s, review_id)
        found: list[str | None] = [None] * len(places)
        ids: list[int] = []
        if review.referral_id is not None and not ctx.access.identity:
            ids, found = _server_hits(s, review.referral_id, places)
        elif review.referral_id is not None:
            rows = s.execute(
                select(ChildIdentity.id, ChildIdentity.full_name, ChildIdentity.date_of_birth,
                       ChildIdentity.nhs_number, ChildIdentity.address)
                .join(ReferralChild, ChildIdentity.child_id == ReferralChild.id)
                .where(ReferralChild.referral_id == review.referral_id).order_by(ChildIdentity.id)).all()
            ids = [row[0] for row in rows]
            patterns = _identity_patterns([(r[1], r[2], r[3], r[4]) for r in rows])
            found = [_identity_hit(value, patterns) for _field, _where, value in places]
        found = [what or ("NHS-number-shaped number" if _nhs_shaped(value) else None)
                 for what, (_field, _where, value) in zip(found, places, strict=True)]
        hit = next(((field, where, what) for (field, where, _value), what in zip(places, found, strict=True)
                    if what), None)
        outcome = f"{purpose} of review {review_id}: " + (
            f"refused, {hit[2]} found in {hit[1]}" if hit else "no identity value found")
        for identity_id in ids:
            record(s, AuditAction.READ, "child_identity", identity_id, field="publication_check", new=outcome)
    if hit:
        field, where, what = hit
        raise UserError(field, f"{where} contains a number written like an NHS number"
                        if what == "NHS-number-shaped number" else
                        f"{where} contains the child's {'real name' if what == 'name' else what}")


def _section_label(name: str) -> str:
    return name.replace("_", " ")


def save_content(ctx: ServiceContext, review_id: int, expected_version: int, **sections: str) -> Changes:
    """Create or update the sections of a review's learning summary.

    ``expected_version`` is the version the user opened (0 when there was no saved content); if someone
    saved since, ConflictError. Sections not given keep their saved value. Each change is audited.
    """
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise UserError(unknown[0], "this is not a section of a learning summary")
    cleaned: dict[str, str] = {}
    errors: list[UserError] = []
    for name, value in sections.items():
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.append(UserError(name, "must be text"))
            continue
        text = _normalise(value)
        if len(text) > MAX_SECTION_CHARS:
            errors.append(UserError(name, f"is {len(text):,} characters long; keep it under "
                                          f"{MAX_SECTION_CHARS:,} (link to the full report for more)"))
        elif name in ("key_learning", "reflective_questions") and len(_lines(text)) > MAX_LIST_ITEMS:
            errors.append(UserError(name, f"has {len(_lines(text))} lines; keep it to {MAX_LIST_ITEMS} or fewer"))
        cleaned[name] = text
    if errors:
        raise ValidationErrors(errors)
    try:
        _guard_identities(ctx, review_id, [(name, f"the section '{_section_label(name)}'", value)
                                           for name, value in cleaned.items()], "learning summary edit")
    except NotFoundError:
        raise
    except UserError as exc:
        raise ValidationErrors([UserError(exc.field, exc.message + "; published summaries use the pseudonym "
                                                                   "only and no identity detail")]) from exc
    try:
        return _save_content(ctx, review_id, expected_version, cleaned)
    except ConflictError as exc:
        if exc.changed_by:
            raise
        with ctx.read() as s:  # a clash found at the write itself: say who saved, read afresh
            row = _row(s, review_id)
            if row is None:
                raise
            raise ConflictError("learning summary", review_id, row.updated_by,
                                f"{row.updated_at:%d/%m/%Y %H:%M} UTC") from exc


def _save_content(ctx: ServiceContext, review_id: int, expected_version: int, cleaned: dict[str, str]) -> Changes:
    with ctx.unit_of_work() as s:
        _review(s, review_id)
        row = _row(s, review_id, for_update=not ctx.db.is_sqlite)
        if (row.version if row is not None else 0) != expected_version:
            raise ConflictError("learning summary", review_id, row.updated_by if row else None,
                                f"{row.updated_at:%d/%m/%Y %H:%M} UTC" if row else None)
        if row is None:
            row = LearningSummaryContent(review_id=review_id, **{name: "" for name in SECTIONS})
            s.add(row)
        for name, value in cleaned.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        try:
            s.flush()
        except IntegrityError as exc:  # someone else created the content at the same moment
            raise ConflictError("learning summary", review_id) from exc
        return Changes.of("learning_summary", review_id) | Changes.of("review", review_id)


def _marking(value: str) -> str:
    value = " ".join((value or "").split())
    return "" if value.lower() in ("", "none") else value


@dataclass(frozen=True)
class SummarySource:
    """Everything a learning summary document is built from, read in one go (``read_source``): the review's
    printed fields, the English sections, the actions of its plan and its themes, the settings and the logo."""

    review_id: int
    reference: str
    title: str
    pseudonym: str
    review_type: ReviewType
    date: dt.date | None
    summary: str
    learning_points: str
    content: LearningSummaryContentDTO
    #: (description, owner agency, due, status) of each action, in the plan's order.
    actions: tuple[tuple[str, str, dt.date | None, ActionStatus], ...]
    #: Theme names, sorted as printed.
    themes: tuple[str, ...]
    settings: OrganisationSettings
    logo_png: bytes | None


def read_source(s: Session, review_id: int) -> SummarySource:
    """What the learning summary documents of a review print, read in the session ``s``."""
    review = s.scalars(select(Review).where(Review.id == review_id).options(
        selectinload(Review.themes),
        selectinload(Review.recommendations).selectinload(Recommendation.actions))).one_or_none()
    if review is None:
        raise NotFoundError("review", review_id)
    agency_ids = {a.owner_agency_id for r in review.recommendations for a in r.actions if a.owner_agency_id}
    agencies: dict[int, str] = {aid: name for aid, name in s.execute(
        select(Agency.id, Agency.name).where(Agency.id.in_(agency_ids)))} if agency_ids else {}
    return SummarySource(
        review_id=review_id, reference=review.reference, title=review.title, pseudonym=review.pseudonym,
        review_type=review.review_type, date=review.published_date or review.decision_date,
        summary=review.summary, learning_points=review.learning_points, content=_dto(review_id, _row(s, review_id)),
        actions=tuple((a.description, agencies.get(a.owner_agency_id or -1, ""), a.due_date, a.status)
                      for r in sorted(review.recommendations, key=lambda r: (r.position, r.id))
                      for a in sorted(r.actions, key=lambda a: a.id)),
        themes=tuple(sorted((t.name for t in review.themes), key=str.casefold)),
        settings=load_settings(s), logo_png=load_logo(s))


def english_summary(src: SummarySource) -> LearningSummary:
    """The English learning summary of ``src`` (sections falling back to the review's summary and learning
    points)."""
    content = src.content
    return LearningSummary(
        partnership=src.settings.partnership_name,
        pseudonym=src.pseudonym.strip() or src.title,
        title=src.title,
        review_type_label=review_type_words(src.review_type, "en"),
        date=src.date,
        marking=_marking(src.settings.marking_publication),
        about=content.about or src.summary,
        the_child=content.the_child,
        what_happened=content.what_happened,
        what_went_well=content.what_went_well,
        key_learning=_lines(content.key_learning or src.learning_points),
        practice=content.practice,
        reflective_questions=_lines(content.reflective_questions),
        actions=tuple(SummaryAction(action=text, owner=owner, due=due, status=label(status))
                      for text, owner, due, status in src.actions),
        themes=src.themes,
        resources=content.resources,
        contacts=content.contacts,
        reference=src.reference,
        logo_png=src.logo_png,
    )


def guard_publication(ctx: ServiceContext, review_id: int, places: list[tuple[str, str, str]]) -> None:
    """Refuse (UserError) printing any text that contains an identity value of a child in the review's referral."""
    try:
        _guard_identities(ctx, review_id, places, "publication check")
    except NotFoundError:
        raise
    except UserError as exc:
        raise UserError(exc.field, f"the learning summary: {exc.message}; edit it to use the pseudonym and no "
                                   "identity detail before publishing") from exc


def summary_data(ctx: ServiceContext, review_id: int) -> LearningSummary:
    """What the learning summary documents print for a review: its saved sections (falling back to the
    review's summary and learning points), its recommendations' actions and its themes, with the partnership
    name and the publication marking from the organisation settings. Pseudonym only.

    Refuses (UserError) if any printed text contains the real name of a child in the review's referral.
    """
    with ctx.read() as s:
        data = english_summary(read_source(s, review_id))
    guard_publication(ctx, review_id, list(summary_places(data)))
    return data


#: Printed from the organisation settings, not from the case: not checked against the child's identity.
_SETTINGS_FIELDS = frozenset({"partnership", "marking", "logo_png"})


def summary_places(data: LearningSummary) -> Iterator[tuple[str, str, str]]:
    """(field, place, text) for every printed text of the summary: "the section 'key learning', item 2"."""
    for f in fields(data):
        value = getattr(data, f.name)
        where = f"the section '{_section_label(f.name)}'"
        if f.name in _SETTINGS_FIELDS:
            continue
        if isinstance(value, str):
            yield f.name, where, value
        elif isinstance(value, tuple):
            for number, item in enumerate(value, start=1):
                if isinstance(item, SummaryAction):
                    for attr in ("action", "owner", "status"):
                        yield f.name, f"{where}, action {number} ({attr})", getattr(item, attr)
                elif isinstance(item, str):
                    yield f.name, f"{where}, item {number}", item


def record_export(ctx: ServiceContext, review_id: int, fmt: str, filename: str = "") -> None:
    """Audit that a learning summary was printed (``pdf``, ``briefing``) or exported (``html``)."""
    action = EXPORT_FORMATS.get(fmt)
    if action is None:
        raise UserError("format", f"choose one of {', '.join(EXPORT_FORMATS)}")
    with ctx.unit_of_work() as s:
        _review(s, review_id)
        record(s, action, "learning_summary", review_id, field=fmt, new=filename or None)


def check_export(out: Path, fmt: str, briefing: bool) -> Path:
    """The file to write, once the format and the folder are right (UserError otherwise)."""
    if fmt not in ("pdf", "html"):
        raise UserError("format", "choose pdf or html")
    if briefing and fmt != "pdf":
        raise UserError("format", "the 7-minute briefing is a PDF")
    out = safe_output(out, "output")
    if not out.parent.is_dir():
        raise UserError("output", f"the folder {out.parent} does not exist")
    return out


def export_learning_summary(ctx: ServiceContext, review_id: int, out: Path, *, fmt: str = "pdf",
                            briefing: bool = False) -> int | None:
    """Write the learning summary (``fmt`` "pdf" or "html"; ``briefing``: the 7-minute briefing) to
    ``out`` whole or not at all, audited before the file appears. Returns the page count of a PDF."""
    out = check_export(out, fmt, briefing)
    return write_document(ctx, review_id, out, summary_data(ctx, review_id), fmt=fmt, briefing=briefing)


def write_document(ctx: ServiceContext, review_id: int, out: Path, data: LearningSummary | BilingualSummary, *,
                   fmt: str, briefing: bool, language: str = "en") -> int | None:
    """Write ``data`` (checked by ``check_export``'s caller) to ``out`` whole or not at all, audited (with the
    language when not English) before the file appears. Returns the page count of a PDF."""
    from ...reports import learning_summary as documents  # ReportLab loads only when a document is written

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        pages: int | None = None
        with os.fdopen(fd, "wb") as stream:
            if fmt == "html":
                stream.write(documents.learning_summary_html(data).encode("utf-8"))
            elif briefing:
                pages = documents.build_briefing_pdf(data, stream)
            else:
                pages = documents.build_learning_summary_pdf(data, stream)
            stream.flush()
            os.fsync(stream.fileno())
        _usual_permissions(tmp)
        # Recorded before the file appears: a printed summary is never missing from the audit trail.
        record_export(ctx, review_id, "briefing" if briefing else fmt,
                      out.name if language == "en" else f"{out.name} ({language})")
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise StorageError(f"Could not write {out}: {exc.strerror or exc}",
                               hint="If the file is open in another program, close it and try again.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return pages


def _usual_permissions(path: Path) -> None:
    """A temporary file is private (0600); the summary is for publication, so give it a normal file's mode."""
    mask = os.umask(0)
    os.umask(mask)
    with contextlib.suppress(OSError):
        path.chmod(0o666 & ~mask)
