"""Who may read an employee's daily records — entries, the week, leave, the month's discipline
figures (R-DAILY, R-CALENDAR, R-DISCIPLINE): one rule for all of them.

The employee; their current rater (an acting official included: Employee.rater) and the rater's
rater, so that the records follow a change of rater; HR of their unit; the leaders of their unit
or of any unit above it (apps.performance.selectors.may_see_unit_aggregates); a superuser. For
anybody else the records do not exist (NOT_FOUND)."""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Model, Q, QuerySet

from apps.core.errors import NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit
from apps.performance.selectors import may_see_unit_aggregates


def personally_related(user: User, prefix: str = "") -> Q:
    """On Employee (or through ``prefix``, e.g. ``"employee__"``): the viewer themself, those
    they rate and those their ratees rate."""
    return Q(**{f"{prefix}user": user}) | Q(**{f"{prefix}rater__user": user}) | Q(**{f"{prefix}rater__rater__user": user})


def records_visible_to(user: User, model: type[Model]) -> QuerySet:
    """The rows of ``model`` (a record with an ``employee`` foreign key) the viewer may read.
    Lazy; building it costs up to 3 queries (the units the viewer leads, HR's role and scopes)."""
    if not user.is_authenticated:
        return model._default_manager.none()
    if user.is_superuser:
        return model._default_manager.all()
    condition = personally_related(user, "employee__")
    led = list(OrgUnit.objects.filter(leader__user=user).only("path"))
    if led:
        condition |= Q(employee__unit__in=OrgUnit.objects.filter(org.subtree(led)))
    if org.is_performance_admin(user):
        condition |= Q(employee__unit__in=org.units_managed_by(user))
    return model._default_manager.filter(condition)


def employee_visible(user: User, employee: Employee) -> bool:
    """Whether the viewer may read this employee's records, whether or not there are any (the
    rule of records_visible_to for one employee, with ``unit`` loaded; 0–4 queries)."""
    if user.is_superuser or employee.user_id == user.pk:
        return True
    if Employee.objects.filter(pk=employee.pk).filter(personally_related(user)).exists():
        return True
    return may_see_unit_aggregates(user, employee.unit)


def employee_for_daily(user: User, employee_id: int | None) -> Employee:
    """The employee whose records the viewer asks for — their own (``None``) or one they may
    read — with ``unit`` and ``position`` loaded. NOT_FOUND otherwise, whether or not the id
    exists. 1 query for one's own, up to 5 for another's."""
    if employee_id is None:
        employee = org.employee_of(user)
    else:
        employee = Employee.objects.select_related("unit", "position").filter(pk=employee_id).first()
        if employee is not None and not employee_visible(user, employee):
            employee = None
    if employee is None:
        raise NotFound()
    return employee
