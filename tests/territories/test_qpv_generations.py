"""A quarter whose QPV code changed (the 2015 list replaced by the 2024 one) is offered once,
under the code in force; a code already chosen stays shown where it was chosen."""

import datetime

from django.urls import reverse

from lanterne.territories.models import Qpv
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.territories.factories import CommuneFactory, QpvFactory


def two_generations(commune):
    old = QpvFactory(
        code="QP031007",
        name="Grand Mirail",
        valid_from=datetime.date(2015, 1, 1),
        valid_until=datetime.date(2023, 12, 31),
    )
    new = QpvFactory(code="QN03191X", name="Grand Mirail", valid_from=datetime.date(2024, 1, 1))
    for qpv in (old, new):
        qpv.communes.add(commune)
    return old, new


def test_in_force_on_keeps_one_generation():
    commune = CommuneFactory()
    old, new = two_generations(commune)
    undated = QpvFactory(name="Sans dates")
    undated.communes.add(commune)
    assert set(Qpv.objects.in_force_on(datetime.date(2023, 6, 1))) == {old, undated}
    assert set(Qpv.objects.in_force_on(datetime.date(2024, 2, 1))) == {new, undated}


def test_choices_keep_an_older_code_already_chosen():
    commune = CommuneFactory()
    old, new = two_generations(commune)
    day = datetime.date(2024, 2, 1)
    assert list(Qpv.objects.choices_for([commune], on=day)) == [new]
    assert set(Qpv.objects.choices_for([commune], on=day, chosen=[old])) == {old, new}


def test_dossier_page_offers_each_quarter_once(login):
    """The 2024 call's actions start in February 2024: its dossiers are offered the new code."""
    dossier = DossierFactory(call__open_now=False)
    commune = CommuneFactory()
    dossier.communes.add(commune)
    two_generations(commune)
    page = login(dossier_applicant(dossier)).get(reverse("dossiers:detail", args=[dossier.pk]))
    text = page.content.decode()
    assert 'value="QN03191X"' in text
    assert 'value="QP031007"' not in text
