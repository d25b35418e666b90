"""English dates as the project writes them, day first: « 1 December 2026 » (Django's own
English formats are American: « Dec. 1, 2026 »); a deadline's time « 11:59 p.m. »."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "g:i a"
