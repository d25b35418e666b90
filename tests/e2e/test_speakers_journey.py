"""Matching in the browser: the coordination of the call asks for speakers for a workshop,
reads why the first one comes first and asks them; the speaker accepts from their
engagements page. The matching page, the speaker's page and the coordinator's page after
the answer are scanned by axe-core."""

from playwright.sync_api import expect

from lanterne.projects.models import ActionSpeaker
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.speakers.factories import coordinator_of, speaker_profile, workshop


def check(page, assert_accessible):
    assert_accessible(page)
    assert_clean_console(page)


def test_coordinator_asks_the_first_speaker_who_accepts(open_page, assert_accessible, occitanie):
    toulouse = occitanie["toulouse"]
    action = workshop(toulouse)
    first = speaker_profile(home_commune=toulouse, radius_km=30)
    speaker_profile(departements=[toulouse.departement])
    coordinator = coordinator_of(action)
    name = f"{first.person.first_name} {first.person.last_name}"

    page = open_page()
    sign_in(page, coordinator.email)
    page.goto(f"/intervenants/action/{action.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.title)
    expect(page.get_by_role("heading", name=f"1. {name}")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("button", name=f"Solliciter {name}").click()
    expect(page.get_by_text(f"{name} a été sollicité·e.")).to_be_visible()

    speaker_page = open_page()
    sign_in(speaker_page, first.person.user.email)
    speaker_page.goto("/intervenants/mes-interventions/")
    expect(speaker_page.get_by_role("rowheader", name=action.title)).to_be_visible()
    check(speaker_page, assert_accessible)
    speaker_page.get_by_role("button", name=f"Accepter {action.title}").click()
    expect(speaker_page.get_by_text("Vous avez accepté l'intervention.")).to_be_visible()
    assert ActionSpeaker.objects.filter(action=action, person=first.person).exists()

    page.reload()
    expect(page.locator("#requests").locator("..")).to_contain_text("Accepté")
    check(page, assert_accessible)
