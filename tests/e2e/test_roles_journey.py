"""Every role has its work, in the browser: the coordinator of a project's call records a
session on it (the page says it entered it); a DRAC committee member reads the project's
bilan, without a form to change it; the national network reads its dashboard, each chart
beside its table. axe-core on every page, at 1280 and 390 px, the dashboard in French and
English."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from lanterne.projects.models import Report
from lanterne.projects.services import report_submit
from tests.accounts.factories import network_admin
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.observatory.factories import CampaignFactory, IndicatorFactory, ReturnFactory
from tests.projects.factories import project, project_applicant, project_coordinator
from tests.territories.factories import CommuneFactory

WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def check(page, assert_accessible):
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(WIDE)
    assert_clean_console(page)


def test_coordinator_records_a_session(open_page, assert_accessible):
    p = project(title="Regards sur le quartier")
    CommuneFactory(code="31555", name="Toulouse")
    workshop = p.actions.get(action_type="creation_workshop")
    coordinator = project_coordinator(
        p, email="coordination@example.org", first_name="Camille", last_name="Martin"
    )
    page = open_page()
    sign_in(page, coordinator.email)
    page.goto(f"/projets/actions/{workshop.pk}/")
    check(page, assert_accessible)
    form = page.locator("form", has=page.get_by_role("button", name="Ajouter la séance"))
    form.get_by_label("Date").fill("2024-03-06")
    form.get_by_label("Début").fill("14:00")
    form.get_by_label("Fin", exact=True).fill("17:00")
    form.get_by_label("Commune").fill("31555")
    form.get_by_role("button", name="Ajouter la séance").click()
    expect(page.get_by_text("La séance a été ajoutée.")).to_be_visible()
    sessions = page.locator("#sessions").locator("..")
    expect(sessions).to_contain_text("mercredi 6 mars 2024")
    expect(sessions).to_contain_text("saisi par Camille Martin, coordination")
    check(page, assert_accessible)
    assert workshop.sessions.get().created_by == coordinator


def test_drac_member_reads_a_bilan(open_page, assert_accessible):
    p = project(title="Regards sur le quartier")
    report_submit(report=p.report, by=project_applicant(p))
    member = committee_member_of(CommitteeSessionFactory(call=p.call), email="drac@example.org")
    page = open_page()
    sign_in(page, member.email)
    page.goto("/accueil/")
    expect(page.get_by_text("1 projet retenu, dont 1 avec un bilan transmis")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("link", name="voir les projets").click()
    page.get_by_role("link", name="Regards sur le quartier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regards sur le quartier")
    check(page, assert_accessible)
    page.goto(f"/projets/{p.pk}/bilan/")
    expect(page.get_by_text("État : Transmis")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer le bilan")).to_have_count(0)
    expect(page.get_by_role("button", name="Valider le bilan")).to_have_count(0)
    check(page, assert_accessible)
    assert Report.objects.get(project=p).state == "submitted"


def test_national_dashboard_renders_its_tables_and_charts(open_page, assert_accessible):
    p = project(title="Regards sur le quartier")
    Report.objects.filter(pk=p.report.pk).update(due_at=timezone.now() - datetime.timedelta(days=2))
    campaign = CampaignFactory(name="Panorama 2099-2100", year=2099)
    IndicatorFactory.create_batch(2, campaign=campaign)
    returned = ReturnFactory(campaign=campaign, submitted=True)
    campaign.structures.add(returned.structure)
    admin = network_admin(email="reseau@example.org")
    page = open_page()
    sign_in(page, admin.email)
    page.goto("/accueil/")
    page.get_by_role("link", name="Tableau de bord national").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord national 2024")
    for caption in ("Dossiers des appels 2024", "Bilans des projets 2024", "Avancement"):
        expect(page.locator("caption", has_text=caption)).to_be_visible()
    expect(page.get_by_text("1 bilan des projets 2024 est en retard")).to_be_visible()
    # Each chart was drawn from its table.
    for canvas in ("chart-dossiers", "chart-regions", "chart-years", "chart-reports"):
        assert page.evaluate(f"!!window.Chart.getChart('{canvas}')"), canvas
    assert page.evaluate("window.Chart.getChart('chart-collection').data.datasets[0].data") == [
        0,
        0,
        1,
        0,
        0,
    ]
    check(page, assert_accessible)
    english = open_page("en-GB")
    sign_in(english, admin.email)
    english.goto("/en/accueil/reseau/")
    expect(english.get_by_role("heading", level=1)).to_have_text("National dashboard 2024")
    check(english, assert_accessible)
