from django.db import migrations

TRIGRAM_INDEX = "network_structure_search_trgm"


def add_trigram_index(apps, schema_editor):
    # PostgreSQL only: substring search on the folded name served by a trigram index. SQLite
    # scans, which is fine at the size of a demo database.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON network_structure "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
