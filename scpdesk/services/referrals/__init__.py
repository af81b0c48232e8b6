"""A referral from intake to the panel's decision: the list and its stored headline clock, the detail, the
workflow's steps, the referral screen read in one transaction, import and export.

Modules: referrals, workflow, referral_screen, referral_io, next_due, headline, first_page. (Grouped by
tools/group_services.py.)
"""
