"""Project pages: the applicant records its actions and files its report; the coordination
follows its régions' year and reviews the reports. Each view fetches in scope, parses a form,
calls one service and redirects or re-renders (`lanterne.www.actions`)."""
