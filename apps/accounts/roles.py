"""The roles a user holds: Django groups plus relations derived from the org tree (docs/domain.md)."""
from __future__ import annotations

import enum

from django.contrib.auth.models import User

from apps.organization.models import Employee, OrgUnit, Role


class UserRole(enum.Enum):
    EMPLOYEE = "EMPLOYEE"
    RATER = "RATER"
    RATER_SUPERVISOR = "RATER_SUPERVISOR"
    UNIT_LEADER = "UNIT_LEADER"
    PERFORMANCE_ADMIN = "PERFORMANCE_ADMIN"
    PROCESS_ADMIN = "PROCESS_ADMIN"
    SUPERUSER = "SUPERUSER"


def roles_of(user: User, employee: Employee | None) -> list[UserRole]:
    """Constant number of queries: one for groups, three for the derived relations."""
    roles: list[UserRole] = []
    if employee is not None:
        roles.append(UserRole.EMPLOYEE)
        if Employee.objects.filter(rater=employee, is_active=True).exists():
            roles.append(UserRole.RATER)
        if Employee.objects.filter(rater__rater=employee, is_active=True).exists():
            roles.append(UserRole.RATER_SUPERVISOR)
        if OrgUnit.objects.filter(leader=employee).exists():
            roles.append(UserRole.UNIT_LEADER)
    groups = set(user.groups.values_list("name", flat=True))
    if Role.PERFORMANCE_ADMIN in groups:
        roles.append(UserRole.PERFORMANCE_ADMIN)
    if Role.PROCESS_ADMIN in groups:
        roles.append(UserRole.PROCESS_ADMIN)
    if user.is_superuser:
        roles.append(UserRole.SUPERUSER)
    return roles
