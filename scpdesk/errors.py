"""The three kinds of failure a user can be told about, shared by every layer.

Anything that is not one of these is a bug: the UI shows it with copyable diagnostics and logs it.
"""

from __future__ import annotations


class ScpdeskError(Exception):
    """Base class of the errors the application explains to a user."""


class UserError(ScpdeskError):
    """Input that cannot be accepted. ``field`` names the field (or row) and ``message`` says the fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class ValidationErrors(UserError):
    """Several problems found at once (a form, or the rows of an import)."""

    def __init__(self, errors: list[UserError]) -> None:
        if not errors:
            raise ValueError("ValidationErrors needs at least one error")
        super().__init__(errors[0].field, errors[0].message)
        self.errors = list(errors)
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class ConflictError(ScpdeskError):
    """Someone else saved the record after it was opened. The user's typed values must be kept."""

    def __init__(self, entity: str, entity_id: int | None, changed_by: str | None = None,
                 changed_at: str | None = None) -> None:
        who = f" by {changed_by}" if changed_by else ""
        when = f" at {changed_at}" if changed_at else ""
        super().__init__(
            f"This {entity} was changed{who}{when} after you opened it. Your changes have not been saved; "
            "reload to see theirs, then apply yours again."
        )
        self.entity = entity
        self.entity_id = entity_id
        self.changed_by = changed_by
        self.changed_at = changed_at


class StorageError(ScpdeskError):
    """The environment failed: disk full, locked, read-only, cannot connect, not a database, too new."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message if not hint else f"{message}\n{hint}")
        self.message = message
        self.hint = hint


class NotFoundError(UserError):
    """A record named by the user does not exist (or no longer exists)."""

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(entity, f"no {entity} {key!s} was found")
        self.entity = entity
        self.key = key


class NeedsConfirmation(ScpdeskError):
    """A step that is allowed but risky (a rapid review completed with agency summaries outstanding, an LCSPR
    with none of the four criteria met, a decision at a meeting not yet held or not quorate). Nothing was
    saved: ask the user ("Are you sure…?" with ``reasons``) and call again with ``confirmed=True``; the
    confirmation is then recorded in the audit with the reasons."""

    def __init__(self, action: str, reasons: list[str] | tuple[str, ...]) -> None:
        if not reasons:
            raise ValueError("NeedsConfirmation needs at least one reason")
        self.action = action
        self.reasons = tuple(reasons)
        super().__init__(f"{action}: not saved — confirm to go ahead: " + "; ".join(self.reasons))
