"""People who act on a record (issue 13): a sign-off, an agency summary request, an immediate safety action, a
review's or a meeting's action can name a person from the directory; their agency follows. One place for the
rule every service applies (who may be named) and for the words every list, document and history shows.

A leaf of the services (models and errors only), so the referral, library, panel and directory services can all
use it without an import cycle.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Agency, Person
from ..models.words import owner_words

__all__ = ["named_person", "owner_words", "person_owner"]


def named_person(s: Session, person_id: int | None, field: str, *, current: int | None = None) -> Person | None:
    """The directory person a record is to name (None: nobody named). Refused with a message naming ``field``
    when the person is not in the directory, or has left (retired) — unless they are the one the record
    already names (``current``): an old record keeps its retired person."""
    if person_id is None:
        return None
    person = s.get(Person, person_id)
    if person is None:
        raise UserError(field, "the chosen person is no longer in the directory; choose again")
    if person.retired_on is not None and person_id != current:
        raise UserError(field, f"{person.name} left on {person.retired_on:%d/%m/%Y} (retired in the directory); "
                               "choose someone current")
    return person


def person_owner(s: Session, person: Person | None) -> str:
    """``owner_words`` for a person row (their agency read by id: relationships are never lazy-loaded)."""
    if person is None:
        return ""
    agency = s.get(Agency, person.agency_id) if person.agency_id is not None else None
    return owner_words(person.name, agency.name if agency is not None else None)
