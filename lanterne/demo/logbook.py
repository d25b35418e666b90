"""The demo's logbook: the creation workshop of « Le Mirail fait son cinéma » keeps its carnet
de bord, its register of image-rights authorisations and three films.

Everything goes through the services, as the applicant's staff would: the group, its members
(pseudonyms and age bands only), the authorisations, posts with photos drawn here with Pillow
(shapes and colours: no real person, nothing to recognise), a post by the speaker waiting for
moderation, and three films — one published and in the public gallery, one meant for the public
but held back by a missing authorisation, one taken back by a withdrawal.

Rerunnable: built once, when the workshop has no group yet.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from lanterne.dossiers.enums import ActionType
from lanterne.logbook import services
from lanterne.logbook.enums import FilmGenre, MemberRole, ProofKind, Scope, Signatories
from lanterne.logbook.models import Consent, Member, WorkshopGroup
from lanterne.projects import services as project_services
from lanterne.projects.enums import AgeBand
from lanterne.projects.models import Project, WorkshopFilm

from . import fictive
from .calls import _applicant_user_for, _user, paris
from .clock import happened_at
from .projects import ACCEPTED_TITLE

GROUP_NAME = "Les reporters du Mirail (groupe fictif — démonstration)"

# (pseudonym, role, age band, scopes allowed or None for no authorisation)
EVERY_SCOPE = tuple(Scope.values)
PEOPLE = [
    ("Lina", MemberRole.YOUTH, AgeBand.AGE_12_15, EVERY_SCOPE),
    ("Inès", MemberRole.YOUTH, AgeBand.AGE_16_18, EVERY_SCOPE),
    ("Sami", MemberRole.YOUTH, AgeBand.AGE_12_15, (Scope.GROUP, Scope.NETWORK)),
    ("Noah", MemberRole.YOUTH, AgeBand.AGE_12_15, EVERY_SCOPE),
    ("Jade", MemberRole.YOUTH, AgeBand.UNDER_12, None),
    ("Karim", MemberRole.REFERENT, "", EVERY_SCOPE),
]

POSTS = [
    (
        "2024-03-06 17:30:00",
        "Première séance : on a découvert la caméra et le micro. Chacun a filmé un plan de la "
        "place. (Message de démonstration.)",
        "clap",
        (),
    ),
    (
        "2024-03-13 17:15:00",
        "Repérages au marché : Lina et Inès ont interviewé un commerçant (fictif).",
        "market",
        ("Lina", "Inès"),
    ),
    (
        "2024-03-20 17:20:00",
        "Tournage au coucher du soleil, sur le toit du centre social.",
        "sunset",
        ("Sami",),
    ),
]

# (title, seconds, typology, genre, synopsis, who appears, withdrawn from)
FILMS = [
    (
        "Ceux d'ici (film d'atelier fictif)",
        FilmGenre.PORTRAIT,
        ("Lina", "Inès"),
        None,
    ),
    (
        "Le Marché du dimanche (film d'atelier fictif)",
        FilmGenre.REPORT,
        ("Lina", "Sami"),
        None,
    ),
    (
        "Portraits du quartier (film d'atelier fictif)",
        FilmGenre.DRAMA,
        ("Inès", "Noah"),
        "Noah",
    ),
]
NEW_FILMS = {
    "Le Marché du dimanche (film d'atelier fictif)": (
        420,
        "Les étals, les voix, les odeurs : le marché filmé du lever au rangement.",
    ),
    "Portraits du quartier (film d'atelier fictif)": (
        480,
        "Six habitant·es racontent le quartier qu'ils ont vu changer.",
    ),
}


def drawn_photo(motif: str, size=(1200, 800)) -> bytes:
    """A picture drawn from shapes only: nobody can be recognised on it."""
    image = Image.new("RGB", size, "#1f3b57")
    draw = ImageDraw.Draw(image)
    width, height = size
    if motif == "clap":
        draw.rectangle((300, 320, 900, 640), fill="#222222")
        for index in range(6):
            x = 300 + index * 100
            draw.polygon([(x, 220), (x + 50, 220), (x + 100, 320), (x + 50, 320)], fill="#f5f5f5")
        draw.rectangle((320, 360, 880, 400), fill="#f5f5f5")
    elif motif == "market":
        for index, color in enumerate(["#e4572e", "#f3a712", "#29335c", "#669bbc", "#a8c686"]):
            x = 80 + index * 220
            draw.rectangle((x, 380, x + 180, 700), fill=color)
            draw.polygon([(x - 20, 380), (x + 90, 260), (x + 200, 380)], fill="#fafafa")
    else:
        for band in range(0, height, 8):
            shade = int(255 * band / height)
            draw.rectangle(
                (0, band, width, band + 8), fill=(255, 140 - shade // 3, 60 + shade // 4)
            )
        draw.ellipse(
            (width // 2 - 120, height // 2 - 20, width // 2 + 120, height // 2 + 220),
            fill="#ffd166",
        )
        draw.rectangle((0, height - 160, width, height), fill="#2b2d42")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _photo_upload(motif: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{motif}.jpg", drawn_photo(motif), content_type="image/jpeg")


def _consent(member: Member, scopes, by) -> Consent:
    signed_on = datetime.date(2024, 2, 26)
    return services.consent_record(
        member=member,
        by=by,
        consent=Consent(
            signatories=Signatories.BOTH_HOLDERS if member.is_minor else Signatories.SELF,
            minor_agreed=member.is_minor,
            signed_on=signed_on,
            expires_on=signed_on.replace(year=signed_on.year + 6),
            proof=ProofKind.ONLINE,
            online_signed_at=paris("2024-02-26 19:00:00"),
            online_reference="Signature en ligne de démonstration",
            **{f"allows_{scope}": True for scope in scopes},
        ),
    )


def load_logbook() -> WorkshopGroup | None:
    project = Project.objects.filter(title=ACCEPTED_TITLE, call__year=2024).first()
    if project is None:
        return None
    action = project.actions.filter(action_type=ActionType.CREATION_WORKSHOP).order_by("pk").first()
    if action is None:
        return None
    existing = WorkshopGroup.objects.filter(action=action).first()
    if existing is not None:
        return existing
    staff = _applicant_user_for(project.applicant.slug)
    with happened_at(paris("2024-02-20 10:00:00")):
        group = services.group_open(action=action, by=staff, name=GROUP_NAME)
        members = {
            name: services.member_add(
                group=group, by=staff, role=role, display_name=name, age_band=age_band
            )
            for name, role, age_band, _scopes in PEOPLE
        }
        speaker = _user(f"intervenante@{fictive.DEMO_DOMAIN}")
        members["Maya"] = services.member_add(
            group=group,
            by=staff,
            role=MemberRole.SPEAKER,
            display_name="Maya",
            user=speaker,
        )
    with happened_at(paris("2024-02-26 19:00:00")):
        for name, _role, _age_band, scopes in PEOPLE:
            if scopes is not None:
                _consent(members[name], scopes, staff)
        _consent(members["Maya"], EVERY_SCOPE, staff)

    for moment, body, motif, appearing in POSTS:
        with happened_at(paris(moment)):
            services.post_create(
                group=group,
                by=staff,
                body=body,
                files=[_photo_upload(motif)],
                appears=[members[name] for name in appearing],
                description={
                    "clap": "Un clap de cinéma dessiné",
                    "market": "Des étals de marché dessinés",
                    "sunset": "Un coucher de soleil dessiné",
                }[motif],
            )
    with happened_at(paris("2024-04-03 18:00:00")):
        # The speaker's post waits in the referent's queue.
        services.post_create(
            group=group,
            by=speaker,
            body="Pensez à recharger les batteries avant mardi ! (Message de démonstration.)",
        )

    for title, seconds_synopsis in NEW_FILMS.items():
        if not WorkshopFilm.objects.filter(action=action, title=title).exists():
            seconds, synopsis = seconds_synopsis
            with happened_at(paris("2024-06-10 18:00:00")):
                project_services.film_record(
                    action=action,
                    by=staff,
                    film=WorkshopFilm(
                        title=title,
                        duration_seconds=seconds,
                        year=project.year,
                        typology=action.typology,
                        synopsis=synopsis,
                        speakers=action.speakers,
                    ),
                )
    for title, genre, appearing, withdrawn in FILMS:
        work = WorkshopFilm.objects.filter(action=action, title=title).first()
        if work is None:
            continue
        with happened_at(paris("2024-06-20 11:00:00")):
            film = services.film_open(
                work=work,
                by=staff,
                genre=genre,
                partner_cinema="Cinéma Le Régent (fictif)",
                age_band=AgeBand.AGE_12_15,
                participants=12,
            )
            services.appearances_set(
                item=film, by=staff, members=[members[name] for name in appearing]
            )
            services.film_publish(film=film, by=staff)
        if withdrawn:
            consent = members[withdrawn].consents.get()
            with happened_at(paris("2024-09-12 09:30:00")):
                services.consent_withdraw(
                    consent=consent,
                    by=staff,
                    reason="Les parents ont demandé le retrait (démonstration).",
                )
    return group
