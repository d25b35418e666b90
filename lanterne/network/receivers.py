"""How the network follows changes to other apps' data (connected in `NetworkConfig.ready`)."""

from .services import structures_refresh_search_text


def refresh_search_text(sender, **kwargs) -> None:
    """Structures are searched by their commune's name: a renamed commune must show."""
    structures_refresh_search_text()
