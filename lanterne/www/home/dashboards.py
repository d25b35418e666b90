"""What each role has to do, for the signed-in home page: each app's `dashboard(user, scope)`
selector gives its part for the roles the user holds; this module puts them together. And the
national network's dashboard: the aggregates of every app, by year and by région.

A fixed number of queries, whatever the number of rows.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.calls import selectors as calls
from lanterne.committee import selectors as committee
from lanterne.dossiers import selectors as dossiers
from lanterne.dossiers.enums import DossierState
from lanterne.network import selectors as network
from lanterne.observatory import selectors as observatory
from lanterne.projects import selectors as projects
from lanterne.territories.models import Region


def dashboards_for(user, scope: Scope) -> dict:
    """One entry per role the user holds (the template shows them in a fixed order)."""
    result = {}
    network_parts = network.dashboard(user, scope)
    applicant = network_parts.get(str(Role.APPLICANT))
    regions = network.applicant_regions(applicant) if applicant is not None else set()
    for parts in (
        network_parts,
        dossiers.dashboard(user, scope),
        calls.dashboard(user, scope, applicant_regions=regions),
        committee.dashboard(user, scope),
        projects.dashboard(user, scope),
    ):
        for role, values in parts.items():
            result.setdefault(role, {}).update(values)
    coordinator = result.get(str(Role.COORDINATOR))
    if coordinator is not None:
        # « Every structure has a SIRET » says nothing of a perimeter without structures.
        coordinator["structure_count"] = sum(n for _label, n in coordinator["by_kind"])
        coordinator.update(coordinator_rows(coordinator))
    if applicant is not None:
        # The open calls are those of the régions of the applicant's structures: without a
        # commune, the page cannot say that none is open « in your région ».
        result[str(Role.APPLICANT)]["regions_known"] = bool(regions)
    return {str(role): result[str(role)] for role in Role if str(role) in result}


# A key no slug or primary key takes: the links of a list are reversed once, then keyed.
LINK_KEY = "lien-de-la-ligne"


def _link(name: str) -> tuple[str, str]:
    """`name`'s URL around the key of its one argument, for `f"{before}{key}{after}"`."""
    before, _key, after = reverse(name, args=[LINK_KEY]).partition(LINK_KEY)
    return before, after


def coordinator_rows(part: dict) -> dict:
    """What the coordinator's tables repeat row after row, formatted once per row here rather
    than resolved by the template (links, the missing information, the « compléter » link):
    the calls with dossiers to instruct and the structures to complete."""
    dossiers_before, dossiers_after = _link("calls:dossiers")
    instruct = [
        {
            "url": f"{dossiers_before}{call.slug}{dossiers_after}",
            "title": call.title,
            "submitted": call.submitted_count,
            "under_review": call.under_review_count,
            "sent_back": call.sent_back_count,
        }
        for call in part["calls_to_instruct"]
    ]
    detail_before, detail_after = _link("www:structure")
    edit_before, edit_after = _link("www:structure_edit")
    no_siret, no_position = _("pas de SIRET"), _("pas de position")
    complete = _('compléter<span class="visually-hidden"> la fiche de %(name)s</span>')
    incomplete = []
    for structure in part["incomplete"]:
        missing = [] if structure.siret else [no_siret]
        if structure.position is None:
            missing.append(no_position)
        incomplete.append(
            {
                "url": f"{detail_before}{structure.slug}{detail_after}",
                "name": structure.name,
                "commune": structure.commune.name if structure.commune_id else "",
                "missing": ", ".join(missing),
                "edit_url": f"{edit_before}{structure.slug}{edit_after}",
                # The translation is markup around the escaped name, as `blocktranslate` gives.
                "complete": mark_safe(complete % {"name": escape(structure.name)}),
            }
        )
    return {"instruct_rows": instruct, "incomplete_rows": incomplete}


@dataclass
class RegionRow:
    """One région's line of the national dashboard; `None` where there is nothing to count
    (no call that year), shown as such and never as 0."""

    region: Region
    calls: int
    dossiers: list[int]
    dossiers_total: int
    projects: int
    actions: int
    reports: int
    reports_submitted: int
    reports_accepted: int
    reports_late: int


@dataclass
class Column:
    label: str
    # A series of the chart: its cells carry their value for dashboard-charts.js to draw.
    series: bool = False


@dataclass
class ChartTable:
    """A chart and the table it is drawn from (`includes/chart_table.html`): the table is the
    truth, the chart only shows it. The first column heads the rows."""

    key: str
    kind: str  # "bar", "stacked" or "doughnut" (dashboard-charts.js)
    chart_label: str
    caption: str
    columns: list[Column]
    rows: list[tuple[str, list]] = field(default_factory=list)
    # Beside the table, the chart takes this many of the 12 columns; 0 puts it above.
    chart_width: int = 6
    compact: bool = False  # a narrow table (w-auto) with plain row headers

    @property
    def table_width(self) -> int:
        return 12 - self.chart_width

    @property
    def cells(self) -> list[tuple[str, list[tuple[object, bool]]]]:
        """Each row's header, then its values beside whether their column is a series."""
        flags = [column.series for column in self.columns[1:]]
        return [(header, list(zip(values, flags, strict=True))) for header, values in self.rows]

    @property
    def body_html(self) -> SafeString:
        """The table's rows, written here at once: resolved cell by cell by the template, a
        few hundred figures cost more than every query of the page. A series cell carries
        its raw value for the chart (`data-value`), every cell its localised figure."""
        header_class = ' class="fw-normal"' if self.compact else ""
        flags = [column.series for column in self.columns[1:]]
        # Without a thousands separator a count shows as it is: spare a format lookup per cell.
        shown = number_format if settings.USE_THOUSAND_SEPARATOR else str
        rows = []
        for header, values in self.rows:
            parts = [f'<tr><th scope="row"{header_class}>{escape(header)}</th>']
            for value, series in zip(values, flags, strict=True):
                text = escape(shown(value) if isinstance(value, int) else value)
                if series:
                    parts.append(f'<td class="text-end" data-value="{escape(value)}">{text}</td>')
                else:
                    parts.append(f'<td class="text-end">{text}</td>')
            parts.append("</tr>")
            rows.append("".join(parts))
        # Every value and header is escaped above; the rest is constant markup.
        return mark_safe("\n".join(rows))


