from lanterne.accounts.scoping import scope_for
from tests.accounts.factories import applicant, coordinator, network_admin
from tests.territories.factories import DepartementFactory, RegionFactory


def test_coordinator_of_a_whole_region_covers_all_its_departements():
    """A pôle that lists no département covers every département of its région."""
    region = RegionFactory(code="76")
    DepartementFactory(code="31", region=region)
    DepartementFactory(code="34", region=region)
    DepartementFactory(code="59")
    user = coordinator(region=region)
    assert scope_for(user).coordinated_departements == {"31", "34"}


def test_coordinator_of_part_of_a_region_covers_only_its_departements():
    """Hauts-de-France south: a coordination listing départements covers only those."""
    region = RegionFactory(code="32")
    aisne = DepartementFactory(code="02", region=region)
    DepartementFactory(code="59", region=region)
    user = coordinator(region=region, departements=[aisne])
    assert scope_for(user).coordinated_departements == {"02"}


def test_applicant_and_anonymous_have_no_perimeter(django_user_model):
    """Only coordinators have a territorial perimeter; network admins see everything."""
    from django.contrib.auth.models import AnonymousUser

    assert scope_for(applicant()).coordinated_departements == frozenset()
    assert not scope_for(AnonymousUser()).is_authenticated
    assert scope_for(network_admin()).sees_all()


def test_who_sees_all():
    """A network admin reads the whole network and observatory, not every application
    (dossiers, committees, projects belong to their région's coordination)."""
    admin = scope_for(network_admin())
    assert admin.sees_all()
    assert not admin.sees_all(applications=True)
    assert not scope_for(applicant()).sees_all()
