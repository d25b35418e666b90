"""Call pages: the public list and page of each call, and what its coordination manages — the
call's settings, calendar and rules, its film lists and required documents, its dossiers.
Each view fetches in scope, calls one service and redirects or re-renders
(`lanterne.www.actions`)."""

from lanterne.calls.models import Call

CALLS = Call.objects.select_related("region", "coordination")
MANAGE = "calls.manage_call"
