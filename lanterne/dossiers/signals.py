"""What other apps may hear about a dossier's life.

Receivers run inside the service's transaction: what they write is committed with the change
or rolled back with it, and an exception in a receiver refuses the change.
"""

from django.dispatch import Signal

# Sent by `services.dossier_decide` when a dossier is accepted, with `dossier` (its granted
# amount set) and `by`. Projects turns the dossier into the applicant's project for the year.
dossier_accepted = Signal()
