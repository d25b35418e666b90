"""A coordination's actions and participants for a year, and the open-air authorisations, as tables
written by `lanterne.core.exports` (CSV in its spreadsheet dialect, XLSX).

Rows are built from `values()` read with `.iterator(chunk_size=…)`, and per chunk one query per
related table (flat memory, a query count that depends on the number of chunks, not of rows).

Final beneficiaries and relays are separate columns: they are never summed together.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from lanterne.core.choices import choice_label
from lanterne.core.exports import DATE, INTEGER, Column, Table
from lanterne.dossiers.eligibility import territory_reference_date
from lanterne.dossiers.enums import ACTION_TYPE_KIND, ActionKind, ActionType, Typology
from lanterne.territories.enums import RuralScheme
from lanterne.territories.models import RuralZoning

from .enums import AgeBand, AuthorisationStatus, Gender, PriorityPublic, RelayKind
from .models import Action, ActionSession

CHUNK_SIZE = 500


def call_actions(calls, year: int):
    """The actions of the projects of `calls` (a queryset of calls: those a coordinator
    manages, `Call.objects.managed_by`) for `year`."""
    return Action.objects.filter(project__call__in=calls, project__year=year)


def columns() -> list[Column]:
    cols = [
        Column("project", _("Projet")),
        Column("applicant", _("Porteur de projet")),
        Column("action", _("Action")),
        Column("commune", _("Commune")),
        Column("insee", _("Code INSEE")),
        Column("qpv", _("QPV")),
        Column("zrr", _("ZRR")),
        Column("frr", _("FRR")),
        Column("kind", _("Voir / faire")),
        Column("type", _("Format")),
        Column("typology", _("Typologie")),
        Column("first_day", _("Premier jour"), DATE),
        Column("last_day", _("Dernier jour"), DATE),
        Column("sessions", _("Séances"), INTEGER),
        Column("minutes", _("Durée totale (minutes)"), INTEGER),
    ]
    for age_band, age_label in AgeBand.choices:
        for gender, gender_label in Gender.choices:
            cols.append(Column(f"b:{age_band}:{gender}", f"{age_label} — {gender_label}", INTEGER))
    cols.append(Column("beneficiaries", _("Participant·es (total)"), INTEGER))
    for code, label in PriorityPublic.choices:
        cols.append(Column(f"p:{code}", _("dont %(label)s") % {"label": label}, INTEGER))
    for code, label in RelayKind.choices:
        cols.append(Column(f"r:{code}", _("Relais : %(label)s") % {"label": label}, INTEGER))
    cols += [
        Column("relays", _("Relais (total, non compté dans les participant·es)"), INTEGER),
        Column("film", _("Film")),
        Column("authorisation", _("Autorisation plein air")),
    ]
    return cols


# The columns of an action row, read as `values()`: no model instances (a région's year is a
# few hundred actions, each with a dozen counts).
ACTION_VALUES = {
    "pk": "pk",
    "title": "title",
    "action_type": "action_type",
    "typology": "typology",
    "first_day": "first_day",
    "last_day": "last_day",
    "call_id": "project__call_id",
    "project_title": "project__title",
    "applicant_name": "project__applicant__name",
    "commune_id": "commune_id",
    "commune_name": "commune__name",
    "insee_code": "commune__code",
    "film_title": "film__title",
    "authorisation_status": "authorisation__status",
}


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _grouped(rows: Iterable[tuple]) -> dict:
    """{first item: [the rest, …]} in the rows' order."""
    result: dict = {}
    for key, *rest in rows:
        result.setdefault(key, []).append(rest)
    return result


def reference_days(call_ids: set[int], known: dict) -> dict:
    """The rural-zoning reference day of each call (cached across chunks)."""
    from lanterne.calls.models import Call

    missing = call_ids - known.keys()
    if missing:
        for call in Call.objects.filter(pk__in=missing).prefetch_related("milestones"):
            known[call.pk] = territory_reference_date(call)
    return known


