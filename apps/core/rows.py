"""Model instances from a hand-written SELECT, for the few reads on the busiest path.

Why: Django spends most of a simple query's CPU building its SQL — 0.8 of the 1.1 ms that the
recording's work-result lookup (four tables joined) cost, on every daily entry (issue 14: 200
entries/s on two CPUs). A statement written once and run with parameters, whose columns are
turned into instances the way the ORM does it (``Model.from_db`` after each field's database
converters), costs 0.3 ms. Used only where a measurement says so (docs/design.md, "Speed on the
hot path"); everything else, and every write, goes through the ORM.

    sql = f"SELECT {columns(ApiToken, 't')}, {columns(User, 'u')} FROM ... WHERE ..."
    token, user = fetch_one(sql, params, (ApiToken, User)) or (None, None)
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import Col


@cache
def columns(model: type[Model], alias: str) -> str:
    """The select list of ``model``'s columns, in field order, from the table named ``alias``."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column or field.attname)}" for field in model._meta.concrete_fields)


@cache
def _loader(model: type[Model], vendor: str) -> tuple[list[str], list[tuple[int, list, Col]]]:
    """The model's attribute names and, per column, the converters the ORM would apply to it."""
    fields = model._meta.concrete_fields
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    return [field.attname for field in fields], converters


def instances(row: Sequence, models: Sequence[type[Model]]) -> list[Model]:
    """One instance per model from a row holding each model's ``columns`` one after another."""
    found, start = [], 0
    for model in models:
        names, converters = _loader(model, connection.vendor)
        values = list(row[start:start + len(names)])
        for position, steps, column in converters:
            for convert in steps:
                values[position] = convert(values[position], column, connection)
        found.append(model.from_db(connection.alias, names, values))
        start += len(names)
    return found


def fetch_one(sql: str, params: Sequence, models: Sequence[type[Model]]) -> list[Model] | None:
    """The first row of ``sql`` as instances of ``models``, or None when there is none."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else instances(row, models)
