"""The words and dates of the published documents in English or Welsh.

A document's language ("en-GB" or "cy-GB") gives its headings, fixed labels and dates. Dates come from the
Unicode CLDR through Babel ("2 Rhagfyr 2026"), not a hand-typed month list. The Welsh wording here was written
for scpdesk and is NOT yet reviewed: a partnership's translator should review it (the user-typed text of a
Welsh summary is entered separately, by the partnership, and printed as typed).
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

ENGLISH: dict[str, str] = {
    "learning_summary": "Learning summary",
    "about": "About this review",
    "child": "The child",
    "happened": "What happened",
    "well": "What went well",
    "learning": "Key learning",
    "practice": "What this means for practice",
    "questions": "Reflective questions",
    "actions": "Partnership actions and timescales",
    "themes": "Themes",
    "resources": "Further resources and contacts",
    "resources_only": "Resources",
    "contacts_only": "Contacts",
    "fact_child": "Child",
    "fact_type": "Type of review",
    "fact_date": "Date",
    "fact_reference": "Reference",
    "marking": "Protective marking",
    "col_action": "Action",
    "col_owner": "Owner",
    "col_due": "Due",
    "col_status": "Status",
    "page": "Page {n} of {total}",
    "contents": "Contents",
    "logo": "{partnership} logo",
    "default_title": "{who}: learning summary",
    "briefing": "7-minute briefing",
    "briefing_kicker": "7-MINUTE BRIEFING",
    "panel_background": "Background",
    "panel_why": "Why it matters",
    "panel_key": "Key learning {n}",
    "panel_key_range": "Key learning {first}–{last}",
    "panel_remember": "Things to remember",
    "panel_do": "What to do",
    "ask_yourself": "Ask yourself",
    "partnership_doing": "What the partnership is doing",
    "find_out_more": "Find out more",
    "links_above": "Links mentioned above",
    "link_below": "(link {n}, below)",
    "themes_label": "Themes:",
    "briefing_hint": "Take seven minutes to read this briefing, then talk about it with your team or in "
                     "supervision.",
    "pseudonyms": "Names used are pseudonyms.",
    "table_caption": "What the partnership agreed to do, who leads each action, when it is due and its status",
}

# Welsh: written carefully but unreviewed — a partnership's translator should check every entry.
WELSH: dict[str, str] = {
    "learning_summary": "Crynodeb dysgu",
    "about": "Ynglŷn â'r adolygiad hwn",
    "child": "Y plentyn",
    "happened": "Beth ddigwyddodd",
    "well": "Beth aeth yn dda",
    "learning": "Dysgu allweddol",
    "practice": "Beth mae hyn yn ei olygu i ymarfer",
    "questions": "Cwestiynau i fyfyrio arnynt",
    "actions": "Camau gweithredu'r bartneriaeth ac amserlenni",
    "themes": "Themâu",
    "resources": "Adnoddau pellach a chysylltiadau",
    "resources_only": "Adnoddau",
    "contacts_only": "Cysylltiadau",
    "fact_child": "Plentyn",
    "fact_type": "Math o adolygiad",
    "fact_date": "Dyddiad",
    "fact_reference": "Cyfeirnod",
    "marking": "Marc diogelu",
    "col_action": "Cam gweithredu",
    "col_owner": "Yn gyfrifol",
    "col_due": "Erbyn",
    "col_status": "Statws",
    "page": "Tudalen {n} o {total}",
    "contents": "Cynnwys",
    "logo": "Logo {partnership}",
    "default_title": "{who}: crynodeb dysgu",
    "briefing": "Briffio 7 munud",
    "briefing_kicker": "BRIFFIO 7 MUNUD",
    "panel_background": "Cefndir",
    "panel_why": "Pam mae'n bwysig",
    "panel_key": "Dysgu allweddol {n}",
    "panel_key_range": "Dysgu allweddol {first}–{last}",
    "panel_remember": "Pethau i'w cofio",
    "panel_do": "Beth i'w wneud",
    "ask_yourself": "Gofynnwch i chi'ch hun",
    "partnership_doing": "Beth mae'r bartneriaeth yn ei wneud",
    "find_out_more": "Rhagor o wybodaeth",
    "links_above": "Dolenni a nodwyd uchod",
    "link_below": "(dolen {n}, isod)",
    "themes_label": "Themâu:",
    "briefing_hint": "Cymerwch saith munud i ddarllen y briffio hwn, yna trafodwch ef gyda'ch tîm neu mewn "
                     "goruchwyliaeth.",
    "pseudonyms": "Ffugenwau yw'r enwau a ddefnyddir.",
    "table_caption": "Beth y cytunodd y bartneriaeth i'w wneud, pwy sy'n arwain pob cam, erbyn pryd, a'i statws",
}


def language_tag(value: str | None) -> str:
    """A well-formed BCP 47 tag ("cy-GB"), or "en-GB" for anything else."""
    lang = (value or "").strip()
    return lang if _LANGUAGE_TAG.match(lang) else "en-GB"


def is_welsh(lang: str) -> bool:
    return language_tag(lang).lower().split("-")[0] == "cy"


def words(lang: str) -> dict[str, str]:
    """The fixed words of a document in ``lang`` (Welsh for "cy…", English otherwise)."""
    return WELSH if is_welsh(lang) else ENGLISH


def _locale(lang: str) -> str:
    return "cy" if is_welsh(lang) else "en_GB"


def long_date(value: dt.date | None, lang: str = "en-GB") -> str:
    """"2 December 2026" / "2 Rhagfyr 2026"; "—" when unknown."""
    return "—" if value is None else format_date(value, "d MMMM y", locale=_locale(lang))


def short_date(value: dt.date | None, lang: str = "en-GB") -> str:
    """"2 Dec 2026" / "2 Rhag 2026" (a narrow column); "—" when unknown."""
    if value is None:
        return "—"
    if not is_welsh(lang):
        return value.strftime("%d %b %Y").lstrip("0")  # "Sep", as the documents always printed
    return format_date(value, "d MMM y", locale=_locale(lang))
