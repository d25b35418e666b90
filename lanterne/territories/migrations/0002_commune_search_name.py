"""A normalised copy of each commune's name, indexed, so that a search by its first letters
ignores case and accents and is answered from an index on SQLite and PostgreSQL alike."""

from django.db import migrations, models

from lanterne.territories.search import search_key


def fill_search_names(apps, schema_editor):
    Commune = apps.get_model("territories", "Commune")
    communes = list(Commune.objects.only("code", "name"))
    for commune in communes:
        commune.search_name = search_key(commune.name)
    Commune.objects.bulk_update(communes, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="commune",
            name="search_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=150,
                verbose_name="nom pour la recherche",
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
    ]
