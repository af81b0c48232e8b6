"""The Review Library: reviews and their status flow, the library list, themes and archive requests,
recommendations and action plans, learning summaries, review import and export.

Modules: reviews, library, actions, learning_summary, review_io. (Grouped by tools/group_services.py.)
"""
