"""The dossier pages: the applicant fills its dossier section by section, the coordination
instructs it, the committee reads it. Each view fetches the dossier with `in_scope` (404 out of
reach, 403 without the permission of what it does), parses a form, calls one service and
redirects or re-renders (`lanterne.www.actions`).

`page` builds the dossier page that most of the others re-render; `lists` (the list, a new
dossier), `edit` (sections and items), `documents`, `messages`, `life` (submit, withdraw,
instruct) and `pdf` are its page groups."""
