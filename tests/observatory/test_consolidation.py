"""Consolidation: totals are sums of accepted returns; missing is never zero; relays apart."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lanterne.observatory.consolidation import (
    Entry,
    IndicatorInfo,
    consolidate,
    consolidate_campaign,
)
from lanterne.observatory.enums import ReturnState
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries

TOTAL = IndicatorInfo(
    1, "beneficiaries", "Bénéficiaires", "Beneficiaries", "people", "school_year", "beneficiaries"
)
PART_A = IndicatorInfo(
    2,
    "mcac",
    "MCAC",
    "MCAC",
    "people",
    "school_year",
    "beneficiaries",
    parent_id=1,
    share_group="national_programmes",
)
PART_B = IndicatorInfo(
    3, "other", "Autre", "Other", "people", "school_year", "beneficiaries", parent_id=1
)
RELAYS = IndicatorInfo(4, "relays", "Relais", "Relays", "people", "school_year", "relays")
INDICATORS = [TOTAL, PART_A, PART_B, RELAYS]

amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))
structure_entries = st.dictionaries(
    keys=st.sampled_from([i.id for i in INDICATORS]), values=amounts, max_size=4
)


@settings(max_examples=200, deadline=None)
@given(st.lists(structure_entries, min_size=1, max_size=20), st.data())
def test_totals_are_sums_of_accepted_values(returns, data):
    """Each total is the exact sum of provided values; non transmis and absent values count
    for nothing and lower the coverage; the relays never reach the beneficiaries' total."""
    structures = {n: (f"S{n}", "76", "Occitanie") for n in range(len(returns) + 2)}
    entries = [
        Entry(structure_id=n, indicator_id=i, amount=a)
        for n, values in enumerate(returns)
        for i, a in values.items()
    ]
    result = consolidate(indicators=INDICATORS, structures=structures, entries=entries)
    for indicator in INDICATORS:
        provided = [
            e.amount for e in entries if e.indicator_id == indicator.id and e.amount is not None
        ]
        figure = result.national[indicator.id]
        assert figure.total == (sum(provided) if provided else None)
        assert figure.covered == len(provided)
        assert figure.not_transmitted == sum(
            1 for e in entries if e.indicator_id == indicator.id and e.amount is None
        )
        assert figure.covered + figure.not_transmitted + figure.missing == len(structures)
    beneficiaries = [
        e.amount for e in entries if e.indicator_id == TOTAL.id and e.amount is not None
    ]
    assert result.national[TOTAL.id].total == (sum(beneficiaries) if beneficiaries else None)
    assert result.by_region["76"][TOTAL.id].total == result.national[TOTAL.id].total


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 10**9), st.integers(0, 10**9))
def test_share_is_exact(total, part):
    """The national programmes' share is the exact fraction part / total."""
    part = min(part, total)
    structures = {1: ("S1", "76", "Occitanie")}
    entries = [
        Entry(1, TOTAL.id, total),
        Entry(1, PART_A.id, part),
        Entry(1, PART_B.id, total - part),
    ]
    result = consolidate(indicators=INDICATORS, structures=structures, entries=entries)
    (share,) = result.shares
    assert share.ratio == Fraction(part, total)


def test_no_share_when_a_part_is_missing():
    """A share whose part has no figure at all is not computed (it would treat missing as 0)."""
    structures = {1: ("S1", "76", "Occitanie")}
    result = consolidate(
        indicators=INDICATORS, structures=structures, entries=[Entry(1, TOTAL.id, 10)]
    )
    assert result.shares == []
    assert result.national[PART_A.id].total is None


def test_published_share_of_national_programmes():
    """250 458 / 564 711: the exact ratio is kept, displayed 44.4 % by the one rule."""
    structures = {1: ("S1", "76", "Occitanie")}
    entries = [
        Entry(1, TOTAL.id, 564_711),
        Entry(1, PART_A.id, 250_458),
        Entry(1, PART_B.id, 314_253),
    ]
    (share,) = consolidate(indicators=INDICATORS, structures=structures, entries=entries).shares
    assert share.ratio == Fraction(250_458, 564_711)
    assert str(share.percent) == "44.4"
    assert share.percent_exact == "44.351536"


