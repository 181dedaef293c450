"""Fast inserts of generated rows: COPY on PostgreSQL, batched INSERTs elsewhere.

The generator hands over plain tuples for the fields it decides; every other column gets the model
field's default, computed once. Ids are handed out here (from the table's current maximum), so
children can point at parents before anything is written, and the sequences are moved past them
at the end. Rows bypass the ORM: no signals, no django-simple-history rows, no `full_clean`.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

BATCH = 20_000


class Table:
    def __init__(self, writer: "Writer", model: type[models.Model], fields: Sequence[str]):
        self.writer = writer
        self.model = model
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [f for f in meta.local_concrete_fields if f.name not in fields and not f.primary_key]
        self.fields = [meta.pk, *given, *rest]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.columns = [f.column for f in self.fields]
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, *values) -> int:
        """Queues one row; returns its id."""
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values, *self.defaults))
        if len(self.rows) >= BATCH:
            # Everything, parents first: a child row never reaches the database before its parent.
            self.writer.flush()
        return row_id

    def flush(self) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 (names from the model)
                    [self._prep(row) for row in self.rows],
                )
        self.count += len(self.rows)
        self.rows = []

    def _prep(self, row: tuple) -> list:
        given = len(self.fields) - len(self.defaults)
        return [
            field.get_db_prep_save(value, connection) if index < given else value
            for index, (field, value) in enumerate(zip(self.fields, row, strict=True))
        ]


class Writer:
    """Tables in the order they were declared, which is the order parents come before children."""

    def __init__(self):
        self.tables: list[Table] = []

    def table(self, model: type[models.Model], fields: Iterable[str]) -> Table:
        table = Table(self, model, list(fields))
        self.tables.append(table)
        return table

    def flush(self) -> None:
        for table in self.tables:
            table.flush()

    @contextmanager
    def indexes_built_after(self) -> Iterator[None]:
        """Drops the tables' foreign keys and secondary indexes for the load and builds them again after.

        Building an index once over all rows is several times faster than keeping it up to date row by
        row, and a foreign key is checked per row by a trigger. Primary keys and unique constraints
        stay, so a duplicate still fails the load. If the load fails, they are built again all the same.
        """
        if connection.vendor != "postgresql":
            yield
            return
        tables = sorted({t.model._meta.db_table for t in self.tables})
        with connection.cursor() as cursor:
            self._check_pending_foreign_keys(cursor)
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
                [tables],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
                [tables],
            )
            indexes = cursor.fetchall()
            for table, name, _definition in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        try:
            yield
            self.flush()
        finally:
            with connection.cursor() as cursor:
                self._check_pending_foreign_keys(cursor)
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for _name, definition in indexes:
                    # A partitioned table's index reads "ON ONLY"; without it, every partition gets one too.
                    cursor.execute(definition.replace(" ON ONLY ", " ON ", 1))
                for table, name, definition in foreign_keys:
                    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
                cursor.execute("RESET maintenance_work_mem")
                if connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    @staticmethod
    def _check_pending_foreign_keys(cursor) -> None:
        """Inside a transaction (tests), rows written earlier still have their deferred foreign-key
        checks queued, and PostgreSQL refuses to alter a table with queued checks: run them now."""
        if connection.in_atomic_block:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def finish(self) -> dict[str, int]:
        self.flush()
        statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in self.tables])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        counts: dict[str, int] = {}
        for table in self.tables:
            counts[table.model._meta.label] = counts.get(table.model._meta.label, 0) + table.count
        return counts
