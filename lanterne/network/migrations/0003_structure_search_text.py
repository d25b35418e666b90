from django.db import migrations, models

from lanterne.core.text import fold

TRIGRAM_INDEX = "network_structure_search_trgm"


def fill_search_text(apps, schema_editor):
    Structure = apps.get_model("network", "Structure")
    structures = list(Structure.objects.select_related("commune"))
    for structure in structures:
        commune = structure.commune.name if structure.commune_id else ""
        structure.search_text = fold(" ".join(filter(None, [structure.name, structure.acronym,
                                                           commune])))
    Structure.objects.bulk_update(structures, ["search_text"], batch_size=1000)


def add_trigram_index(apps, schema_editor):
    # PostgreSQL only: substring search served by a trigram index. SQLite scans, which is
    # fine at the size of a demo database.
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
        ("network", "0002_structure_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="structure",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
