"""French and English punctuate differently: « Commune : Toulouse », « a ; b » in French,
« Commune: Toulouse », « a; b » in English. The punctuation is translated with the words, and
the English crawl (`test_english_site`) finds French punctuation wherever it leaks."""

import pytest
from django.template import Context, Template
from django.utils import translation

from lanterne.core.typography import labelled, listed

from .visible import french_punctuation, visible_lines


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "État : déposé — a ; b"), ("en", "État: déposé — a; b")],
)
def test_the_colon_and_the_list_separator_follow_the_language(language, expected):
    template = Template("{% load lanterne_tags %}État{% colon %} déposé — a{% list_separator %}b")
    with translation.override(language):
        assert template.render(Context()) == expected
        assert f"{labelled('État')} déposé — {listed(['a', 'b'])}" == expected


def test_the_detector_sees_french_punctuation_around_markup():
    """A colon written after a label's markup is seen (the crawl reads lines, not text
    nodes); times, English colons and semicolons are not French punctuation."""
    html = (
        "<ul><li><strong>Typology</strong> : documentary</li><li>Film: Le Voyage</li>"
        "<li>a ; b</li><li>Opens at 9:05</li><li>Ready&nbsp;?</li><li>«&nbsp;Title&nbsp;»</li>"
        "<li>one; two</li></ul>"
    )
    lines = visible_lines(html)
    assert lines == [
        "Typology : documentary",
        "Film: Le Voyage",
        "a ; b",
        "Opens at 9:05",
        "Ready\xa0?",
        "«\xa0Title\xa0»",
        "one; two",
    ]
    flagged = [line for line in lines if french_punctuation(line)]
    assert flagged == ["Typology : documentary", "a ; b", "Ready\xa0?", "«\xa0Title\xa0»"]