def test_only_accepted_returns_count():
    """Draft, submitted or sent-back returns are not consolidated; non transmis is not zero."""
    structures = StructureFactory.create_batch(4, pole=True)
    campaign, ind = campaign_with_beneficiaries(structures)
    for structure, state in zip(
        structures[:3],
        [ReturnState.ACCEPTED, ReturnState.SUBMITTED, ReturnState.ACCEPTED],
        strict=True,
    ):
        value_return = ReturnFactory(campaign=campaign, structure=structure, state=state)
        ValueFactory(value_return=value_return, indicator=ind["total"], amount=100)
    last = ReturnFactory(campaign=campaign, structure=structures[3], accepted=True)
    ValueFactory(value_return=last, indicator=ind["total"], not_transmitted=True)
    ValueFactory(value_return=last, indicator=ind["relays"], amount=5000)

    result = consolidate_campaign(campaign)
    figure = result.figure("beneficiaries")
    assert (figure.total, figure.covered, figure.not_transmitted, figure.missing) == (200, 2, 1, 1)
    assert result.figure("relays").total == 5000
    assert result.figure("partners").total is None


def test_consolidation_query_count_is_bounded(django_assert_num_queries):
    """Loading a campaign costs the same queries for 2 or 20 structures."""
    for size in (2, 20):
        structures = StructureFactory.create_batch(size, pole=True)
        campaign, ind = campaign_with_beneficiaries(structures)
        for structure in structures:
            value_return = ReturnFactory(campaign=campaign, structure=structure, accepted=True)
            ValueFactory(value_return=value_return, indicator=ind["total"], amount=3)
        with django_assert_num_queries(4):
            result = consolidate_campaign(campaign)
        assert result.figure("beneficiaries").total == 3 * size


PART_C = IndicatorInfo(
    5,
    "ecole",
    "École",
    "School",
    "people",
    "school_year",
    "beneficiaries",
    parent_id=1,
    share_group="national_programmes",
)


def test_share_leaves_out_a_structure_that_did_not_give_a_part():
    """S2 gave its total and one part but said *non transmis* for the other: counting that
    part as 0 would give (60 + 10) / (100 + 100) = 35 %; the share is computed over S1 alone
    and says it leaves one structure out."""
    indicators = [TOTAL, PART_A, PART_C]
    structures = {1: ("S1", "76", "Occitanie"), 2: ("S2", "76", "Occitanie")}
    entries = [
        Entry(1, TOTAL.id, 100),
        Entry(1, PART_A.id, 40),
        Entry(1, PART_C.id, 20),
        Entry(2, TOTAL.id, 100),
        Entry(2, PART_A.id, 10),
        Entry(2, PART_C.id, None),
    ]
    (share,) = consolidate(indicators=indicators, structures=structures, entries=entries).shares
    assert (share.numerator, share.denominator) == (60, 100)
    assert share.ratio == Fraction(3, 5)
    assert (share.structures_counted, share.structures_expected) == (1, 2)
    assert share.incomplete and share.structures_left_out == 1


def test_share_leaves_out_a_structure_without_a_return():
    """A structure with no accepted return is not in the share either (nor counted as 0)."""
    structures = {1: ("S1", "76", "Occitanie"), 2: ("S2", "76", "Occitanie")}
    entries = [Entry(1, TOTAL.id, 50), Entry(1, PART_A.id, 5)]
    (share,) = consolidate(
        indicators=[TOTAL, PART_A], structures=structures, entries=entries
    ).shares
    assert share.ratio == Fraction(1, 10)
    assert share.structures_counted == 1 and share.incomplete


def test_complete_share_says_nothing_more():
    structures = {1: ("S1", "76", "Occitanie")}
    entries = [Entry(1, TOTAL.id, 50), Entry(1, PART_A.id, 5)]
    (share,) = consolidate(
        indicators=[TOTAL, PART_A], structures=structures, entries=entries
    ).shares
    assert not share.incomplete
    assert (share.structures_counted, share.structures_expected) == (1, 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=12))
def test_share_counts_only_complete_structures(rows):
    """Whatever is missing, the share is the ratio of the sums over the structures that gave
    the total and both parts, and no structure with a gap enters either side."""
    structures = {n: (f"S{n}", "76", "Occitanie") for n in range(len(rows))}
    entries = [
        Entry(n, indicator.id, amount)
        for n, row in enumerate(rows)
        for indicator, amount in zip((TOTAL, PART_A, PART_C), row, strict=True)
    ]
    result = consolidate(indicators=[TOTAL, PART_A, PART_C], structures=structures, entries=entries)
    complete = [row for row in rows if None not in row]
    denominator = sum(row[0] for row in complete)
    if not denominator:
        assert result.shares == []
        return
    (share,) = result.shares
    assert share.denominator == denominator
    assert share.numerator == sum(row[1] + row[2] for row in complete)
    assert share.structures_counted == len(complete)
    assert share.structures_left_out == len(rows) - len(complete)
