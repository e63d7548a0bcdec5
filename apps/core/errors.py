"""Domain errors raised by services and selectors.

Each carries one of docs/design.md's error codes and a lazily translated message, so the schema
layer can show it in the caller's language (Indonesian by default, English on request)
without any business code knowing about GraphQL.
"""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "INTERNAL"
    default_message = _("An internal error occurred.")

    def __init__(self, message: Any = None, **extensions: Any) -> None:
        self.message = message if message is not None else self.default_message
        self.extensions = extensions
        super().__init__(str(self.message))


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"
    default_message = _("You must log in first.")


class Forbidden(DomainError):
    code = "FORBIDDEN"
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    code = "NOT_FOUND"
    default_message = _("Not found.")


class BadInput(DomainError):
    """Invalid input. Pass ``fields={name: message}`` or ``errors=[{...}]`` to say where."""

    code = "BAD_USER_INPUT"
    default_message = _("The input is not valid.")


class Conflict(DomainError):
    code = "CONFLICT"
    default_message = _("Someone else changed this at the same time. Reload and try again.")
