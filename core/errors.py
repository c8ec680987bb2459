"""User-facing errors raised by the core.

Every ``DomainError`` carries an English message template marked for
translation (context ``core``) and the named values to fill into it, so the
desktop can show it in the user's language and the CLI can print it.
"""

from __future__ import annotations

from core.i18n import QT_TRANSLATE_NOOP


class DomainError(Exception):
    """An error the user can understand and act on."""

    default = QT_TRANSLATE_NOOP("core", "The request could not be completed.")

    def __init__(self, template: str | None = None, **params: object) -> None:
        self.template = template or self.default
        self.params = params
        super().__init__(self.message())

    def message(self, translate=None) -> str:
        """The message; a parameter that is itself a DomainError is translated too."""
        template = translate(self.template) if translate else self.template
        return template.format(**{k: v.message(translate) if isinstance(v, DomainError) else v
                                  for k, v in self.params.items()})


class ValidationError(DomainError):
    """Input that cannot be saved; ``field_errors`` maps a field to its error."""

    default = QT_TRANSLATE_NOOP("core", "Please correct the highlighted fields.")

    def __init__(self, field_errors: dict[str, DomainError] | None = None,
                 template: str | None = None, **params: object) -> None:
        self.field_errors = field_errors or {}
        if template is None and len(self.field_errors) == 1:
            only = next(iter(self.field_errors.values()))
            template, params = only.template, only.params
        super().__init__(template, **params)

    def message(self, translate=None) -> str:
        head = super().message(translate)
        if len(self.field_errors) <= 1:
            return head
        lines = [e.message(translate) for e in self.field_errors.values()]
        return "\n".join([head, *("• " + line for line in lines)])


class NotFound(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The record no longer exists.")


class StaleRecord(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "This record was changed elsewhere. Reload it to see the newer version; "
        "your input is kept so you can enter it again.")


class PermissionDenied(DomainError):
    default = QT_TRANSLATE_NOOP("core", "You are not allowed to do this.")


class AuthenticationFailed(DomainError):
    default = QT_TRANSLATE_NOOP("core", "Wrong user name or password.")


class AccountLocked(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "Too many failed log-ins. This account is locked for {minutes} more minutes.")


class SessionEnded(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "Your session has ended (you logged out, it was unused for too long, or your "
        "account was changed). Log in again.")


class SchemaError(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The database cannot be used by this version of Roundsman.")
