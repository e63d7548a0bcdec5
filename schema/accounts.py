"""GraphQL for accounts: login/logout, `me`, and the user's notification setting."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
import strawberry_django
from django.contrib.auth import get_user_model
from strawberry import relay
from strawberry.types import Info

from apps.accounts import roles, services
from apps.notifications import selectors as notification_selectors
from apps.notifications import services as notification_services
from apps.organization import selectors

from .context import context, require_user
from .organization import EmployeeType, OrgUnitType

UserRole = strawberry.enum(roles.UserRole, name="UserRole")


@strawberry_django.type(get_user_model(), name="User")
class UserType(relay.Node):
    username: str


@strawberry.type
class LoginPayload:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`; shown only once.")
    expires_at: dt.datetime
    user: UserType


@strawberry.type
class Me:
    user: UserType
    employee: Optional[EmployeeType]
    rater: Optional[EmployeeType]
    rater_supervisor: Optional[EmployeeType]
    subordinates: list[EmployeeType] = strawberry.field(description="The people you rate.")
    managed_units: list[OrgUnitType] = strawberry.field(description="Units you manage as HR (top of each scope).")
    roles: list[UserRole]

    @strawberry.field(description="Whether you receive task e-mails (assigned, due in three days, overdue).")
    def email_notifications(self) -> bool:
        return notification_selectors.email_enabled(self.user)


@strawberry.type
class AccountsQuery:
    @strawberry.field
    def me(self, info: Info) -> Me:
        user = require_user(info)
        employee = selectors.employee_of(user)
        scopes = selectors.own_hr_scopes(user)
        return Me(
            user=user,
            employee=employee,
            rater=selectors.rater_of(employee) if employee else None,
            rater_supervisor=selectors.rater_supervisor_of(employee) if employee else None,
            subordinates=list(selectors.subordinates_of(employee)) if employee else [],
            managed_units=scopes,
            roles=roles.roles_of(user, employee),
        )


@strawberry.type
class AccountsMutation:
    @strawberry.mutation
    def login(self, info: Info, username: str, password: str) -> LoginPayload:
        """Start a session (browser clients) and issue a bearer token (other clients)."""
        result = services.login(request=context(info).request, username=username, password=password)
        return LoginPayload(token=result.token, expires_at=result.expires_at, user=result.user)

    @strawberry.mutation(description="Turn your task e-mails on or off; returns the new setting.")
    def set_email_notifications(self, info: Info, enabled: bool) -> bool:
        return notification_services.preference_set(actor=require_user(info), email_enabled=enabled).email_enabled

    @strawberry.mutation
    def logout(self, info: Info) -> bool:
        """End the session and revoke the bearer token used for this request."""
        services.logout(request=context(info).request)
        return True
