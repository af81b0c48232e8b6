"""Use cases over the model layer: one unit of work per user action, DTOs out, every write audited.

Names are resolved lazily so that ``scpdesk.services.dto`` can be imported (by the window, before its first
paint) without importing SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dto import Changes
    from .registry import Services, open_services
    from .uow import ServiceContext

__all__ = ["Changes", "ServiceContext", "Services", "open_services"]



def __getattr__(name: str) -> Any:
    # Plain imports (not importlib): the layer contracts see every one of them.
    if name == "Changes":
        from .dto import Changes

        return Changes
    if name == "ServiceContext":
        from .uow import ServiceContext

        return ServiceContext
    if name in ("Services", "open_services"):
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
