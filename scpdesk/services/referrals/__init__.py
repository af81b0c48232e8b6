"""A referral from intake to the panel's decision: the list and its stored headline clock, the detail, the
workflow's steps, the referral screen read in one transaction and its story in plain words (next steps,
timeline, history), import and export.

Modules: referrals, workflow, referral_screen, story, referral_io, next_due, headline, first_page. (Grouped by
tools/group_services.py.)
"""
