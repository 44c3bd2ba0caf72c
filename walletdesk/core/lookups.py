"""`field__any_of=[...]`: membership in a long list of values with one bound parameter.

`__in` compiles a placeholder per value, and psycopg parses a statement of more than 50
parameters again on every call; the SLA sweep filters by thousands of ids per batch. On
PostgreSQL this renders `field = ANY(%s)` with the list as one array parameter; elsewhere it is
`__in` (SQLite's limit of 250,000 host parameters is far away)."""

from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In


@ForeignObject.register_lookup  # foreign keys keep a lookup registry of their own
@Field.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return In(self.lhs, list(self.rhs)).as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]
