"""What other apps may hear about the reference data. Territories import no other app: those
that keep copies of territory data (a structure's search text holds its commune's name)
listen here."""

from django.dispatch import Signal

# Sent by `manage.py import_territories` inside its transaction, with `report` (an
# `importers.ImportReport`), when the import created or updated rows.
territories_changed = Signal()
