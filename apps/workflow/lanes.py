"""Lane bindings: who a lane's tasks go to (docs/design.md "Lanes are role slots").

Standard lane names bind by default; anything else needs ``laneBindings`` in the upload:
``{"Komite": "GROUP:komite"}``, ``{"Sekda": "USER:username"}`` or a standard role name.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from apps.organization.models import Employee, PerformanceAdminScope, Role

EMPLOYEE, RATER, RATER_SUPERVISOR, PERFORMANCE_ADMIN = "EMPLOYEE", "RATER", "RATER_SUPERVISOR", "PERFORMANCE_ADMIN"
STANDARD_LANES = {
    "pegawai": EMPLOYEE, "employee": EMPLOYEE,
    "pejabat penilai": RATER, "rater": RATER,
    "atasan pejabat penilai": RATER_SUPERVISOR, "ratersupervisor": RATER_SUPERVISOR,
    "rater supervisor": RATER_SUPERVISOR,
    "pengelola kinerja": PERFORMANCE_ADMIN, "performanceadmin": PERFORMANCE_ADMIN,
    "performance admin": PERFORMANCE_ADMIN,
}
ROLES = {EMPLOYEE, RATER, RATER_SUPERVISOR, PERFORMANCE_ADMIN}
# Lanes whose tasks go to one person (assigned at once); the others offer candidates who claim.
PERSONAL = {EMPLOYEE, RATER, RATER_SUPERVISOR}


def resolve_binding(lane: str, bindings: dict[str, str]) -> str | None:
    """The binding of a lane ("RATER", "GROUP:x", "USER:y"), or None when it has none."""
    explicit = bindings.get(lane)
    if explicit:
        return explicit if is_valid_binding(explicit) else None
    return STANDARD_LANES.get(" ".join(lane.lower().split()))


def is_valid_binding(value: str) -> bool:
    kind, _sep, name = value.partition(":")
    if not _sep:
        return value in ROLES
    return kind in ("GROUP", "USER") and bool(name.strip())


@dataclass
class Assignment:
    assignee: Employee | None
    candidates: list[Employee]


def assign(binding: str, subject: Employee) -> Assignment:
    """Who gets a task in a lane with this binding, for this subject, now."""
    if binding == EMPLOYEE:
        return Assignment(subject, [subject])
    if binding in (RATER, RATER_SUPERVISOR):
        person = subject.rater if binding == RATER else (subject.rater.rater if subject.rater else None)
        if person is None:
            # Nobody in the system rates this subject (e.g. the Sekda, rated by the regent): HR of
            # the unit may claim the task and act for the official outside the system.
            return Assignment(None, list(hr_of(subject)))
        return Assignment(person, [person])
    if binding == PERFORMANCE_ADMIN:
        return Assignment(None, list(hr_of(subject)))
    kind, _sep, name = binding.partition(":")
    if kind == "USER":
        person = Employee.objects.filter(user__username=name, is_active=True).first()
        return Assignment(person, [person] if person else [])
    return Assignment(None, list(Employee.objects.filter(user__groups__name=name, is_active=True)))


def hr_of(subject: Employee) -> QuerySet[Employee]:
    """Performance administrators whose scope covers the subject's unit."""
    users = PerformanceAdminScope.objects.filter(
        unit_id__in=subject.unit.ancestor_ids, user__groups__name=Role.PERFORMANCE_ADMIN
    ).values("user_id")
    return Employee.objects.filter(user_id__in=users, is_active=True)
