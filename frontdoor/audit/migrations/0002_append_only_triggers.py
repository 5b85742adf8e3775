"""Make the audit tables append-only in the database itself.

Triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on audit_event and
audit_recordview. The only way round them is the test-only `flush` command in
frontdoor/audit/management/commands/flush.py, which refuses to run in production.
"""

from django.db import migrations

TABLES = ["audit_event", "audit_recordview"]


def sqlite_statements(table):
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
    ]


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION frontdoor_refuse_audit_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def postgres_statements(table):
    return [
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION frontdoor_refuse_audit_change();",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION frontdoor_refuse_audit_change();",
    ]


def create(apps, schema_editor):
    install_triggers(schema_editor.connection)


def drop(apps, schema_editor):
    remove_triggers(schema_editor.connection)


def install_triggers(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in TABLES:
                for sql in postgres_statements(table):
                    cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for table in TABLES:
                for sql in sqlite_statements(table):
                    cursor.execute(sql)


def remove_triggers(connection):
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            elif connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
