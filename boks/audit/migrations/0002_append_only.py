from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_toegang_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het toegangslog kan alleen worden aangevuld (% geweigerd).', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_toegang_append_only
    BEFORE UPDATE OR DELETE ON audit_toegang
    FOR EACH ROW EXECUTE FUNCTION audit_toegang_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_toegang_append_only ON audit_toegang;
DROP FUNCTION IF EXISTS audit_toegang_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    """The database itself refuses to change or delete access-log rows (TRUNCATE stays possible for the
    table owner only; production grants the application no TRUNCATE, see docs/security.md)."""

    dependencies = [("audit", "0001_toegangslog")]

    operations = [migrations.RunPython(create, drop)]