def rural_scheme_on(zonings: list, day: datetime.date) -> str | None:
    """The scheme of the first of a commune's zonings, read as value rows (scheme, status,
    from, until) ordered by start, that made it rural-priority on `day`: the one rule,
    `RuralZoning.applies_on`, on an unsaved row."""
    for scheme, status, valid_from, valid_until in zonings:
        zoning = RuralZoning(status=status, valid_from=valid_from, valid_until=valid_until)
        if zoning.applies_on(day):
            return scheme
    return None


def _chunk_rows(chunk: list[dict], days: dict) -> Iterator[dict]:
    from lanterne.territories.models import Qpv, RuralZoning

    from .models import ParticipantCount, PriorityPublicCount, RelayCount, WorkshopFilm

    ids = [row["pk"] for row in chunk]
    communes = {row["commune_id"] for row in chunk if row["commune_id"] is not None}
    sessions = _grouped(
        ActionSession.objects.filter(action_id__in=ids).values_list("action_id", "day", "minutes")
    )
    participants = _grouped(
        ParticipantCount.objects.filter(action_id__in=ids).values_list(
            "action_id", "age_band", "gender", "count"
        )
    )
    priorities = _grouped(
        PriorityPublicCount.objects.filter(action_id__in=ids).values_list(
            "action_id", "priority", "count"
        )
    )
    relays = _grouped(
        RelayCount.objects.filter(action_id__in=ids).values_list("action_id", "relay_kind", "count")
    )
    films = _grouped(
        WorkshopFilm.objects.filter(action_id__in=ids)
        .order_by("title", "pk")
        .values_list("action_id", "title")
    )
    qpvs = _grouped(
        Qpv.communes.through.objects.filter(commune_id__in=communes)
        .order_by("qpv__code")
        .values_list("commune_id", "qpv__code")
    )
    zonings = _grouped(
        RuralZoning.objects.filter(commune_id__in=communes)
        .order_by("commune_id", "valid_from", "pk")
        .values_list("commune_id", "scheme", "status", "valid_from", "valid_until")
    )
    reference_days({row["call_id"] for row in chunk}, days)
    for values in chunk:
        yield _values_row(
            values,
            days[values["call_id"]],
            sessions=sessions.get(values["pk"], []),
            participants=participants.get(values["pk"], []),
            priorities=priorities.get(values["pk"], []),
            relays=relays.get(values["pk"], []),
            films=[title for (title,) in films.get(values["pk"], [])],
            qpvs=[code for (code,) in qpvs.get(values["commune_id"], [])],
            zonings=zonings.get(values["commune_id"], []),
        )


# Every count column at 0, the row's own counts written over it (the enums' `values` build a
# list on each call: once here, not per row).
_NO_COUNTS = {
    **{f"b:{age_band}:{gender}": 0 for age_band in AgeBand.values for gender in Gender.values},
    **{f"p:{code}": 0 for code in PriorityPublic.values},
    **{f"r:{code}": 0 for code in RelayKind.values},
}


def _values_row(values, day, *, sessions, participants, priorities, relays, films, qpvs, zonings):
    """One action's row: final beneficiaries and relays never summed together."""
    has_commune = values["commune_id"] is not None
    scheme = rural_scheme_on(zonings, day) if has_commune else None
    action_type = values["action_type"]
    row = {
        "project": values["project_title"],
        "applicant": values["applicant_name"],
        "action": values["title"],
        "commune": values["commune_name"] or "",
        "insee": values["insee_code"] or "",
        "qpv": ", ".join(sorted(qpvs)) if has_commune else "",
        "zrr": _("oui") if scheme == RuralScheme.ZRR else "",
        "frr": _("oui") if scheme == RuralScheme.FRR else "",
        "kind": choice_label(ActionKind, ACTION_TYPE_KIND[ActionType(action_type)]),
        "type": choice_label(ActionType, action_type),
        "typology": choice_label(Typology, values["typology"]) if values["typology"] else "",
        "first_day": min((d for d, _m in sessions), default=values["first_day"]),
        "last_day": max((d for d, _m in sessions), default=values["last_day"]),
        "sessions": len(sessions),
        "minutes": sum(m for _d, m in sessions),
    }
    row.update(_NO_COUNTS)
    for age_band, gender, count in participants:
        row[f"b:{age_band}:{gender}"] = count
    row["beneficiaries"] = sum(count for _a, _g, count in participants)
    for code, count in priorities:
        row[f"p:{code}"] = count
    for code, count in relays:
        row[f"r:{code}"] = count
    row["relays"] = sum(count for _k, count in relays)
    titles = list(films)
    if values["film_title"] is not None:
        titles.insert(0, values["film_title"])
    row["film"] = ", ".join(titles)
    status = values["authorisation_status"] if action_type == ActionType.OPEN_AIR else None
    row["authorisation"] = choice_label(AuthorisationStatus, status) if status else ""
    return row


