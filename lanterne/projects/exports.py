"""A région's actions and participants for a year (CSV, XLSX), and the open-air authorisations.

Same conventions as `lanterne.calls.exports`: rows built one by one from
`.iterator(chunk_size=…)` with prefetches (flat memory, a query count that depends on the number
of chunks, not of rows); CSV in UTF-8 with a byte order mark, `;` and a decimal comma.

Final beneficiaries and relays are separate columns: they are never summed together.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanterne.calls.eligibility import rural_zoning_on, territory_reference_date
from lanterne.calls.exports import CSV_DELIMITER, Column, _csv_value, _Echo
from lanterne.core.choices import choice_label
from lanterne.territories.enums import RuralScheme

from .enums import AgeBand, AuthorisationStatus, Gender, PriorityPublic, RelayKind
from .models import Action, ActionSession

CHUNK_SIZE = 500


def with_details(actions):
    """Everything one action row reads, in a fixed number of queries per chunk."""
    return actions.select_related(
        "project__applicant",
        "project__call",
        "commune",
        "film",
        "authorisation",
    ).prefetch_related(
        "project__call__milestones",
        "commune__qpvs",
        "commune__rural_zonings",
        Prefetch(
            "sessions",
            queryset=ActionSession.objects.select_related("place_commune", "place_structure"),
        ),
        "participant_counts",
        "priority_counts",
        "relay_counts",
        "films",
    )


def region_actions(regions, year: int):
    """The actions of the projects of `regions` (codes) for `year`."""
    return Action.objects.filter(project__call__region__in=list(regions), project__year=year)


def zones(action: Action) -> dict:
    """QPV codes of the action's commune and its rural zoning at the call's actions start."""
    commune = action.commune
    if commune is None:
        return {"qpv": [], "rural": None}
    day = territory_reference_date(action.project.call)
    return {
        "qpv": sorted(q.code for q in commune.qpvs.all()),
        "rural": rural_zoning_on(commune, day),
    }


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
        Column("first_day", _("Premier jour"), "date"),
        Column("last_day", _("Dernier jour"), "date"),
        Column("sessions", _("Séances"), "integer"),
        Column("minutes", _("Durée totale (minutes)"), "integer"),
    ]
    for age_band, age_label in AgeBand.choices:
        for gender, gender_label in Gender.choices:
            cols.append(
                Column(f"b:{age_band}:{gender}", f"{age_label} — {gender_label}", "integer")
            )
    cols.append(Column("beneficiaries", _("Participant·es (total)"), "integer"))
    for code, label in PriorityPublic.choices:
        cols.append(Column(f"p:{code}", _("dont %(label)s") % {"label": label}, "integer"))
    for code, label in RelayKind.choices:
        cols.append(Column(f"r:{code}", _("Relais : %(label)s") % {"label": label}, "integer"))
    cols += [
        Column("relays", _("Relais (total, non compté dans les participant·es)"), "integer"),
        Column("film", _("Film")),
        Column("authorisation", _("Autorisation plein air")),
    ]
    return cols


def action_row(action: Action) -> dict:
    area = zones(action)
    rural = area["rural"]
    sessions = list(action.sessions.all())
    row = {
        "project": action.project.title,
        "applicant": action.project.applicant.name,
        "action": action.title,
        "commune": action.commune.name if action.commune else "",
        "insee": action.commune.code if action.commune else "",
        "qpv": ", ".join(area["qpv"]),
        "zrr": _("oui") if rural is not None and rural.scheme == RuralScheme.ZRR else "",
        "frr": _("oui") if rural is not None and rural.scheme == RuralScheme.FRR else "",
        "kind": action.kind_label,
        "type": action.type_label,
        "typology": action.get_typology_display() if action.typology else "",
        # From the sessions themselves (already fetched) rather than the denormalised days.
        "first_day": min((s.day for s in sessions), default=action.first_day),
        "last_day": max((s.day for s in sessions), default=action.last_day),
        "sessions": len(sessions),
        "minutes": sum(s.minutes for s in sessions),
    }
    beneficiaries = 0
    for age_band in AgeBand.values:
        for gender in Gender.values:
            row[f"b:{age_band}:{gender}"] = 0
    for count in action.participant_counts.all():
        row[f"b:{count.age_band}:{count.gender}"] = count.count
        beneficiaries += count.count
    row["beneficiaries"] = beneficiaries
    for code in PriorityPublic.values:
        row[f"p:{code}"] = 0
    for count in action.priority_counts.all():
        row[f"p:{count.priority}"] = count.count
    relays = 0
    for code in RelayKind.values:
        row[f"r:{code}"] = 0
    for count in action.relay_counts.all():
        row[f"r:{count.relay_kind}"] = count.count
        relays += count.count
    row["relays"] = relays
    films = [film.title for film in action.films.all()]
    if action.film is not None:
        films.insert(0, action.film.title)
    row["film"] = ", ".join(films)
    authorisation = getattr(action, "authorisation", None) if action.is_open_air else None
    row["authorisation"] = authorisation.status_label if authorisation else ""
    return row


def _ordered(actions):
    return with_details(actions).order_by("project__title", "project_id", "first_day", "pk")


def action_rows(actions) -> Iterator[dict]:
    for action in _ordered(actions).iterator(chunk_size=CHUNK_SIZE):
        yield action_row(action)


def _csv(value, kind: str) -> str:
    if kind == "date":
        return value.strftime("%d/%m/%Y") if value else ""
    return _csv_value(value, kind)


def _csv_lines(cols: list[Column], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([col.header for col in cols])
    for row in rows:
        yield writer.writerow([_csv(row[col.key], col.kind) for col in cols])


def csv_lines(actions) -> Iterator[str]:
    """The CSV, line by line, starting with the byte order mark."""
    return _csv_lines(columns(), action_rows(actions))


def xlsx_file(actions):
    """The workbook in a temporary file (open, at position 0); the caller closes it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Actions")[:31])
    bold = Font(bold=True)
    header = []
    for col in cols:
        cell = WriteOnlyCell(sheet, value=col.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in action_rows(actions):
        cells = []
        for col in cols:
            value = row[col.key]
            if value is None or value == "":
                cells.append(None)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if col.kind == "date":
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


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
        Column("day", _("Date de la projection"), "date"),
        Column("film", _("Film")),
        Column("director", _("Réalisation")),
        Column("status", _("Autorisation")),
        Column("requested_on", _("Demandée le"), "date"),
        Column("decided_on", _("Réponse le"), "date"),
        Column("provider", _("Prestataire technique")),
    ]


def open_air_actions(actions):
    from lanterne.calls.enums import ActionType

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


def authorisation_csv_lines(actions) -> Iterator[str]:
    rows = (
        authorisation_row(action)
        for action in open_air_actions(actions).iterator(chunk_size=CHUNK_SIZE)
    )
    return _csv_lines(authorisation_columns(), rows)
