import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: « Ciné-Causses  Mende » → « cine-causses mende ».

    Searches compare folded text on both sides, so « cinema » finds « Cinéma » on every
    database (SQLite's LIKE folds ASCII only; PostgreSQL's UPPER keeps the accents).
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
