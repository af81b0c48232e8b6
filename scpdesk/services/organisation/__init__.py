"""The partnership itself: the directory of agencies and people, the logo, local closure days (which move
every working-day clock), and the first start's checklist and starter set of agencies.

Modules: directory, logo, closures, starter. (Grouped by tools/group_services.py.)
"""
