"""The one way a commune's name is compared: lowercase, without accents, words only.

`search_key("Saint-Étienne")` and `search_key("st etienne")` are both `"saint etienne"`: the
stored `Commune.search_name` and the typed term go through the same function, so a search is a
prefix comparison of two plain ASCII strings, which every database answers from a B-tree index.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
# Abbreviations people type for the names INSEE always writes out in full.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def search_key(text: str) -> str:
    """`text` lowercased, without accents, hyphens and apostrophes read as spaces.

    "st" and "ste" followed by another word read as "saint" and "sainte"; alone at the end they
    are kept, since someone typing "ste" may be on the way to "Stenay".
    """
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_LIGATURES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = _NOT_WORD.sub(" ", text).split()
    return " ".join(
        _ABBREVIATIONS.get(word, word) if index < len(words) - 1 else word
        for index, word in enumerate(words)
    )
