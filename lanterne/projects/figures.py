"""A report's quantitative part, computed from what was recorded on the project's actions.

Final beneficiaries and relays are counted apart and never added together.
"""

from django.db.models import Aggregate, Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from lanterne.dossiers.models import Partner

from .enums import Figure
from .models import ActionSession, ParticipantCount, Project, RelayCount, WorkshopFilm


def _total(rows, aggregate):
    """`aggregate` over `rows` (filtered on the outer project), as a subquery: 0 when none."""
    return Coalesce(Subquery(rows.order_by().annotate(n=aggregate).values("n")), 0)


def recorded_figures(project) -> dict[str, int]:
    """Each figure of `Figure` as recorded on the actions: one query, each figure a subquery."""
    of_project = {"action__project": OuterRef("pk")}
    sessions = ActionSession.objects.filter(**of_project).values("action__project")
    counted = (
        Project.objects.filter(pk=project.pk)
        .annotate(
            recorded_sessions=_total(sessions, Count("id")),
            recorded_minutes=_total(sessions, Sum("minutes")),
            recorded_actions=_total(sessions, Count("action", distinct=True)),
            recorded_beneficiaries=_total(
                ParticipantCount.objects.filter(**of_project).values("action__project"),
                Sum("count"),
            ),
            recorded_relays=_total(
                RelayCount.objects.filter(**of_project).values("action__project"), Sum("count")
            ),
            recorded_films=_total(
                WorkshopFilm.objects.filter(**of_project).values("action__project"), Count("id")
            ),
            recorded_partners=_total(
                Partner.objects.filter(dossier=OuterRef("dossier_id")).values("dossier"),
                Count("id"),
            ),
        )
        .values(*(f"recorded_{code}" for code in Figure.values))
        .get()
    )
    return {code: counted[f"recorded_{code}"] for code in Figure.values}


def recorded_figures_by_project(project_ids: list[int]) -> dict[int, dict[str, int]]:
    """`recorded_figures` for many projects at once, in a fixed number of queries."""
    recorded = {pk: dict.fromkeys(Figure.values, 0) for pk in project_ids}
    by_project = "action__project_id"
    for row in (
        ActionSession.objects.filter(action__project_id__in=project_ids)
        .values(by_project)
        .annotate(
            sessions=Count("id"), minutes=Sum("minutes"), actions=Count("action", distinct=True)
        )
    ):
        figures = recorded[row[by_project]]
        figures[Figure.SESSIONS] = row["sessions"]
        figures[Figure.MINUTES] = row["minutes"] or 0
        figures[Figure.ACTIONS] = row["actions"]
    counted: list[tuple[type[ParticipantCount | RelayCount | WorkshopFilm], str, Aggregate]] = [
        (ParticipantCount, Figure.BENEFICIARIES, Sum("count")),
        (RelayCount, Figure.RELAYS, Sum("count")),
        (WorkshopFilm, Figure.FILMS, Count("id")),
    ]
    for model, code, total in counted:
        rows = model.objects.filter(action__project_id__in=project_ids).values(by_project)
        for row in rows.annotate(n=total):
            recorded[row[by_project]][code] = row["n"] or 0
    partners = (
        Partner.objects.filter(dossier__project__in=project_ids)
        .values("dossier__project")
        .annotate(n=Count("id"))
    )
    for row in partners:
        recorded[row["dossier__project"]][Figure.PARTNERS] = row["n"]
    return recorded


def report_figures(report, recorded: dict[str, int] | None = None) -> list[dict]:
    """Each figure with its recorded value, the declared one and whether they differ."""
    recorded = recorded if recorded is not None else recorded_figures(report.project)
    declared = {figure.code: figure for figure in report.figures.all()}
    rows = []
    for code, label in Figure.choices:
        figure = declared.get(code)
        value = figure.value if figure is not None and figure.value is not None else None
        rows.append(
            {
                "code": code,
                "label": label,
                "recorded": recorded[code],
                "declared": value,
                "value": recorded[code] if value is None else value,
                "differs": value is not None and value != recorded[code],
                "justification": figure.justification if figure else "",
            }
        )
    return rows
