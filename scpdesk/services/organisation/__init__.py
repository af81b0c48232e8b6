"""The partnership itself: the directory of agencies and people, the logo, local closure days (which move
every working-day clock).

Modules: directory, logo, closures. (Grouped by tools/group_services.py.)
"""
