"""The Welsh decision form when the referral does not say whether the child was on the register or looked after in
the 6 months before the event (issue 17, independent tester): no proposal is made, so no choice is made for the chair
either — the form starts on "choose", and saving it so is refused naming the field, never recorded as concise."""

from __future__ import annotations

import datetime as dt

import pytest

from scpdesk.errors import UserError
from scpdesk.models.database import open_database
from scpdesk.models.enums import ChildRole, Decision, LegalStatus
from scpdesk.services import ServiceContext, Services
from scpdesk.services.organisation.closures import save_settings_moving
from scpdesk.services.referrals.referrals import ChildInput, ReferralInput
from scpdesk.services.settings import settings_versions
from scpdesk.ui.nation_steps import decision_call, decision_form


@pytest.mark.parametrize(("status", "default"), [(None, None), (LegalStatus.LOOKED_AFTER, Decision.CPR_EXTENDED),
                                                 (LegalStatus.CARE_LEAVER, Decision.CPR_EXTENDED),
                                                 (LegalStatus.CHILD_IN_NEED, Decision.CPR_CONCISE),
                                                 (LegalStatus.NONE, Decision.CPR_CONCISE)])
def test_the_welsh_decision_form_chooses_only_what_the_rule_proposes(
        sqlite_db_url: str, status: LegalStatus | None, default: Decision | None) -> None:
    db = open_database(sqlite_db_url)
    try:
        sv = Services(ServiceContext(db, user="coordinator.a"))
        versions = settings_versions(sv.ctx)
        save_settings_moving(sv.ctx, {"rule_set": "wales"}, expected={"rule_set": versions["rule_set"]})
        today = sv.ctx.today()
        rid, _ = sv.referrals.create(ReferralInput(
            reference="CYSUR-2026-31", received_date=today - dt.timedelta(days=30), child_pseudonym="Child W",
            children=(ChildInput("Child W", ChildRole.SUBJECT, legal_status_6m=status),)))
        detail = sv.referrals.get(rid)
        _title, fields, _intro = decision_form(detail, today)
        decision = next(f for f in fields if f.key == "decision")
        assert decision.default == default
        values = [value for value, _text in decision.options]
        assert (values[0] is None) if default is None else (None not in values)  # "choose" only without a proposal
        assert {Decision.CPR_CONCISE, Decision.CPR_EXTENDED} <= set(values)
        if default is None:  # saved as the form starts: refused, the field named; nothing recorded
            with pytest.raises(UserError) as refused:
                decision_call(sv, rid, {"decision": None, "decision_date": today, "rationale": "x"}, detail.version,
                              False)
            assert refused.value.field == "decision"
            assert sv.referrals.get(rid).decision is None
    finally:
        db.dispose()
