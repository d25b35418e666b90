"""Dates as people write them: « 1er décembre 2026 », « 1 December 2026 »."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from lanterne.core.money import format_day, format_moment


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", datetime.date(2026, 12, 1), "1er décembre 2026"),
        ("fr", datetime.date(2026, 12, 2), "2 décembre 2026"),
        ("fr", datetime.date(2027, 3, 15), "15 mars 2027"),
        ("en", datetime.date(2026, 12, 1), "1 December 2026"),
        ("en", datetime.date(2027, 3, 15), "15 March 2027"),
    ],
)
def test_a_day_is_written_as_people_write_it(language, day, expected):
    with translation.override(language):
        assert format_day(day) == expected


def test_a_moment_names_its_day_the_same_way_in_paris_time():
    """30 November 2026 23:30 UTC is already 1 December in Paris."""
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    with translation.override("fr"):
        assert format_moment(moment) == "1er décembre 2026 à 0 h 30 (heure de Paris)"
        assert format_day(moment) == "1er décembre 2026"
    with translation.override("en"):
        assert format_moment(moment) == "1 December 2026 at 12:30 a.m. (Paris time)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "15 janvier 2027 à 23 h 59 (heure de Paris)"),
        ("en", "15 January 2027 at 11:59 p.m. (Paris time)"),
    ],
)
def test_a_deadline_reads_to_the_minute(language, expected):
    """A deadline is stored to the second (23:59:59) and read to the minute, as people write
    it in each language."""
    deadline = datetime.datetime(2027, 1, 15, 22, 59, 59, tzinfo=datetime.UTC)
    with translation.override(language):
        assert format_moment(deadline) == expected


def test_the_day_filter_with_its_weekday_and_without_a_value():
    template = Template('{% load lanterne_tags %}{{ d|day:"weekday" }}|{{ none|day }}')
    with translation.override("fr"):
        text = template.render(Context({"d": datetime.date(2026, 12, 1), "none": None}))
    assert text == "mardi 1er décembre 2026|—"
    with translation.override("en"):
        text = template.render(Context({"d": datetime.date(2026, 12, 1), "none": None}))
    assert text == "Tuesday 1 December 2026|—"


def test_english_dates_of_django_are_day_first():
    """`{{ a_date }}` and `|date` with the named formats follow config/formats/en."""
    template = Template('{{ d }}|{{ d|date:"SHORT_DATE_FORMAT" }}')
    with translation.override("en"):
        text = template.render(Context({"d": datetime.date(2026, 12, 1)}))
    assert text == "1 December 2026|01/12/2026"
