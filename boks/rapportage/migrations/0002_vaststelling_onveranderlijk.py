"""On PostgreSQL the database itself refuses to change or delete a frozen report, so not even a
script or a manual UPDATE past the ORM can alter published figures."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION rapportage_vaststelling_onveranderlijk() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Een vastgesteld rapport verandert niet en blijft bewaard.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER rapportage_vaststelling_onveranderlijk
    BEFORE UPDATE OR DELETE ON rapportage_vaststelling
    FOR EACH ROW EXECUTE FUNCTION rapportage_vaststelling_onveranderlijk();
"""

DROP = """
DROP TRIGGER IF EXISTS rapportage_vaststelling_onveranderlijk ON rapportage_vaststelling;
DROP FUNCTION IF EXISTS rapportage_vaststelling_onveranderlijk();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
