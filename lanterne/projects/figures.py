"""A report's quantitative part, computed from what was recorded on the project's actions.

Final beneficiaries and relays are counted apart and never added together.
"""

from django.db.models import Count, Sum

from .enums import Figure
from .models import ActionSession, ParticipantCount, RelayCount, WorkshopFilm


def recorded_figures(project) -> dict[str, int]:
    """Each figure of `Figure` as recorded on the actions: a fixed number of queries."""
    actions = project.actions.all()
    sessions = ActionSession.objects.filter(action__project=project).aggregate(
        sessions=Count("id"), minutes=Sum("minutes"), actions=Count("action", distinct=True)
    )
    beneficiaries = ParticipantCount.objects.filter(action__in=actions).aggregate(n=Sum("count"))
    relays = RelayCount.objects.filter(action__in=actions).aggregate(n=Sum("count"))
    return {
        Figure.ACTIONS: sessions["actions"] or 0,
        Figure.SESSIONS: sessions["sessions"] or 0,
        Figure.MINUTES: sessions["minutes"] or 0,
        Figure.BENEFICIARIES: beneficiaries["n"] or 0,
        Figure.RELAYS: relays["n"] or 0,
        Figure.FILMS: WorkshopFilm.objects.filter(action__in=actions).count(),
        Figure.PARTNERS: project.dossier.partners.count(),
    }


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
