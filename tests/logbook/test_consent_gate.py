"""THE RULE: an image is shown in a scope only if every person appearing in it is covered, that
day, for that scope — one query (`visible_in`) and one pure predicate (`gate.visible_in`) that
agree on every combination."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lanterne.logbook import gate
from lanterne.logbook.enums import FilmState, Scope
from lanterne.logbook.models import Film, Member, PostMedia
from tests.logbook.factories import TODAY, at, consent, film, member, photo, workshop_group

NOON = at(TODAY)

terms_strategy = st.fixed_dictionaries(
    {
        "scopes": st.frozensets(st.sampled_from(Scope.values)),
        "signed": st.integers(min_value=-400, max_value=5),
        "length": st.integers(min_value=0, max_value=800),
        "withdrawn": st.one_of(st.none(), st.integers(min_value=-5, max_value=5)),
    }
)
people_strategy = st.lists(
    st.tuples(st.booleans(), st.lists(terms_strategy, max_size=3)), max_size=4
)


@pytest.fixture
def group():
    return workshop_group()


def _build(group, people):
    """Members with their authorisations; returns (members appearing, their terms)."""
    appearing, terms = [], []
    for index, (appears, consents) in enumerate(people):
        person = member(group, display_name=f"Jeune {index}")
        theirs = []
        for data in consents:
            signed_on = TODAY + datetime.timedelta(days=data["signed"])
            withdrawn_at = (
                None
                if data["withdrawn"] is None
                else NOON + datetime.timedelta(days=data["withdrawn"])
            )
            row = consent(
                person,
                scopes=data["scopes"],
                signed_on=signed_on,
                expires_on=signed_on + datetime.timedelta(days=data["length"]),
                withdrawn_at=withdrawn_at,
            )
            theirs.append(row.terms)
        if appears:
            appearing.append(person)
            terms.append(theirs)
    return appearing, terms


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people_strategy, scope=st.sampled_from(Scope.values))
def test_query_and_predicate_agree_on_every_combination(group, people, scope):
    """For any people, any authorisations (scopes, dates, withdrawals) and any scope, the photo
    passes the query exactly when the predicate says so, and when each person appearing holds an
    authorisation for that scope signed by that day, not expired, not withdrawn."""
    appearing, terms = _build(group, people)
    item = photo(group, appears=appearing)
    expected = all(
        any(
            scope in t.scopes
            and t.signed_on <= TODAY <= t.expires_on
            and (t.withdrawn_at is None or t.withdrawn_at > NOON)
            for t in person_terms
        )
        for person_terms in terms
    )
    assert gate.visible_in(terms, scope, NOON) is expected
    shown = PostMedia.objects.filter(pk=item.pk).visible_in(scope, NOON).exists()
    assert shown is expected
    item.post.delete()
    Member.objects.filter(group=group).delete()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people_strategy, state=st.sampled_from(FilmState.values))
def test_a_film_is_shown_where_its_state_and_the_gate_both_allow(group, people, state):
    """A film is in the public gallery only if it is meant for the public and everyone in it is
    covered for the public web; the network sees the network's and the public's films whose
    people are covered for the network. A private film goes nowhere beyond its group."""
    appearing, terms = _build(group, people)
    item = film(group, appears=appearing, state=state)
    public = Film.objects.published_in(Scope.PUBLIC, NOON).filter(pk=item.pk).exists()
    network = Film.objects.published_in(Scope.NETWORK, NOON).filter(pk=item.pk).exists()
    assert public is (state == FilmState.PUBLIC and gate.visible_in(terms, Scope.PUBLIC, NOON))
    assert network is (
        state in (FilmState.NETWORK, FilmState.PUBLIC)
        and gate.visible_in(terms, Scope.NETWORK, NOON)
    )
    item.work.delete()
    Member.objects.filter(group=group).delete()


def test_an_image_nobody_appears_in_goes_everywhere(group):
    """A photo of hands on a clapperboard shows nobody identifiable: every scope lets it through."""
    item = photo(group)
    for scope in Scope.values:
        assert PostMedia.objects.filter(pk=item.pk).visible_in(scope, NOON).exists(), scope


def test_one_person_missing_holds_the_image_back(group):
    """Two people appear; one is covered for everything, the other for the group only: the photo
    stays in the group."""
    covered, partly = member(group, "Lina"), member(group, "Sami")
    consent(covered)
    consent(partly, scopes=[Scope.GROUP])
    item = photo(group, appears=[covered, partly])
    shown = {s for s in Scope.values if PostMedia.objects.filter(pk=item.pk).visible_in(s, NOON)}
    assert shown == {Scope.GROUP}


def test_the_expiry_day_is_covered_the_next_day_is_not(group):
    """An authorisation valid until 1 June covers 1 June and not 2 June, with no job running:
    the gate reads the date."""
    person = member(group)
    consent(person, expires_on=TODAY)
    item = photo(group, appears=[person])
    visible = PostMedia.objects.filter(pk=item.pk)
    assert visible.visible_in(Scope.PUBLIC, at(TODAY, 23)).exists()
    assert not visible.visible_in(Scope.PUBLIC, at(TODAY + datetime.timedelta(days=1), 0)).exists()


def test_an_authorisation_signed_after_the_day_does_not_cover_it(group):
    """Préalable: an authorisation signed on 2 June does not cover what was shown on 1 June."""
    person = member(group)
    consent(person, signed_on=TODAY + datetime.timedelta(days=1))
    item = photo(group, appears=[person])
    assert not PostMedia.objects.filter(pk=item.pk).visible_in(Scope.GROUP, NOON).exists()
