"""Update many rows with different values in one statement.

Django's bulk_update compiles a CASE expression per row and field, which dominates a sweep over
tens of thousands of rows. On PostgreSQL this joins a VALUES list instead; elsewhere it falls back
to bulk_update.
"""

from collections.abc import Sequence
from typing import cast

from django.db import connection, models


def bulk_set(objs: Sequence[models.Model], fields: list[str], batch_size: int = 2000) -> None:
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objs, fields, batch_size=500)
        return
    columns = _columns(model, fields)
    rows = [
        (obj.pk, *(c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns))
        for obj in objs
    ]
    _values_update(model, columns, rows, batch_size)


def bulk_set_rows(
    model: type[models.Model], fields: list[str], rows: Sequence[Sequence], batch_size: int = 2000
) -> None:
    """Like bulk_set, from (pk, value...) tuples in `fields` order: no model instances. Values
    are what the driver takes for the column (datetimes, strings, numbers)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objs = [model(pk=row[0], **dict(zip(fields, row[1:], strict=True))) for row in rows]
        model._default_manager.bulk_update(objs, fields, batch_size=500)
        return
    _values_update(model, _columns(model, fields), rows, batch_size)


def _columns(model: type[models.Model], fields: list[str]) -> list[models.Field]:
    return [cast(models.Field, model._meta.get_field(f)) for f in fields]


def _values_update(
    model: type[models.Model], columns: list[models.Field], rows: Sequence[Sequence], size: int
) -> None:
    meta = model._meta
    assignments = ", ".join(f'"{c.column}" = v."{c.column}"' for c in columns)
    names = ", ".join(f'"{c.column}"' for c in columns)
    row_sql = "(" + ", ".join(["%s::bigint"] + [f"%s::{c.db_type(connection)}" for c in columns])
    row_sql += ")"
    table, pk = meta.db_table, meta.pk.column
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        params = [value for row in chunk for value in row]
        # Identifiers come from model metadata, every value is a bound parameter.
        sql = f'UPDATE "{table}" AS t SET {assignments} '  # noqa: S608
        sql += f"FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v(id, {names}) "
        sql += f'WHERE t."{pk}" = v.id'
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def bulk_insert(model: type[models.Model], fields: list[str], rows: Sequence[Sequence]) -> None:
    """Insert many rows given as tuples in `fields` order, without building model instances.

    On PostgreSQL this streams them with COPY; elsewhere it falls back to bulk_create. Values are
    stored as given: callers pass what the columns hold (JSON fields take dicts).
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**dict(zip(fields, row, strict=True))) for row in rows]
        )
        return
    from psycopg.types.json import Jsonb

    meta = model._meta
    columns = [cast(models.Field, meta.get_field(f)) for f in fields]
    json_at = [i for i, c in enumerate(columns) if isinstance(c, models.JSONField)]
    names = ", ".join(f'"{c.column}"' for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f'COPY "{meta.db_table}" ({names}) FROM STDIN') as copy,
    ):
        for row in rows:
            if json_at:
                row = list(row)
                for i in json_at:
                    row[i] = Jsonb(row[i])
            copy.write_row(row)
