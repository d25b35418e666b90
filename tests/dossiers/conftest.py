import pytest

from lanterne.dossiers.models import Dossier


@pytest.fixture
def reload():
    """The dossier as the engine and the services read it (everything prefetched)."""

    def _reload(dossier):
        return Dossier.objects.for_content().get(pk=dossier.pk)

    return _reload
