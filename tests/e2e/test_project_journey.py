"""A project's year in the browser: the applicant records a session and the participants of a
workshop, opens the report (figures pre-filled from what was recorded), writes the qualitative
part and files it; the coordinator opens the report and accepts it. The action page, the report
page (applicant and coordinator) and the coordinator's year view are scanned by axe-core."""

from playwright.sync_api import expect

from lanterne.projects.enums import ReportState
from lanterne.projects.models import Report
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.projects.factories import project, project_applicant, project_coordinator
from tests.territories.factories import CommuneFactory, DepartementFactory


def check(page, assert_accessible):
    assert_accessible(page)
    assert_clean_console(page)


def test_applicant_files_the_report_and_coordinator_accepts_it(open_page, assert_accessible):
    p = project(title="Regards sur le quartier")
    CommuneFactory(
        code="31555",
        name="Toulouse",
        departement=DepartementFactory(code="31", name="Haute-Garonne"),
        latitude=43.6045,
        longitude=1.4440,
    )
    workshop = p.actions.get(action_type="creation_workshop")
    applicant = project_applicant(p, email="porteur@example.org")
    coordinator = project_coordinator(p, email="coordination@example.org")

    # The applicant adds a session to the workshop: a date, its hours, a commune.
    page = open_page()
    sign_in(page, applicant.email)
    page.goto(f"/projets/actions/{workshop.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop.title)
    check(page, assert_accessible)
    add_session = page.locator("form", has=page.get_by_role("button", name="Ajouter la séance"))
    add_session.get_by_label("Date").fill("2024-03-06")
    add_session.get_by_label("Début").fill("14:00")
    add_session.get_by_label("Fin", exact=True).fill("17:00")
    add_session.get_by_label("Commune").fill("31555")
    add_session.get_by_role("button", name="Ajouter la séance").click()
    sessions = page.locator("#sessions").locator("..")
    expect(sessions).to_contain_text("mercredi 6 mars 2024")
    expect(sessions).to_contain_text("180 min")
    expect(sessions).to_contain_text("Toulouse (31)")

    # It records the participants by age band and gender, and a youth worker (a relay).
    page.get_by_label("12 à 15 ans — filles / femmes").fill("6")
    page.get_by_label("12 à 15 ans — garçons / hommes").fill("5")
    page.get_by_label("16 à 18 ans — filles / femmes").fill("3")
    page.get_by_label("animateur·rice, éducateur·rice").fill("2")
    page.get_by_role("button", name="Enregistrer les participant·es").click()
    expect(
        page.get_by_text("Enregistré : 14 participant·es (bénéficiaires) ; 2 relais")
    ).to_be_visible()
    check(page, assert_accessible)

    # The report's figures come pre-filled from what was recorded; beneficiaries and relays
    # stay apart.
    page.goto(f"/projets/{p.pk}/bilan/")
    expect(page.locator('input[name="f_sessions"]')).to_have_value("1")
    expect(page.locator('input[name="f_minutes"]')).to_have_value("180")
    expect(page.locator('input[name="f_beneficiaries"]')).to_have_value("14")
    expect(page.locator('input[name="f_relays"]')).to_have_value("2")
    check(page, assert_accessible)
    page.get_by_label("Ce qui a bien fonctionné").fill(
        "Les jeunes ont filmé leur quartier et présenté le film à leurs familles."
    )
    page.get_by_label("Difficultés rencontrées").fill("Trouver une salle pendant les vacances.")
    page.get_by_label("Paroles de jeunes").fill("« On ne regarde plus les films pareil. »")
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(page.get_by_text("Le bilan a été enregistré.")).to_be_visible()
    page.get_by_role("button", name="Transmettre le bilan à la coordination").click()
    expect(page.get_by_text("Le bilan a été transmis à la coordination.")).to_be_visible()
    expect(page.get_by_text("État : Transmis")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer le bilan")).to_have_count(0)
    check(page, assert_accessible)
    assert Report.objects.get(project=p).state == ReportState.SUBMITTED

    # The coordinator sees the project in its year view, then opens the report and accepts it.
    coordination = open_page()
    sign_in(coordination, coordinator.email)
    coordination.goto("/projets/annee/2024/")
    expect(coordination.locator("main")).to_contain_text(workshop.title)
    check(coordination, assert_accessible)
    coordination.goto(f"/projets/{p.pk}/bilan/")
    expect(coordination.get_by_label("Ce qui a bien fonctionné")).to_have_value(
        "Les jeunes ont filmé leur quartier et présenté le film à leurs familles."
    )
    expect(coordination.locator('input[name="f_beneficiaries"]')).to_have_value("14")
    check(coordination, assert_accessible)
    coordination.get_by_role("button", name="Valider le bilan").click()
    expect(coordination.get_by_text("Le bilan a été validé.")).to_be_visible()
    expect(coordination.get_by_text("État : Validé")).to_be_visible()
    expect(coordination.get_by_role("button", name="Valider le bilan")).to_have_count(0)
    check(coordination, assert_accessible)

    report = Report.objects.get(project=p)
    assert report.state == ReportState.ACCEPTED
    assert list(report.transitions.values_list("target", flat=True)) == [
        ReportState.SUBMITTED,
        ReportState.ACCEPTED,
    ]
    assert report.youth_words == "« On ne regarde plus les films pareil. »"
