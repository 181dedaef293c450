"""On PostgreSQL the access log becomes a table partitioned by month (see boks/audit/partitions.py).

The rows, indexes (same names, so Django's migration state still matches), foreign keys and the
append-only trigger move to the partitioned table; the primary key becomes (id, moment), as a
partitioned table requires, and id keeps counting from a sequence. The partitions cover every month
with rows and the coming months; a default partition catches anything else. Rows whose
organisation was not recorded yet get it from their household's team.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import migrations

TABLE = "audit_toegang"
OLD = "audit_toegang_v1"


def _rows(cursor, sql, params=None):
    cursor.execute(sql, params or [])
    return cursor.fetchall()


def partition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from boks.audit import partitions

    with connection.cursor() as cursor:
        indexes = _rows(
            cursor,
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
            [TABLE, f"{TABLE}_pkey"],
        )
        foreign_keys = _rows(
            cursor,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [TABLE],
        )
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        # Frees the name audit_toegang_id_seq; the new sequence continues after the highest id.
        cursor.execute(f"ALTER TABLE {OLD} ALTER COLUMN id DROP IDENTITY IF EXISTS")
        cursor.execute(f"DROP TRIGGER IF EXISTS audit_toegang_append_only ON {OLD}")
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {OLD} DROP CONSTRAINT "{name}"')
        cursor.execute(f"ALTER TABLE {OLD} DROP CONSTRAINT {TABLE}_pkey")

        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (moment)"
        )
        cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, moment)")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(f"CREATE TABLE {partitions.DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")

        first = _rows(cursor, f"SELECT min(moment) FROM {OLD}")[0][0]
        month = partitions.month_start((first.date() if first else datetime.date.today()))
        last = partitions.month_start(datetime.date.today()) + relativedelta(months=partitions.MONTHS_AHEAD)
        while month <= last:
            partitions.create_partition(month)
            month += relativedelta(months=1)

        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")
        cursor.execute(
            f"UPDATE {TABLE} SET organisatie_id = team.organisatie_id FROM dossiers_huishouden huishouden "
            f"JOIN accounts_team team ON team.id = huishouden.team_id "
            f"WHERE {TABLE}.organisatie_id IS NULL AND huishouden.id = {TABLE}.huishouden_id"
        )
        cursor.execute(f"SELECT setval('{TABLE}_id_seq', COALESCE((SELECT max(id) FROM {TABLE}), 0) + 1, false)")
        cursor.execute(f"DROP TABLE {OLD}")
        cursor.execute(
            f"CREATE TRIGGER audit_toegang_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_toegang_append_only()"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_organisatie"),
        ("dossiers", "0003_noodtoegang"),
    ]

    # One way: turning the partitioned table back into a plain one is a restore from backup.
    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
