"""French times as the project writes them: « 23 h 59 », « 9 h 05 » (Django's French format is
« 23:59 »). Only what differs from Django's own French formats is here."""

TIME_FORMAT = r"G \h i"
