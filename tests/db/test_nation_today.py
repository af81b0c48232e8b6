"""A nation's clock that runs after a decision not to proceed is on Today's list (issue 17's tester): Scotland's Care
Inspectorate is told of every decision — not to proceed as well — so a referral decided with no further review
stays open (not closed) while that statutory clock runs, and Today's list shows it, in both its views."""

from __future__ import annotations

import datetime as dt

from records import TODAY

from scpdesk.models.database import Database
from scpdesk.models.enums import Decision, ReferralStatus
from scpdesk.services import ServiceContext, Services
from scpdesk.services.organisation.closures import save_settings_moving
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.services.settings import settings_versions
from scpdesk.services.today import ItemKind, today_list


def test_a_scottish_decision_not_to_proceed_keeps_the_care_inspectorate_clock_on_today(db: Database) -> None:
    sv = Services(ServiceContext(db, user="coordinator.a", today=lambda: TODAY))  # Wed 1 Apr 2026
    versions = settings_versions(sv.ctx)
    save_settings_moving(sv.ctx, {"rule_set": "scotland"}, expected={"rule_set": versions["rule_set"]})
    rid, _ = sv.referrals.create(ReferralInput(reference="CPC-2026-3", received_date=dt.date(2026, 3, 2),
                                               child_pseudonym="Child S"))
    sv.referrals.update(rid, sv.referrals.get(rid).version, recommendation_date=dt.date(2026, 3, 16))
    # The CPC decides not to proceed on Wed 25 Mar: the Care Inspectorate to be told within 5 working days, by Wed
    # 1 Apr (today), and not told yet.
    sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.NO_FURTHER_REVIEW,
                       decision_date=dt.date(2026, 3, 25), rationale="Learning taken through single-agency work",
                       criteria=None)
    detail = sv.referrals.get(rid)
    assert detail.status is ReferralStatus.DECIDED  # kept open for that clock
    told = next(c for c in detail.clocks if c.key == "lr_inspectorate_notified")
    assert told.due_date == dt.date(2026, 4, 1) and told.is_open
    for everything in (False, True):
        items = [i for i in today_list(sv.ctx, everything=everything).of_kinds([ItemKind.REFERRAL_CLOCK])
                 if i.reference == "CPC-2026-3"]
        assert [(i.what, i.due) for i in items] == [("Care Inspectorate notified of the decision",
                                                     dt.date(2026, 4, 1))], everything
