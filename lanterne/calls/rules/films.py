"""Each screening shows a film from the call's list of its kind (open-air, accompanied)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanterne.core.choices import choice_label
from lanterne.core.typography import listed

from ..enums import FilmListKind, RuleCode
from .base import FAIL, PASS, PENDING, Rule


class Films(Rule):
    code = RuleCode.FILMS

    def check(self, facts, params):
        screenings = facts.screenings
        if not screenings:
            return PENDING, _("Aucune séance n'est encore prévue.")
        allowed: dict[str, set[int]] = {}
        for film_list in facts.call.film_lists.all():
            allowed[film_list.kind] = {film.pk for film in film_list.films.all()}
        problems = []
        for action, list_kind in screenings:
            if action.film_id not in allowed.get(list_kind, set()):
                problems.append(
                    _("« %(action)s » n'a pas de film de la liste « %(list)s »")
                    % {"action": action.title, "list": choice_label(FilmListKind, list_kind)}
                )
        if problems:
            return FAIL, listed(problems) + "."
        return PASS, ngettext(
            "Le film de la séance prévue est choisi dans les listes de l'appel.",
            "Les films des %(count)d séances prévues sont choisis dans les listes de l'appel.",
            len(screenings),
        ) % {"count": len(screenings)}

    def describe(self, params):
        return _("Les films des séances sont choisis dans les listes de l'appel.")
