"""The observatory's demo: the 2024-2025 campaign of the national panorama of the pôles.

Real: the indicators and the national totals printed in the *Panorama national 2024-2025 des
pôles régionaux d'éducation aux images* (564 711 beneficiaries and their breakdown, 4 300
partners, 4 300 interventions, 3 000 artists and professionals, 400 training days), the 17
structures and the calendar (June, mid-July, November).

Illustrative: the per-structure returns. The published document gives national totals only, so
each structure's figures are drawn (seeded) so that the accepted returns add up exactly to the
published totals; a few are marked *non transmis*, as the document says 1 to 3 structures missed
the deadline for some indicators. The campaign and every return are flagged illustrative and the
pages say so.

The 2025-2026 campaign is a copy with the indicators the next collection adds, open for returns.
"""

import datetime
import random

from django.db import transaction

from lanterne.network.models import Structure
from lanterne.observatory.enums import (
    PeriodType,
    PublicKind,
    ReturnState,
    ShareGroup,
    Unit,
    ValueStatus,
)
from lanterne.observatory.models import Campaign, Indicator, Return, Value
from lanterne.observatory.services import consolidation_store

from .network import POLE_STRUCTURES

SLUG = "panorama-2024-2025"
NEXT_SLUG = "panorama-2025-2026"

METHOD_NOTES = (
    "Données synthétiques de l'année scolaire 2024-2025 (temps scolaire) et de l'année civile "
    "2024 (hors temps scolaire) : premiers éléments en juin 2025, point d'étape mi-juillet 2025, "
    "consolidation en novembre 2025.\n"
    "Limites : selon les indicateurs, 1 à 3 structures n'ont pu transmettre leurs données dans "
    "les délais ; les méthodes de comptage diffèrent (qu'est-ce qu'une « journée "
    "d'intervention » ?) ; cette collecte ne documente ni les budgets ni les effectifs.\n"
    "Les relais (enseignants, animateurs, médiateurs) ne sont pas comptés parmi les "
    "bénéficiaires."
)

METHOD_NOTES_EN = (
    "Synthetic data for the 2024-2025 school year (school time) and the 2024 calendar year "
    "(out of school time): first returns in June 2025, checkpoint in mid-July 2025, "
    "consolidation in November 2025.\n"
    "Limits: depending on the indicator, 1 to 3 structures could not send their data in time; "
    "counting methods differ (what is a « day of intervention »?); this collection documents "
    "neither budgets nor staff.\n"
    "Relays (teachers, youth workers, mediators) are not counted among the beneficiaries."
)

S, B = PeriodType.SCHOOL_YEAR, PublicKind.BENEFICIARIES
# code, French label, English label, unit, period, public, parent, share group, published total
INDICATORS = [
    ("beneficiaries", "Bénéficiaires", "Beneficiaries", Unit.PEOPLE, S, B, None, "", 564_711),
    (
        "beneficiaries-pole",
        "Actions de la mission pôle",
        "Actions of the pôle mission",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        "",
        47_395,
    ),
    (
        "beneficiaries-mcac",
        "Ma classe au cinéma",
        "Ma classe au cinéma",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        ShareGroup.NATIONAL_PROGRAMMES,
        207_206,
    ),
    (
        "beneficiaries-pi",
        "Passeurs d'images",
        "Passeurs d'images",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        ShareGroup.NATIONAL_PROGRAMMES,
        36_618,
    ),
    (
        "beneficiaries-cnc",
        "Autres programmes CNC / ministère de la Culture",
        "Other CNC / Ministry of Culture programmes",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        ShareGroup.NATIONAL_PROGRAMMES,
        6_634,
    ),
    (
        "beneficiaries-festivals",
        "Festivals et autres projections",
        "Festivals and other screenings",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        "",
        185_870,
    ),
    (
        "beneficiaries-other",
        "Autres",
        "Other",
        Unit.PEOPLE,
        S,
        B,
        "beneficiaries",
        "",
        80_988,
    ),
    (
        "partners",
        "Partenaires",
        "Partners",
        Unit.COUNT,
        S,
        PublicKind.NOT_APPLICABLE,
        None,
        "",
        4_300,
    ),
    (
        "interventions",
        "Interventions",
        "Interventions",
        Unit.COUNT,
        S,
        PublicKind.NOT_APPLICABLE,
        None,
        "",
        4_300,
    ),
    (
        "artists",
        "Artistes et professionnels mobilisés",
        "Artists and professionals involved",
        Unit.PEOPLE,
        S,
        PublicKind.NOT_APPLICABLE,
        None,
        "",
        3_000,
    ),
    (
        "training-days",
        "Journées de formation",
        "Training days",
        Unit.DAYS,
        S,
        PublicKind.RELAYS,
        None,
        "",
        400,
    ),
]
COUNTING = {
    "beneficiaries": "Personnes touchées par au moins une action ; une personne touchée par "
    "deux programmes peut être comptée deux fois.",
    "interventions": "Une intervention est une séance animée par un intervenant ; certaines "
    "structures comptent des journées d'intervention.",
    "training-days": "Journées de formation de relais (enseignants, animateurs, médiateurs…), "
    "quel que soit le nombre de stagiaires.",
}
COUNTING_EN = {
    "beneficiaries": "People reached by at least one action; a person reached by two "
    "programmes may be counted twice.",
    "interventions": "An intervention is a session led by a speaker; some structures count "
    "days of intervention.",
    "training-days": "Days of training for relays (teachers, youth workers, mediators…), "
    "whatever the number of trainees.",
}
# Illustrative gaps: the structure (by position in POLE_STRUCTURES) → indicators non transmis.
NOT_TRANSMITTED = {
    7: {code for code, *_rest in INDICATORS if code.startswith("beneficiaries")}
    | {"partners", "interventions", "artists"},
    12: {"partners", "artists", "training-days"},
    15: {"artists"},
}
# What the next collection adds (labels only: no figure is invented for it).
NEXT_INDICATORS = [
    (
        "pay-professionals",
        "Rémunération des professionnels",
        "Professionals' pay",
        Unit.EUROS,
        PeriodType.CALENDAR_YEAR,
        PublicKind.NOT_APPLICABLE,
    ),
    (
        "hours-professionals",
        "Heures des professionnels",
        "Professionals' hours",
        Unit.HOURS,
        PeriodType.CALENDAR_YEAR,
        PublicKind.NOT_APPLICABLE,
    ),
    ("trainees", "Stagiaires formés", "Trainees", Unit.PEOPLE, S, PublicKind.RELAYS),
    ("trainee-hours", "Heures-stagiaires", "Trainee hours", Unit.HOURS, S, PublicKind.RELAYS),
]


