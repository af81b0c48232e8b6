"""The publication guard reads Welsh (issue 17): a child's date of birth written in Welsh — "1 Mawrth 2014",
"1af o Fawrth 2014" (the month mutated after "o"), "1 Maw. 2014" — is an identity value like "1 March 2014",
refused in the Welsh text and the English alike, locally and (through the candidates the server compares) for a
server login without the identity role. Other Welsh dates pass."""

from __future__ import annotations

import pytest
from test_learning_summary_service import TODAY
from test_summary_languages import _review

from scpdesk.errors import UserError
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.library.learning_summary import identity_candidates, save_content

#: The fictional child of make_review was born on 1 March 2014.
BORN = "d:2014-03-01"
WELSH_BIRTHDAYS = ("Ganwyd ar 1 Mawrth 2014.", "ar y 1af o Fawrth 2014", "ar 01 Maw 2014", "1af Mawrth, 2014",
                   "geni ar 1 Maw. 14", "Dydd Sadwrn 1 MAWRTH 2014")


@pytest.mark.parametrize("text", WELSH_BIRTHDAYS)
def test_a_date_of_birth_written_in_welsh_is_refused_in_either_language(db: Database, text: str) -> None:
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    with pytest.raises(UserError, match="date of birth"):
        sl.save_text(ctx, review_id, "cy", 0, about=f"Plentyn K. {text}")
    with pytest.raises(UserError, match="date of birth"):
        save_content(ctx, review_id, 1, about=f"Child K. {text}")
    assert sl.get_text(ctx, review_id).version == 0


@pytest.mark.parametrize("text", WELSH_BIRTHDAYS)
def test_the_server_check_is_given_a_welsh_date_as_a_date(text: str) -> None:
    found = identity_candidates(text)
    assert BORN in found or BORN.replace("2014", "14") in found  # the year as written: the server takes both


def test_welsh_months_each_read_as_their_number_and_other_dates_pass(db: Database) -> None:
    months = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
              "Tachwedd", "Rhagfyr")
    mutated = ("Ionawr", "Chwefror", "Fawrth", "Ebrill", "Fai", "Fehefin", "Orffennaf", "Awst", "Fedi", "Hydref",
               "Dachwedd", "Ragfyr")
    for number, (month, soft) in enumerate(zip(months, mutated, strict=True), start=1):
        key = f"d:2020-{number:02d}-09"
        assert key in identity_candidates(f"9 {month} 2020") and key in identity_candidates(f"9fed o {soft} 2020")
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    sl.save_text(ctx, review_id, "cy", 0, about="Plentyn K, a welwyd ar 2 Mawrth 2014 ac ar 1 Ebrill 2014.")
    assert sl.get_text(ctx, review_id).version == 1


#: A Welsh child's (fictional) real name, and the forms Welsh gives it after "i", "gyda", "fy", "ei": the first
#: sound mutates (soft, aspirate, nasal; an h before a vowel).
WELSH_NAME = "Catrin Powell"
MUTATED = ("Rhoddwyd y llyfr i Gatrin Powell.", "Aeth gyda Chatrin Powell.", "fy Nghatrin Powell i",
           "GATRIN POWELL a welwyd")


@pytest.fixture
def welsh_child(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[ServiceContext, int]:
    import test_learning_summary_service as helpers

    monkeypatch.setattr(helpers, "REAL_NAME", WELSH_NAME)
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    return ctx, _review(ctx)


@pytest.mark.parametrize("text", MUTATED)
def test_a_real_name_mutated_as_welsh_mutates_it_is_still_the_real_name(welsh_child: tuple[ServiceContext, int],
                                                                        text: str) -> None:
    ctx, review_id = welsh_child
    with pytest.raises(UserError, match="real name"):
        sl.save_text(ctx, review_id, "cy", 0, about=f"Plentyn K. {text}")
    with pytest.raises(UserError, match="real name"):
        save_content(ctx, review_id, 1, about=f"Child K. {text}")
    assert "w:catrin powell" in identity_candidates(text)  # and the server compares the radical form


def test_mutations_make_no_name_out_of_other_words(welsh_child: tuple[ServiceContext, int]) -> None:
    ctx, review_id = welsh_child
    sl.save_text(ctx, review_id, "cy", 0, about="Plentyn K. Gwelodd Gatrin arall, a Mr Powell y meddyg.")
    assert sl.get_text(ctx, review_id).version == 1