def action_rows(actions) -> Iterator[dict]:
    """The rows, chunk by chunk: per chunk of actions, one query per related table, whatever
    the number of rows; memory bounded by the chunk."""
    ordered = actions.order_by("project__title", "project_id", "first_day", "pk").values(
        *[path for key, path in ACTION_VALUES.items() if key == path],
        **{key: F(path) for key, path in ACTION_VALUES.items() if key != path},
    )
    days: dict = {}
    for chunk in _chunks(ordered.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        yield from _chunk_rows(chunk, days)


def actions_table(actions) -> Table:
    return Table(_("Actions"), columns(), action_rows(actions))


# ---------------------------------------------------------------------------------------------
# Open-air authorisations, for the national catalogue's rights holder
# ---------------------------------------------------------------------------------------------


def authorisation_columns() -> list[Column]:
    return [
        Column("project", _("Projet")),
        Column("applicant", _("Porteur de projet")),
        Column("action", _("Séance")),
        Column("commune", _("Commune")),
        Column("insee", _("Code INSEE")),
        Column("day", _("Date de la projection"), DATE),
        Column("film", _("Film")),
        Column("director", _("Réalisation")),
        Column("status", _("Autorisation")),
        Column("requested_on", _("Demandée le"), DATE),
        Column("decided_on", _("Réponse le"), DATE),
        Column("provider", _("Prestataire technique")),
    ]


def open_air_actions(actions):
    from lanterne.dossiers.enums import ActionType

    return (
        actions.filter(action_type=ActionType.OPEN_AIR)
        .select_related("project__applicant", "commune", "film", "authorisation")
        .prefetch_related(
            Prefetch("sessions", queryset=ActionSession.objects.select_related("place_commune"))
        )
        .order_by("first_day", "project__title", "pk")
    )


def screening_day(action: Action) -> datetime.date | None:
    authorisation = getattr(action, "authorisation", None)
    if authorisation is not None and authorisation.screening_day:
        return authorisation.screening_day
    return action.first_day


def screening_commune(action: Action):
    if action.commune is not None:
        return action.commune
    for session in action.sessions.all():
        if session.place_commune is not None:
            return session.place_commune
    return None


def authorisation_row(action: Action) -> dict:
    authorisation = getattr(action, "authorisation", None)
    commune = screening_commune(action)
    return {
        "project": action.project.title,
        "applicant": action.project.applicant.name,
        "action": action.title,
        "commune": commune.name if commune else "",
        "insee": commune.code if commune else "",
        "day": screening_day(action),
        "film": action.film.title if action.film else "",
        "director": action.film.director if action.film else "",
        "status": authorisation.status_label
        if authorisation
        else choice_label(AuthorisationStatus, AuthorisationStatus.TO_REQUEST),
        "requested_on": authorisation.requested_on if authorisation else None,
        "decided_on": authorisation.decided_on if authorisation else None,
        "provider": authorisation.technical_provider if authorisation else "",
    }


def authorisations_table(actions) -> Table:
    rows = (
        authorisation_row(action)
        for action in open_air_actions(actions).iterator(chunk_size=CHUNK_SIZE)
    )
    return Table(_("Autorisations plein air"), authorisation_columns(), rows)
