"""Last year's dossier: one selector (`dossiers.selectors.previous_dossiers`) read by the
create page and by `dossier_create`."""

from lanterne.dossiers import services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.selectors import previous_dossier, previous_dossiers
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.territories.factories import RegionFactory


def test_the_latest_accepted_dossier_of_an_earlier_call_of_the_region():
    """Only accepted dossiers of earlier years, in the call's région, count; the latest wins."""
    older = DossierFactory(state=DossierState.ACCEPTED, call__year=2022)
    applicant, region = older.applicant, older.call.region
    latest = DossierFactory(state=DossierState.ACCEPTED, applicant=applicant, call__region=region)
    DossierFactory(
        state=DossierState.REFUSED, applicant=applicant, call__region=region, call__year=2024
    )
    DossierFactory(state=DossierState.ACCEPTED, applicant=applicant, call__year=2024)
    call = CallFactory(region=region, year=2025)
    DossierFactory(state=DossierState.ACCEPTED, applicant=applicant, call=call)
    assert previous_dossiers(call, [applicant]) == {applicant.pk: latest}
    assert previous_dossier(applicant, call) == latest


def test_none_in_another_region():
    """A dossier accepted in another région is not last year's dossier here."""
    elsewhere = DossierFactory(state=DossierState.ACCEPTED)
    call = CallFactory(region=RegionFactory(code="32"), year=2025)
    assert previous_dossier(elsewhere.applicant, call) is None
    assert previous_dossiers(call, [elsewhere.applicant]) == {}


def test_a_new_dossier_records_last_years_dossier():
    """Without carrying its content over, a new dossier still points to last year's one."""
    previous = DossierFactory(state=DossierState.ACCEPTED)
    call = CallFactory(open_now=True, region=previous.call.region, year=2025)
    dossier = services.dossier_create(
        call=call, applicant=previous.applicant, title="Suite", by=dossier_applicant(previous)
    )
    assert dossier.previous_dossier == previous
