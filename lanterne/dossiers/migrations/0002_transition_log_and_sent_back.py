import django_fsm
from django.db import migrations, models


def say_send_back(apps, schema_editor):
    """Dossiers say "send back" like reports and returns: rename the state and the step."""
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierTransition = apps.get_model("dossiers", "DossierTransition")
    Dossier.objects.filter(state="returned").update(state="sent_back")
    DossierTransition.objects.filter(source="returned").update(source="sent_back")
    DossierTransition.objects.filter(target="returned").update(target="sent_back")
    DossierTransition.objects.filter(name="return_for_completion").update(name="send_back")


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(say_send_back, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='dossier',
            name='state',
            field=django_fsm.FSMField(choices=[('draft', 'brouillon'), ('submitted', 'déposé'), ('under_review', 'en instruction'), ('sent_back', 'renvoyé pour compléments'), ('in_committee', 'en comité'), ('accepted', 'retenu'), ('refused', 'refusé'), ('closed', 'classé sans suite'), ('withdrawn', 'retiré par le porteur')], default='draft', max_length=16, protected=True, verbose_name='état'),
        ),
        migrations.AlterField(
            model_name='dossiertransition',
            name='source',
            field=models.CharField(max_length=24, verbose_name='de'),
        ),
        migrations.AlterField(
            model_name='dossiertransition',
            name='target',
            field=models.CharField(max_length=24, verbose_name='vers'),
        ),
    ]
