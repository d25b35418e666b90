"""Every role has its work, in the browser: the coordinator of a project's call records a
session on it (the page says it entered it); a DRAC committee member reads the project's
bilan, without a form to change it; the national network reads its dashboard, each chart
beside its table. Each journey in French and in English, axe-core on every page at 1280 and
390 px, and no French punctuation on the English pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lanterne.projects.models import Report
from lanterne.projects.services import report_submit
from tests.accounts.factories import network_admin
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.i18n.visible import french_punctuation, visible_lines
from tests.observatory.factories import CampaignFactory, IndicatorFactory, ReturnFactory
from tests.projects.factories import project, project_applicant, project_coordinator

WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
LANGUAGES = ["fr", "en"]
PREFIX = {"fr": "", "en": "/en"}
LOCALE = {"fr": "fr-FR", "en": "en-GB"}
WORDS = {
    "fr": {
        "add the session": "Ajouter la séance",
        "date": "Date",
        "start": "Début",
        "end": "Fin",
        "commune": "Commune",
        "session added": "La séance a été ajoutée.",
        "session day": "mercredi 6 mars 2024",
        "entered by": "saisi par Camille Martin, coordination",
        "selected projects": "1 projet retenu, dont 1 avec un bilan transmis",
        "see the projects": "voir les projets",
        "report state": "État : Transmis",
        "save the report": "Enregistrer le bilan",
        "approve the report": "Valider le bilan",
        "national dashboard": "Tableau de bord national",
        "dashboard heading": "Tableau de bord national 2024",
        "captions": ("Dossiers des appels 2024", "Bilans des projets 2024", "Avancement"),
        "late": "1 bilan des projets 2024 est en retard",
    },
    "en": {
        "add the session": "Add the session",
        "date": "Date",
        "start": "Start",
        "end": "End",
        "commune": "Commune",
        "session added": "The session has been added.",
        "session day": "Wednesday 6 March 2024",
        "entered by": "entered by Camille Martin, coordination",
        "selected projects": "1 selected project, 1 of them with a submitted report",
        "see the projects": "see the projects",
        "report state": "State: Submitted",
        "save the report": "Save the report",
        "approve the report": "Approve the report",
        "national dashboard": "National dashboard",
        "dashboard heading": "National dashboard 2024",
        "captions": ("Applications to the 2024 calls", "Reports of the 2024 projects", "Progress"),
        "late": "1 report of the 2024 projects is late",
    },
}


def check(page, assert_accessible, language="fr"):
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(WIDE)
    assert_clean_console(page)
    if language == "en":
        found = [line for line in visible_lines(page.content()) if french_punctuation(line)]
        assert found == [], f"French punctuation on {page.url}: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_records_a_session(language, open_page, assert_accessible, occitanie):
    w = WORDS[language]
    p = project(title="Regards sur le quartier")
    workshop = p.actions.get(action_type="creation_workshop")
    coordinator = project_coordinator(
        p, email="coordination@example.org", first_name="Camille", last_name="Martin"
    )
    page = open_page(LOCALE[language])
    sign_in(page, coordinator.email)
    page.goto(f"{PREFIX[language]}/projets/actions/{workshop.pk}/")
    check(page, assert_accessible, language)
    form = page.locator("form", has=page.get_by_role("button", name=w["add the session"]))
    form.get_by_label(w["date"], exact=True).fill("2024-03-06")
    form.get_by_label(w["start"], exact=True).fill("14:00")
    form.get_by_label(w["end"], exact=True).fill("17:00")
    # The place's commune is typed by name and chosen in the combobox.
    commune = form.get_by_role("combobox", name=w["commune"])
    commune.press_sequentially("toul", delay=30)
    expect(page.get_by_role("option", name="Toulouse (31)")).to_be_visible()
    commune.press("ArrowDown")
    commune.press("Enter")
    expect(commune).to_have_value("Toulouse (31)")
    form.get_by_role("button", name=w["add the session"]).click()
    expect(page.get_by_text(w["session added"])).to_be_visible()
    sessions = page.locator("#sessions").locator("..")
    expect(sessions).to_contain_text(w["session day"])
    expect(sessions).to_contain_text(w["entered by"])
    check(page, assert_accessible, language)
    session = workshop.sessions.get()
    assert session.created_by == coordinator
    assert session.place_commune_id == "31555"


@pytest.mark.parametrize("language", LANGUAGES)
def test_drac_member_reads_a_bilan(language, open_page, assert_accessible):
    w = WORDS[language]
    p = project(title="Regards sur le quartier")
    report_submit(report=p.report, by=project_applicant(p))
    member = committee_member_of(CommitteeSessionFactory(call=p.call), email="drac@example.org")
    page = open_page(LOCALE[language])
    sign_in(page, member.email)
    page.goto(f"{PREFIX[language]}/accueil/")
    expect(page.get_by_text(w["selected projects"])).to_be_visible()
    check(page, assert_accessible, language)
    page.get_by_role("link", name=w["see the projects"]).click()
    check(page, assert_accessible, language)
    page.get_by_role("link", name="Regards sur le quartier").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regards sur le quartier")
    check(page, assert_accessible, language)
    page.goto(f"{PREFIX[language]}/projets/{p.pk}/bilan/")
    expect(page.get_by_text(w["report state"])).to_be_visible()
    expect(page.get_by_role("button", name=w["save the report"])).to_have_count(0)
    expect(page.get_by_role("button", name=w["approve the report"])).to_have_count(0)
    check(page, assert_accessible, language)
    assert Report.objects.get(project=p).state == "submitted"


@pytest.mark.parametrize("language", LANGUAGES)
def test_national_dashboard_renders_its_tables_and_charts(language, open_page, assert_accessible):
    w = WORDS[language]
    p = project(title="Regards sur le quartier")
    Report.objects.filter(pk=p.report.pk).update(due_at=timezone.now() - datetime.timedelta(days=2))
    campaign = CampaignFactory(name="Panorama 2099-2100", year=2099)
    IndicatorFactory.create_batch(2, campaign=campaign)
    returned = ReturnFactory(campaign=campaign, submitted=True)
    campaign.structures.add(returned.structure)
    admin = network_admin(email="reseau@example.org")
    page = open_page(LOCALE[language])
    sign_in(page, admin.email)
    page.goto(f"{PREFIX[language]}/accueil/")
    check(page, assert_accessible, language)
    page.get_by_role("link", name=w["national dashboard"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["dashboard heading"])
    for caption in w["captions"]:
        expect(page.locator("caption", has_text=caption)).to_be_visible()
    expect(page.get_by_text(w["late"])).to_be_visible()
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
    check(page, assert_accessible, language)