def national_charts(data: dict) -> dict[str, ChartTable]:
    """The national dashboard's charts with their tables, from its figures."""
    year, rows = data["year"], data["rows"]
    charts = {
        "dossiers": ChartTable(
            key="dossiers",
            kind="stacked",
            chart_label=_(
                "Graphique des dossiers par état et par région ; les chiffres sont dans le "
                "tableau qui suit."
            ),
            caption=_("Dossiers des appels %(year)s, par région de l'appel et par état")
            % {"year": year},
            columns=[
                Column(_("Région")),
                Column(_("Appels")),
                *(Column(capfirst(label), series=True) for label in data["states"]),
                Column(_("Total")),
            ],
            rows=[
                (row.region.name, [row.calls, *row.dossiers, row.dossiers_total]) for row in rows
            ],
            chart_width=0,
        ),
        "regions": ChartTable(
            key="regions",
            kind="bar",
            chart_label=_(
                "Graphique des projets et des actions par région ; les chiffres sont dans le "
                "tableau ci-contre."
            ),
            caption=_("Projets retenus sur les appels %(year)s et leurs actions, par région")
            % {"year": year},
            columns=[
                Column(_("Région")),
                Column(_("Projets"), series=True),
                Column(_("Actions"), series=True),
            ],
            rows=[(row.region.name, [row.projects, row.actions]) for row in rows],
        ),
        "years": ChartTable(
            key="years",
            kind="bar",
            chart_label=_(
                "Graphique des projets et des actions par année ; les chiffres sont dans le "
                "tableau ci-contre."
            ),
            caption=_("Projets retenus et leurs actions, par année, dans tout le réseau"),
            columns=[
                Column(_("Année")),
                Column(_("Projets"), series=True),
                Column(_("Actions"), series=True),
            ],
            rows=[(str(row["year"]), [row["projects"], row["actions"]]) for row in data["by_year"]],
        ),
        "reports": ChartTable(
            key="reports",
            kind="bar",
            chart_label=_(
                "Graphique des bilans par région ; les chiffres sont dans le tableau ci-contre."
            ),
            caption=_(
                "Bilans des projets %(year)s, par région : attendus, transmis, validés et en retard"
            )
            % {"year": year},
            columns=[
                Column(_("Région")),
                Column(_("Attendus")),
                Column(_("Transmis, à valider"), series=True),
                Column(_("Validés"), series=True),
                Column(_("En retard"), series=True),
            ],
            rows=[
                (
                    row.region.name,
                    [row.reports, row.reports_submitted, row.reports_accepted, row.reports_late],
                )
                for row in rows
            ],
        ),
    }
    progress = data["progress"]
    if progress:
        charts["collection"] = ChartTable(
            key="collection",
            kind="doughnut",
            chart_label=_(
                "Graphique des structures par état de leur retour ; les chiffres sont dans le "
                "tableau ci-contre."
            ),
            caption=_("Structures par état de leur retour"),
            columns=[Column(_("État du retour")), Column(_("Structures"), series=True)],
            rows=[(capfirst(label), [n]) for label, n in progress["by_state"]],
            chart_width=5,
            compact=True,
        )
    return charts


def national_dashboard(requested_year: int | None) -> dict:
    """The national network's figures for a year (the one requested if it has calls, else
    the latest with projects, else the latest with calls): dossiers by state and région,
    projects and actions by year and by région, bilans late, the observatory collection's
    progress. A fixed number of queries whatever the size of the network."""
    years = calls.call_years()
    by_year = projects.national_by_year()
    with_projects = [row["year"] for row in by_year if row["year"] in years]
    if requested_year in years:
        year = requested_year
    elif with_projects:
        # By default the latest year with projects: the one whose every figure is there.
        year = max(with_projects)
    else:
        year = years[0] if years else timezone.localdate().year
    call_counts = calls.national_call_counts(year)
    dossier_counts = dossiers.national_counts(year)
    project_counts = projects.national_by_region(year)
    states = list(DossierState)
    rows, without_call = [], []
    for region in Region.objects.order_by("name"):
        if region.code not in call_counts:
            without_call.append(region)
            continue
        by_state = dossier_counts.get(region.code, {})
        figures = project_counts.get(region.code, {})
        rows.append(
            RegionRow(
                region=region,
                calls=call_counts[region.code],
                dossiers=[by_state.get(state, 0) for state in states],
                dossiers_total=sum(by_state.values()),
                projects=figures.get("projects", 0),
                actions=figures.get("actions", 0),
                reports=figures.get("reports", 0),
                reports_submitted=figures.get("reports_submitted", 0),
                reports_accepted=figures.get("reports_accepted", 0),
                reports_late=figures.get("reports_late", 0),
            )
        )
    campaign = observatory.current_campaign()
    data = {
        "year": year,
        "years": years,
        "states": [state.label for state in states],
        "rows": rows,
        "regions_without_call": without_call,
        "by_year": by_year,
        "reports_late": sum(row.reports_late for row in rows),
        "progress": observatory.collection_progress(campaign) if campaign else None,
    }
    return data | {"charts": national_charts(data)}