def split(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights`, exactly (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _indicators(campaign) -> dict[str, Indicator]:
    created: dict[str, Indicator] = {}
    for position, (code, fr, en, unit, period, public, parent, group, _t) in enumerate(INDICATORS):
        created[code], _ = Indicator.objects.update_or_create(
            campaign=campaign,
            code=code,
            defaults={
                "label_fr": fr,
                "label_en": en,
                "unit": unit,
                "period_type": period,
                "public_kind": public,
                "parent": created.get(parent) if parent else None,
                "share_group": group,
                "position": position,
                "counting_method": COUNTING.get(code, ""),
                "counting_method_en": COUNTING_EN.get(code, ""),
            },
        )
    return created


@transaction.atomic
def load_observatory() -> Campaign:
    structures = [Structure.objects.get(slug=s.slug) for s in POLE_STRUCTURES]
    campaign, _ = Campaign.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Panorama 2024-2025",
            "year": 2024,
            "first_returns_due": datetime.date(2025, 6, 30),
            "checkpoint_on": datetime.date(2025, 7, 15),
            "consolidation_on": datetime.date(2025, 11, 15),
            "method_notes": METHOD_NOTES,
            "method_notes_en": METHOD_NOTES_EN,
            "is_published": True,
            "illustrative_returns": True,
        },
    )
    if campaign.published_at is None:
        campaign.published_at = datetime.datetime(2025, 11, 28, 12, tzinfo=datetime.UTC)
        campaign.save(update_fields=["published_at"])
    campaign.structures.set(structures)
    indicators = _indicators(campaign)

    rng = random.Random(2025)
    amounts: dict[tuple[int, str], int | None] = {}
    for code, *_rest, total in INDICATORS:
        if code == "beneficiaries":
            continue  # each structure's total is the sum of its breakdowns
        covering = [i for i in range(len(structures)) if code not in NOT_TRANSMITTED.get(i, ())]
        weights = [rng.uniform(0.3, 1.7) for _ in covering]
        for index, amount in zip(covering, split(total, weights), strict=True):
            amounts[(index, code)] = amount
    parts = [c for c, *_r in INDICATORS if c.startswith("beneficiaries-")]
    for index in range(len(structures)):
        if (index, parts[0]) in amounts:
            amounts[(index, "beneficiaries")] = sum(amounts[(index, p)] for p in parts)

    for index, structure in enumerate(structures):
        value_return, _ = Return.objects.update_or_create(
            campaign=campaign,
            structure=structure,
            defaults={
                "is_illustrative": True,
                "submitted_at": datetime.datetime(2025, 6, 27, 10, tzinfo=datetime.UTC),
                "accepted_at": datetime.datetime(2025, 11, 14, 10, tzinfo=datetime.UTC),
            },
        )
        # Illustrative figures, accepted without a history: the state is written directly.
        Return.objects.filter(pk=value_return.pk).update(state=ReturnState.ACCEPTED)
        for code, indicator in indicators.items():
            amount = amounts.get((index, code))
            Value.objects.update_or_create(
                value_return=value_return,
                indicator=indicator,
                defaults={
                    "status": ValueStatus.PROVIDED
                    if amount is not None
                    else ValueStatus.NOT_TRANSMITTED,
                    "amount": amount,
                    "comment": "Valeur illustrative (démonstration)." if amount is not None else "",
                },
            )

    following, _created = Campaign.objects.update_or_create(
        slug=NEXT_SLUG,
        defaults={
            "name": "Panorama 2025-2026",
            "year": 2025,
            "previous": campaign,
            "first_returns_due": datetime.date(2026, 6, 30),
            "checkpoint_on": datetime.date(2026, 7, 15),
            "consolidation_on": datetime.date(2026, 11, 15),
            "method_notes": METHOD_NOTES.split("\n", 1)[1],
            "method_notes_en": METHOD_NOTES_EN.split("\n", 1)[1],
        },
    )
    following.structures.set(structures)
    next_indicators = _indicators(following)
    for position, (code, fr, en, unit, period, public) in enumerate(
        NEXT_INDICATORS, start=len(next_indicators)
    ):
        Indicator.objects.update_or_create(
            campaign=following,
            code=code,
            defaults={
                "label_fr": fr,
                "label_en": en,
                "unit": unit,
                "period_type": period,
                "public_kind": public,
                "position": position,
            },
        )
    # The published panorama is read from its stored consolidation, computed once its
    # illustrative returns are all in.
    consolidation_store(campaign=campaign)
    return campaign
