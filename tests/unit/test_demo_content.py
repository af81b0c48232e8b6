"""The demonstration records are data (scpdesk/resources/demo.json): shipped with the package, read and checked
before anything is written, a mistake named where it is."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from scpdesk.models.enums import MeetingKind, ReferralStatus
from scpdesk.services.demo import DemoDataError, load_demo_content

ROOT = Path(__file__).resolve().parents[2]
Raw = dict[str, object]


def _raw() -> Raw:
    return json.loads(resources.files("scpdesk").joinpath("resources", "demo.json").read_text(encoding="utf-8"))


def test_the_demo_file_is_package_data_for_pip_and_the_frozen_build() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["scpdesk"]
    assert any(fnmatch.fnmatch("resources/demo.json", p) for p in patterns)
    # The frozen build takes every file of the package by rule (tests/packaging runs the demo in the build).
    spec = (ROOT / "packaging" / "scpdesk.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("scpdesk", include_py_files=True' in spec
    content = load_demo_content()
    assert content.partnership.name == "Northbrook Safeguarding Children Partnership"
    assert content.partnership.short_name == "NSCP"
    assert len(content.referrals) >= 16 and len(content.reviews) >= 14 and len(content.meetings) >= 5
    assert {r.stage for r in content.referrals} == set(ReferralStatus)
    assert set(content.meeting_kinds) == set(MeetingKind)


def _referral(raw: Raw, key: str) -> dict[str, object]:
    referrals = raw["referrals"]
    assert isinstance(referrals, list)
    return next(r for r in referrals if r["key"] == key)


def _first(raw: Raw, section: str) -> dict[str, object]:
    items = raw[section]
    assert isinstance(items, list)
    return items[0]


def _set(target: Callable[[Raw], dict[str, object]], key: str, value: object) -> Callable[[Raw], None]:
    def change(raw: Raw) -> None:
        target(raw)[key] = value
    return change


MISTAKES: dict[str, tuple[Callable[[Raw], None], str]] = {
    "an agency key that names nothing": (
        _set(lambda raw: _referral(raw, "D"), "agencies", ["police", "polce"]),
        "referrals[4] (D).agencies: no agency 'polce'"),
    "a misspelt field": (
        _set(lambda raw: _referral(raw, "A"), "sumary", "typed twice"), "referrals[0] (A): unknown field sumary"),
    "a status that does not exist": (
        _set(lambda raw: _referral(raw, "A"), "stage", "screened"), "referrals[0] (A).stage: 'screened' is not one of"),
    "a number as text": (
        _set(lambda raw: _referral(raw, "A"), "aware_working_days_ago", "1"),
        "referrals[0] (A).aware_working_days_ago: expected a whole number"),
    "a review dated from a referral that is not there": (
        _set(lambda raw: _first(raw, "reviews"), "decision", {"referral_decision": "ZZ"}),
        "no referral 'ZZ'"),
    "a meeting about a referral that is not there": (
        lambda raw: _first(raw, "meetings")["cases"][0].update(referral="ZZ"),  # type: ignore[index]
        "meetings[0] (rrp).cases[0] (ZZ).referral: no referral 'ZZ'"),
    "a person who is not in the directory": (
        _set(lambda raw: _referral(raw, "A"), "referrer", "nobody"), "referrals[0] (A).referrer: no person 'nobody'"),
    "a date that is not one": (
        _set(lambda raw: _first(raw, "reviews"), "published", "2021-02-30"), "is not a date like"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_in_the_demo_file_is_named_where_it_is(mistake: str) -> None:
    change, where = MISTAKES[mistake]
    raw = _raw()
    change(raw)
    with pytest.raises(DemoDataError) as caught:
        load_demo_content(json.dumps(raw))
    assert where in str(caught.value)


def test_a_file_that_is_not_json_is_named() -> None:
    with pytest.raises(DemoDataError, match=r"demo\.json: not JSON"):
        load_demo_content('{"about": ')
