"""R-AUDIT: every change of a plan is a PlanEvent; each is also sent live to the plan's
subscribers (``planProgress``)."""
from __future__ import annotations

from apps.core import events

from .models import PlanEvent


def record(**fields) -> PlanEvent:
    event = PlanEvent.objects.create(**fields)
    plan = event.plan
    events.publish([events.plan_group(plan.pk)], events.PLAN_EVENT,
                   {"plan_id": plan.pk, "kind": event.kind, "status": plan.status, "event_id": event.pk})
    return event
