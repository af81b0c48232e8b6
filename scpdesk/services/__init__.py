"""Use cases over the model layer: one unit of work per user action, DTOs out, every write audited.

Names are resolved lazily so that ``scpdesk.services.dto`` can be imported (by the window, before its first
paint) without importing SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dto import Changes
    from .registry import Services, open_services
    from .uow import ServiceContext

__all__ = ["Changes", "ServiceContext", "Services", "open_services"]

_WHERE = {"Changes": ".dto", "ServiceContext": ".uow", "Services": ".registry", "open_services": ".registry"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
