"""Per-request context: the viewer and what they may see, computed once per request."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from strawberry.django.context import StrawberryDjangoContext
from strawberry.types import Info

from apps.core.errors import Unauthenticated
from apps.organization import selectors

if TYPE_CHECKING:
    from apps.organization.models import Employee


@dataclass
class KinerjaContext(StrawberryDjangoContext):
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def user(self) -> AbstractBaseUser:
        return self.request.user

    def require_user(self) -> AbstractBaseUser:
        if not self.user.is_authenticated:
            raise Unauthenticated()
        return self.user

    def can_see_personal_details(self, employee: Employee) -> bool:
        """NIP and email: the employee, their rater and rater's supervisor, HR of their unit."""
        if "audience" not in self.cache:
            self.cache["audience"] = selectors.personal_details_visible(self.user)
        return self.cache["audience"](employee)


def may_explore_schema(context: Any) -> bool:
    """Introspection and "Did you mean" hints: in development, and for signed-in users."""
    user = getattr(getattr(context, "request", None), "user", None)
    return settings.DEBUG or bool(user is not None and user.is_authenticated)


def context(info: Info) -> KinerjaContext:
    return info.context


def require_user(info: Info) -> AbstractBaseUser:
    return context(info).require_user()
