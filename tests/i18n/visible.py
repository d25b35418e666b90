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
