"""Rapid Review Panel and QA&S meetings: the list, a meeting's screen, agenda and papers, minutes and
decisions, the rules (quorum, standing items), the meeting pack's data and the calendar invitation.

Modules: meetings, meeting_base, meeting_dto, meeting_reads, meeting_rules, agenda, minutes, meeting_pack, calendar.
(Grouped by tools/group_services.py.)
"""
