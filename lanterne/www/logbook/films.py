"""A film's page (its Passeurs d'images sheet, its player, what holds it back), its
publication steps, and the public gallery."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lanterne.core.exports import private_download
from lanterne.core.workflow import abilities
from lanterne.logbook import selectors, services
from lanterne.logbook.enums import FILM_STATE_SCOPE, FilmState, Scope
from lanterne.logbook.models import Film
from lanterne.www.actions import require, run_or_flash, run_service, succeed

from . import forms as f

FILMS = Film.objects.select_related(
    "work__action__project__applicant", "region", "group__action__project__call"
)


def _film_for(request, pk) -> Film:
    """The film, if `request.user` may see its page at all (404 otherwise)."""
    return get_object_or_404(FILMS.visible_to(request.user), pk=pk)


def _render_film(request, film, status=200, form=None):
    user = request.user
    can = abilities(film, user)
    watchable = Film.objects.watchable_by(user).filter(pk=film.pk).exists()
    context = {
        "film": film,
        "work": film.work,
        "action": film.work.action,
        "project": film.work.action.project,
        "can": can,
        "watchable": watchable and bool(film.video),
        "people": selectors.film_people(film) if can["edit"] else [],
    }
    if can["edit"]:
        context["form"] = form or f.FilmForm(instance=film, group=film.group)
        context["held_back"] = [
            (label, selectors.missing_people(film, scope))
            for scope, label in Scope.choices
            if scope in (Scope.GROUP, Scope.NETWORK, Scope.PUBLIC)
        ]
        context["meant_for"] = FILM_STATE_SCOPE[FilmState(film.state)]
        context["transitions"] = list(film.transitions.select_related("by"))
    return render(request, "www/logbook/film.html", context, status=status)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def film_detail(request, pk):
    film = _film_for(request, pk)
    if request.method != "POST":
        return _render_film(request, film)
    require(request, "logbook.change_film", film)
    form = f.FilmForm(request.POST, request.FILES, instance=film, group=film.group)
    if form.is_valid():
        metadata = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if run_service(
            form,
            services.film_update,
            film=film,
            by=request.user,
            video=form.cleaned_data.get("video"),
            **metadata,
        ) and run_service(
            form,
            services.appearances_set,
            item=film,
            by=request.user,
            members=form.cleaned_data["appears"],
        ):
            return succeed(request, _("La fiche du film est enregistrée."), film)
    return _render_film(request, _film_for(request, pk), status=422, form=form)


@login_not_required
@require_safe
def film_video(request, pk):
    """The film's file, where the gate lets it out for this visitor (404 otherwise)."""
    film = get_object_or_404(Film.objects.watchable_by(request.user), pk=pk)
    if not film.video:
        raise Http404
    response = FileResponse(film.video.open("rb"), content_type=film.video_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return private_download(response)


def _step(service, done_message):
    @require_POST
    def view(request, pk):
        film = _film_for(request, pk)
        if run_or_flash(request, service, film=film, by=request.user):
            return succeed(request, str(done_message), film)
        return redirect(film)

    return view


film_share = _step(
    services.film_share,
    gettext_lazy(
        "Le film est destiné au réseau ; il y est visible si chaque personne à l'image "
        "l'a autorisé."
    ),
)
film_publish = _step(
    services.film_publish,
    gettext_lazy(
        "Le film est destiné au public ; il est en ligne dès que chaque personne à l'image "
        "l'a autorisé."
    ),
)
film_unpublish = _step(
    services.film_unpublish, gettext_lazy("Le film n'est plus diffusé hors du groupe.")
)


@login_not_required
@require_safe
def gallery(request):
    """The public gallery of the workshops' films, searched by région, year, genre, typology."""
    years = list(
        Film.objects.published_in(Scope.PUBLIC)
        .order_by("-work__year")
        .values_list("work__year", flat=True)
        .distinct()
    )
    form = f.GalleryFilterForm(request.GET or None, years=years)
    page = selectors.gallery(form.filters(), request.GET.get("page"))
    return render(
        request,
        "www/logbook/gallery.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
        },
    )
