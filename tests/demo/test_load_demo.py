from io import StringIO

from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanterne.accounts.models import Membership, User
from lanterne.accounts.scoping import scope_for
from lanterne.calls.models import Call
from lanterne.demo import fictive
from lanterne.dossiers.models import Dossier
from lanterne.network.enums import StructureKind
from lanterne.network.models import Coordination, Pole, Structure


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_demo_builds_the_real_network_and_one_account_per_role():
    """The demo loads the shipped territories, the 17 structures of the 2024-2025 network of
    pôles in 10 régions, fictive applicants, and prints one login per role; rerunning it changes
    nothing."""
    output = load()

    pole_structures = Structure.objects.filter(kind=StructureKind.POLE, is_fictitious=False)
    assert pole_structures.count() == 17
    assert Pole.objects.count() == 10
    assert Pole.objects.values("region").distinct().count() == 10
    # Hauts-de-France has two Passeurs d'images coordinations, north and south.
    hdf = Coordination.objects.filter(region="32")
    assert hdf.count() == 2 and all(c.departements.exists() for c in hdf)
    assert Structure.objects.get(slug="pole-image-maroni").commune.code == "97311"
    assert Structure.objects.filter(is_fictitious=True).exists()

    for demo_user in fictive.USERS:
        assert demo_user.email in output
        assert User.objects.get(email=demo_user.email).check_password(fictive.DEMO_PASSWORD)
    assert fictive.DEMO_PASSWORD in output
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"applicant", "coordinator", "committee_member", "speaker", "network_admin"}

    occitanie = User.objects.get(email="coordination.occitanie@lanterne.example")
    assert "31" in scope_for(occitanie).coordinated_departements
    visible = Structure.objects.visible_to(occitanie)
    assert visible.filter(slug="centre-social-les-tilleuls", is_listed=False).exists()
    assert not visible.filter(slug="maison-de-quartier-du-moulin").exists()

    # The two coordinations of Hauts-de-France each carry a call and see their own dossier only.
    north = User.objects.get(email="coordination.hdf-nord@lanterne.example")
    south = User.objects.get(email="coordination.hdf-sud@lanterne.example")
    hdf_dossiers = Dossier.objects.filter(call__region="32")
    assert {d.title for d in hdf_dossiers.visible_to(north)} == {"Roubaix tourne son film"}
    assert {d.title for d in hdf_dossiers.visible_to(south)} == {"Ciné-jardins du Faubourg d'Isle"}
    assert {c.coordination.slug for c in Call.objects.managed_by(south)} == {
        "acap-pole-regional-image"
    }
    # The accounts whose roles require a second factor come enrolled with the printed secret and
    # recovery code; applicants (porteur@, with which scripts/check_demo.sh signs in) do not.
    assert "NRQW 45DF OJXG KLLE MVWW 6LLU N52H AIJB" in output
    assert "abri-demo" in output
    enrolled = set(TOTPDevice.objects.values_list("user__email", flat=True))
    assert "coordination.occitanie@lanterne.example" in enrolled
    assert {"admin@lanterne.example", "reseau@lanterne.example"} <= enrolled
    assert "comite.drac@lanterne.example" in enrolled
    assert "porteur@lanterne.example" not in enrolled
    assert not User.objects.filter(email__startswith="porteur", totpdevice__isnull=False).exists()
    StaticToken.objects.filter(token=fictive.DEMO_RECOVERY_CODE).first().delete()

    counts = (Structure.objects.count(), Membership.objects.count(), User.objects.count())
    load(skip_territories=True)
    assert (Structure.objects.count(), Membership.objects.count(), User.objects.count()) == counts
    # Rerunning restores the recovery code a visitor used.
    assert StaticToken.objects.filter(token=fictive.DEMO_RECOVERY_CODE).count() == len(enrolled)
    assert TOTPDevice.objects.count() == len(enrolled)


def test_demo_shows_invitations_in_every_state():
    """The Occitanie coordinator's list shows pending, expired, revoked and accepted
    invitations, and the printed demo link opens the accept page of a pending one."""
    from lanterne.accounts.enums import InvitationStatus
    from lanterne.accounts.invitations import invitation_for_key
    from lanterne.accounts.models import Invitation

    output = load()
    load()
    occitanie = User.objects.get(email="coordination.occitanie@lanterne.example")
    statuses = {i.status for i in Invitation.objects.visible_to(occitanie)}
    assert statuses == set(InvitationStatus)
    assert Invitation.objects.count() == 6
    assert f"/invitation/{fictive.DEMO_INVITATION_KEY}/" in output
    assert invitation_for_key(fictive.DEMO_INVITATION_KEY).is_pending
