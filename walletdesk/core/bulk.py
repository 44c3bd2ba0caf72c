"""Many rows in one statement, cheaper than the ORM's bulk methods where it matters.

Django's bulk_update compiles a CASE expression per row and field, which dominates a sweep over
tens of thousands of rows: on PostgreSQL bulk_set joins a VALUES list instead (elsewhere it falls
back to bulk_update). bulk_insert streams rows with COPY; bulk_create_lean inserts model
instances with a statement kept per model and row count (ticket creation's inserts). The VALUES
updates and the inserts bind their parameters server-side on PostgreSQL (native $n
placeholders), in statements of at most MAX_PARAMETERS parameters.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from django.db import connection, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


def bulk_set(objs: Sequence[models.Model], fields: list[str], batch_size: int = 2000) -> None:
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objs, fields, batch_size=500)
        return
    columns = _columns(model, fields)
    prepare = [(c, _ready_kind(c)) for c in columns]
    rows = [
        (obj.pk, *(_prepared(c, getattr(obj, c.attname), k) for c, k in prepare)) for obj in objs
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


MAX_PARAMETERS = 65_535  # PostgreSQL's limit for one statement with server-side binding


def _values_update(
    model: type[models.Model], columns: list[models.Field], rows: Sequence[Sequence], size: int
) -> None:
    meta = model._meta
    assignments = ", ".join(f'"{c.column}" = v."{c.column}"' for c in columns)
    names = ", ".join(f'"{c.column}"' for c in columns)
    types = ["bigint"] + [str(c.db_type(connection)) for c in columns]
    table, pk = meta.db_table, meta.pk.column
    size = min(size, MAX_PARAMETERS // len(types))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        params = [value for row in chunk for value in row]
        values = _numbered_rows(len(chunk), [f"::{t}" for t in types])
        # Identifiers come from model metadata, every value is a bound parameter.
        sql = f'UPDATE "{table}" AS t SET {assignments} '  # noqa: S608
        sql += f"FROM (VALUES {values}) AS v(id, {names}) "
        sql += f'WHERE t."{pk}" = v.id'
        with _lean_cursor() as cursor:
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


_INSERTS: dict[tuple[type[models.Model], int, str], str] = {}


def bulk_create_lean[M: models.Model](objs: Sequence[M]) -> Sequence[M]:
    """bulk_create for the hot write path (ticket creation): one INSERT ... VALUES ...
    RETURNING pk over the model's concrete fields, its text kept per model and row count.
    Django's bulk_create compiles an insert query on every call, about half its CPU for a few
    rows. As there: pre_save runs (auto_now), ids of related objects saved meanwhile are
    copied, the new primary keys are set back, and no signals are sent. Plain models only."""
    if not objs:
        return objs
    model = type(objs[0])
    fields = _insert_fields(model)
    if len(objs) * len(fields) > MAX_PARAMETERS:
        step = MAX_PARAMETERS // len(fields)
        for start in range(0, len(objs), step):
            bulk_create_lean(objs[start : start + step])
        return objs
    relations = [f for f in fields if isinstance(f, models.ForeignKey)]
    kinds = _ready_kinds(model)
    params: list = []
    for obj in objs:
        for relation in relations:  # a related object saved after this one was built
            if getattr(obj, relation.attname) is None and relation.is_cached(obj):
                related = relation.get_cached_value(obj)
                if related is not None:
                    setattr(obj, relation.attname, related.pk)
        for f, kind in zip(fields, kinds, strict=True):
            params.append(_prepared(f, f.pre_save(obj, True), kind))
    with _lean_cursor() as cursor:
        cursor.execute(_insert_sql(model, fields, len(objs)), params)
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


# Field classes whose value Django passes to PostgreSQL as it is when it already has this type
# (integers in the driver's sized wrapper, as Django does with psycopg 3).
_AS_IS: dict[type[models.Field], type] = {
    **dict.fromkeys((models.CharField, models.TextField, models.SlugField), str),
    **dict.fromkeys((models.EmailField, models.URLField), str),
    **dict.fromkeys((models.BooleanField,), bool),
    **dict.fromkeys((models.DateTimeField,), datetime),
    **dict.fromkeys(
        (
            models.IntegerField,
            models.SmallIntegerField,
            models.BigIntegerField,
            models.PositiveIntegerField,
            models.PositiveSmallIntegerField,
            models.PositiveBigIntegerField,
        ),
        int,
    ),
}
Ready = tuple[type, Callable[[Any], Any] | None] | None  # the type, and the wrapper to apply
_KINDS: dict[tuple[type[models.Model], str], list[Ready]] = {}


def _insert_fields(model: type[models.Model]) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _ready_kinds(model: type[models.Model]) -> list[Ready]:
    """Per inserted field (_insert_fields), the Python type whose values need no preparation
    by the field (None: ask the field). On PostgreSQL only: elsewhere Django converts datetimes
    to text, for one."""
    kinds = _KINDS.get((model, connection.vendor))
    if kinds is None:
        postgresql = connection.vendor == "postgresql"
        kinds = [_ready_kind(f) if postgresql else None for f in _insert_fields(model)]
        _KINDS[(model, connection.vendor)] = kinds
    return kinds


def _ready_kind(field: models.Field) -> Ready:
    if type(field) is models.ForeignKey:  # the related primary key, unwrapped
        target = type(field.target_field)
        return (int, None) if target in (models.AutoField, models.BigAutoField) else None
    kind = _AS_IS.get(type(field))
    if kind is None:
        return None
    sized = getattr(connection.ops, "integerfield_type_map", {})
    return kind, sized.get(field.get_internal_type()) if kind is int else None


def _prepared(field: models.Field, value: Any, kind: Ready) -> Any:
    """What get_db_prep_save returns, without its call chain where the answer is known:
    Django's own preparation of every column was a tenth of ticket creation's CPU."""
    if kind is None or (value is not None and type(value) is not kind[0]):
        return field.get_db_prep_save(value, connection)
    if value is None:
        return None
    if kind[0] is datetime and cast(datetime, value).tzinfo is None:
        return field.get_db_prep_save(value, connection)  # naive: Django warns and converts
    return value if kind[1] is None else kind[1](value)


def _lean_cursor() -> CursorWrapper:
    """On PostgreSQL a cursor with server-side binding and native placeholders ($1, $2...):
    psycopg sends the parameters as they are instead of parsing the statement for %s and
    quoting each value into it, which it does again on every call once a statement has more
    than 50 parameters (most of these inserts' CPU in the driver). Django's wrapper keeps
    query logging and execute wrappers. Elsewhere the usual cursor."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from psycopg import RawCursor

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = RawCursor(connection.connection)
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    return wrapper(raw, connection)


def _numbered_rows(rows: int, casts: list[str]) -> str:
    """`($1::t1, $2::t2), ($3::t1, $4::t2)`: native placeholders for `rows` rows of one column
    per cast ("" for none)."""
    width = len(casts)
    return ", ".join(
        "(" + ", ".join(f"${r * width + i + 1}{cast}" for i, cast in enumerate(casts)) + ")"
        for r in range(rows)
    )


def _insert_sql(model: type[models.Model], fields: list, rows: int) -> str:
    sql = _INSERTS.get((model, rows, connection.vendor))
    if sql is None:
        q = connection.ops.quote_name
        width = len(fields)
        if connection.vendor == "postgresql":
            values = _numbered_rows(rows, [""] * width)
        else:
            values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * rows)
        columns = ", ".join(q(f.column) for f in fields)
        sql = (
            f"INSERT INTO {q(model._meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES {values} RETURNING {q(str(model._meta.pk.column))}"
        )
        _INSERTS[(model, rows, connection.vendor)] = sql
    return sql
