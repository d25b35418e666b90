from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lanterne.accounts.views import set_language
from lanterne.core.views import health

admin.site.site_header = "Lanterne — administration"
admin.site.site_title = "Lanterne"

handler404 = "lanterne.api.exceptions.page_not_found"

urlpatterns = [
    path("sante/", health, name="health"),
    path("api/v1/", include("lanterne.api.urls")),
]

urlpatterns += i18n_patterns(
    # Inside the language prefix: from /en/… the view knows the current URL is English and
    # can translate it back to French.
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("compte/", include("lanterne.accounts.urls")),
    path("compte/", include("lanterne.www.privacy.urls")),
    path("compte/double-authentification/", include("lanterne.accounts.two_factor.urls")),
    path("inscription/", include("lanterne.www.onboarding.urls")),
    path("appels/", include("lanterne.www.calls.urls")),
    path("dossiers/", include("lanterne.www.dossiers.urls")),
    path("comites/", include("lanterne.www.committee.urls")),
    path("projets/", include("lanterne.www.projects.urls")),
    path("observatoire/", include("lanterne.www.observatory.urls")),
    path("intervenants/", include("lanterne.www.speakers.urls")),
    path("", include("lanterne.www.logbook.urls")),
    path("", include("lanterne.www.invitations.urls")),
    path("", include("lanterne.www.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "DEMO", False):
    # The demo runs without debug (its error pages are the site's) and still shows its media.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
