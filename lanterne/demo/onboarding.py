"""The demo's self sign-up: a person who opened an account herself and asks to join the
Maison de quartier du Moulin (Roubaix), waiting for Julie Vandamme (its member) or the north
coordination to decide; and who may apply to each call (the Hauts-de-France calls keep their
coordination's half of the région; the open Occitanie call is open to the whole région)."""

from lanterne.accounts.models import User
from lanterne.calls import services as call_services
from lanterne.calls.enums import ApplicantArea
from lanterne.calls.models import Call
from lanterne.network import services as network_services
from lanterne.network.models import JoinRequest, Structure

from . import fictive

CANDIDATE = fictive.DemoUser(
    "candidate_hdf",
    f"candidate.roubaix@{fictive.DEMO_DOMAIN}",
    "Sofia",
    "Benali",
    None,
    None,
    "inscrite elle-même — demande à rejoindre la Maison de quartier du Moulin (en attente)",
)


def load_onboarding() -> list[fictive.DemoUser]:
    user, created = User.objects.get_or_create(
        email=CANDIDATE.email,
        defaults={"first_name": CANDIDATE.first_name, "last_name": CANDIDATE.last_name},
    )
    if created:
        user.set_password(fictive.DEMO_PASSWORD)
        user.save()
    moulin = Structure.objects.get(slug="maison-de-quartier-du-moulin")
    if not JoinRequest.objects.filter(user=user, structure=moulin).exists():
        network_services.join_request_create(
            structure=moulin,
            by=user,
            message="Je viens d'être embauchée comme animatrice jeunesse à la Maison du Moulin.",
        )
    occitanie = Call.objects.filter(is_fictitious=True, region_id="76", copied_from__isnull=False)
    for call in occitanie.select_related("coordination"):
        if call.applicant_area != ApplicantArea.REGION:
            coordinator = User.objects.get(email=f"coordination.occitanie@{fictive.DEMO_DOMAIN}")
            call_services.call_update(
                call=call, by=coordinator, applicant_area=ApplicantArea.REGION
            )
    return [CANDIDATE]
