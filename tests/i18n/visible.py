"""What a person reads on a page: its text nodes, outside scripts, styles and attributes."""

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "template", "code", "pre"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped: code or another language)
        self.nodes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        foreign = attributes.get("lang") not in (None, self.language)
        self.stack.append((tag, tag in SKIPPED or foreign))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(skipped for _tag, skipped in self.stack):
            return
        text = " ".join(data.split())
        if text:
            self.nodes.append(text)


def text_nodes(html: str, language: str = "en") -> list[str]:
    """The visible text nodes of `html`; an element marked in another language than
    `language` (`lang="fr"` on an English page: a name, a quotation) and code are left out."""
    parser = _Text(language)
    parser.feed(html)
    return parser.nodes


WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ]+", re.IGNORECASE)
# Words that French sentences are made of and English ones are not.
FRENCH_WORDS = frozenset(
    {
        "le",
        "la",
        "les",
        "des",
        "du",
        "est",
        "une",
        "pour",
        "dans",
        "avec",
        "aux",
        "sont",
        "pas",
        "qui",
        "sur",
        "et",
        "ou",
        "au",
        "ce",
        "cette",
        "ces",
        "vos",
        "votre",
        "nous",
        "vous",
        "par",
        "ne",
        "se",
        "sa",
        "son",
        "ses",
        "leur",
        "été",
        "être",
        "avez",
        "peut",
        "doit",
        "sera",
        "selon",
        "aucun",
        "aucune",
        "déjà",
        "très",
        "à",
        "où",
    }
)


def french_words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)} & FRENCH_WORDS


def looks_french(text: str) -> bool:
    """Two distinct French function words (« la demande est… ») make a French sentence;
    one alone may be a name (« Le Régent », « La Trame »)."""
    return len(french_words(text)) >= 2


# French typography: a space (plain, non-breaking or narrow) before « : ; ! ? », and « »
# quotes. English writes « Commune: », « "a title" ».
FRENCH_PUNCTUATION = re.compile(r"[^\s][ \xa0\u202f]+[:;!?](?=\s|$)|[«»]")
BLOCKS = {
    "p", "div", "li", "ul", "ol", "dt", "dd", "dl", "td", "th", "tr", "table", "h1", "h2", "h3",
    "h4", "h5", "h6", "section", "header", "footer", "nav", "main", "form", "fieldset",
    "legend", "label", "button", "option", "select", "br", "hr", "caption", "figcaption",
    "article", "aside", "summary", "details",
}  # fmt: skip


class _Lines(_Text):
    """The visible text of a page as lines, spaces kept between inline elements (a label in
    `<strong>`, its colon outside) and a line break at each block."""

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.nodes.append("\n")
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.nodes.append("\n")
        super().handle_endtag(tag)

    def handle_data(self, data):
        if not any(skipped for _tag, skipped in self.stack):
            self.nodes.append(data)


def visible_lines(html: str, language: str = "en") -> list[str]:
    """The lines a person reads on `html` (spaces collapsed, but kept where they are)."""
    parser = _Lines(language)
    parser.feed(html)
    lines = "".join(parser.nodes).split("\n")
    return [text for line in lines if (text := re.sub(r"[ \t\r\f\v]+", " ", line).strip())]


def french_punctuation(line: str) -> list[str]:
    """The places where `line` is punctuated the French way."""
    return [match.group(0) for match in FRENCH_PUNCTUATION.finditer(line)]
