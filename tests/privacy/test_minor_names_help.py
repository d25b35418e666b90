"""Free-text fields about participants ask, beside the field, not to write minors' names."""

import html

from django.urls import reverse
from django.utils import translation

from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.www.observatory.forms import ReturnForm
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.observatory.factories import IndicatorFactory
from tests.projects.factories import project, project_applicant

HELP = str(NO_MINOR_NAMES)


def _helped_fields(text: str) -> int:
    return html.unescape(text).count(HELP)


def test_dossier_public_intention_and_actions_carry_the_help(login):
    """The draft's public, intention and planned-action forms show the help."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    text = login(dossier_applicant(dossier)).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert _helped_fields(text) >= 3
    assert 'id="id_public-public_description_helptext"' in text


def test_report_narrative_and_justifications_carry_the_help(login):
    """The report's three narrative fields show the help, and the figures' table once for the
    justifications."""
    p = project()
    text = login(project_applicant(p)).get(reverse("projects:report", args=[p.pk])).text
    assert _helped_fields(text) == 4
    assert 'id="id_youth_words_helptext"' in text
    assert 'id="justification-help"' in text


def test_action_and_workshop_film_carry_the_help(login):
    """An action's description, and a workshop film's synopsis and group, show the help."""
    p = project()
    action = p.actions.first()
    text = login(project_applicant(p)).get(reverse("projects:action", args=[action.pk])).text
    assert 'id="id_description_helptext"' in text
    assert _helped_fields(text) >= 1


def test_observatory_comment_carries_the_help():
    indicator = IndicatorFactory()
    form = ReturnForm(indicators=[indicator], values={}, previous={})
    assert form[f"i{indicator.pk}_comment"].help_text == NO_MINOR_NAMES


def test_help_is_translated():
    with translation.override("en"):
        assert str(NO_MINOR_NAMES).startswith("Do not write the names of minors")
