"""The session table's rows, formatted once per row in Python: what each cell says."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from lanterne.committee.enums import Verdict
from lanterne.committee.models import Opinion
from lanterne.core.choices import choice_label
from lanterne.core.money import format_euros
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def _session_with_opinions():
    session = CommitteeSessionFactory()
    first = committee_member_of(session, first_name="Alice", last_name="<Martin>")
    second = committee_member_of(session, first_name="Bruno", last_name="Petit")
    dossier = DossierFactory(call=session.call, state="in_committee", title="Ateliers & films")
    session.dossiers.add(dossier)
    Opinion.objects.create(
        session=session,
        dossier=dossier,
        member=first,
        verdict="favourable",
        proposed_amount=Decimal("1200"),
    )
    Opinion.objects.create(session=session, dossier=dossier, member=second, verdict="reserved")
    return session, dossier, first, second


def test_a_row_shows_its_link_opinions_and_amounts(login):
    session, dossier, first, _second = _session_with_opinions()
    response = login(first).get(reverse("committee:detail", args=[session.pk]))
    html = response.text
    link = reverse("committee:dossier", args=[session.pk, dossier.pk])
    assert f'<a href="{link}">Ateliers &amp; films</a>' in html
    # The member's name is escaped; the verdict is labelled, the amount formatted.
    assert f"<li>Alice &lt;Martin&gt; — favorable, {format_euros(Decimal('1200'))}</li>" in html
    assert "<li>Bruno Petit — réservé</li>" in html
    [row] = response.context["rows"]
    assert row["mean_proposal_text"] == format_euros(Decimal("1200"))
    assert row["state_text"] == dossier.state_label


def test_the_rows_follow_the_language(login):
    session, _dossier, first, _second = _session_with_opinions()
    client = login(first)
    with translation.override("en"):
        response = client.get(
            reverse("committee:detail", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
        favourable = choice_label(Verdict, Verdict.FAVOURABLE)
        reserved = choice_label(Verdict, Verdict.RESERVED)
        amount = format_euros(Decimal("1200"))
    [row] = response.context["rows"]
    # The labels and amounts are those of the reader's language, looked up once per table.
    assert row["opinion_lines"] == [
        f"Alice <Martin> — {favourable}, {amount}",
        f"Bruno Petit — {reserved}",
    ]
    assert "1,200.00" in amount
