"""Committee sessions for the benchmark: one per call of the latest year, with its agenda.

Each session examines the call's dossiers that have reached the committee or are being reviewed
(at most `AGENDA` of them, the size of a real agenda, at every scale) and seats `MEMBERS`
committee members, the first single-role one always among them so that `bench.load` measures
the same member's page at 1× and 10×. A third of the agenda (at least one dossier) already has
that member's opinion. The agenda's dossiers get the frozen content and fingerprint a submission
would have given them (`bench.calls` writes none). Rows are written with `bulk_create`; no
transition log.
"""

import datetime
import random

from django.db.models import Count
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.models import User
from lanterne.calls.models import Call
from lanterne.committee.enums import Verdict
from lanterne.committee.models import CommitteeSession, Opinion
from lanterne.dossiers.content import dossier_content, fingerprint
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier

AGENDA = 40
MEMBERS = 5
AGENDA_STATES = (DossierState.IN_COMMITTEE, DossierState.UNDER_REVIEW, DossierState.SUBMITTED)


def committee_members() -> list[int]:
    """Committee members, single-role ones first (in the order `bench.pages` picks them)."""
    single = (
        User.objects.annotate(roles=Count("memberships"))
        .filter(roles=1, is_active=True, memberships__role=Role.COMMITTEE_MEMBER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    others = (
        User.objects.filter(is_active=True, memberships__role=Role.COMMITTEE_MEMBER)
        .exclude(pk__in=single)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    return [*single, *others]


def freeze_content(dossier_ids: list[int]) -> None:
    """What `dossier_submit` freezes, for dossiers generated as already submitted."""
    frozen = []
    for dossier in Dossier.objects.filter(pk__in=dossier_ids).for_eligibility():
        if dossier.submitted_content:
            continue
        dossier.submitted_content = dossier_content(dossier)
        dossier.fingerprint = fingerprint(dossier.submitted_content)
        frozen.append(dossier)
    Dossier.objects.bulk_update(frozen, ["submitted_content", "fingerprint"], batch_size=500)


def generate(*, seed: int) -> dict[str, int]:
    """Sessions, agendas and opinions; nothing when there is no call or no member."""
    rng = random.Random(seed + 14)
    members = committee_members()
    year = Call.objects.order_by("-year").values_list("year", flat=True).first()
    if not members or year is None:
        return {"committee sessions": 0}
    first, rest = members[0], members[1:]
    sessions, agendas, seats, opinions = 0, 0, 0, []
    for call in Call.objects.filter(year=year).order_by("pk"):
        session = CommitteeSession.objects.create(
            call=call,
            title=f"Comité de sélection {call.year} (synthétique)",
            meets_at=timezone.now() + datetime.timedelta(days=rng.randint(7, 40)),
            place="Salle du conseil",
        )
        seated = [first, *rng.sample(rest, min(MEMBERS - 1, len(rest)))]
        session.members.add(*seated)
        dossiers = list(
            Dossier.objects.filter(call=call, state__in=AGENDA_STATES)
            .order_by("pk")
            .values_list("pk", flat=True)[:AGENDA]
        )
        session.dossiers.add(*dossiers)
        freeze_content(dossiers)
        opinions += [
            Opinion(
                session=session,
                dossier_id=pk,
                member_id=first,
                verdict=rng.choice(Verdict.values),
                comment="Avis synthétique.",
            )
            for pk in dossiers[: max(1, len(dossiers) // 3)]
        ]
        sessions, agendas, seats = sessions + 1, agendas + len(dossiers), seats + len(seated)
    Opinion.objects.bulk_create(opinions, batch_size=2000)
    return {
        "committee sessions": sessions,
        "agenda dossiers": agendas,
        "committee seats": seats,
        "opinions": len(opinions),
    }
