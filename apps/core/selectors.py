"""Reads that every app's rows share: one row again by its primary key. For the schema, which
maps what services return and must not build querysets itself (docs/design.md, Layers)."""
from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def row(queryset: QuerySet[M], pk: int) -> QuerySet[M]:
    """The row ``pk`` of ``queryset`` (a selector's, already scoped to the viewer), as a queryset."""
    return queryset.filter(pk=pk)


def row_of(instance: M) -> QuerySet[M]:
    """An instance's own row, as a queryset (for the optimizer to load what a selection asks)."""
    return type(instance)._default_manager.filter(pk=instance.pk)


def fresh(instance: M) -> M:
    """An instance read again (1 query): what a service saved, with every field as stored."""
    return type(instance)._default_manager.get(pk=instance.pk)
