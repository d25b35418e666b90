from django.urls import path

from lanterne.www import converters  # noqa: F401  (registers <year:…>)

from .views import actions, exports, projects, reports, year

app_name = "projects"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("<int:pk>/", projects.project_detail, name="detail"),
    path("<int:pk>/actions/nouvelle/", projects.action_add, name="action_add"),
    path("<int:pk>/fiche.pdf", projects.project_sheet, name="sheet"),
    path("<int:pk>/bilan/", reports.report_detail, name="report"),
    path("<int:pk>/bilan/transmettre/", reports.report_submit, name="report_submit"),
    path("<int:pk>/bilan/valider/", reports.report_accept, name="report_accept"),
    path("<int:pk>/bilan/renvoyer/", reports.report_send_back, name="report_send_back"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/seances/", actions.session_add, name="session_add"),
    path(
        "actions/<int:pk>/seances/<int:session_pk>/supprimer/",
        actions.session_delete,
        name="session_delete",
    ),
    path("actions/<int:pk>/intervenants/", actions.speaker_engage, name="speaker_engage"),
    path(
        "actions/<int:pk>/intervenants/<int:engagement_pk>/retirer/",
        actions.speaker_release,
        name="speaker_release",
    ),
    path("actions/<int:pk>/participants/", actions.participants, name="participants"),
    path("actions/<int:pk>/autorisation/", actions.authorisation, name="authorisation"),
    path("actions/<int:pk>/film/", actions.film_add, name="film"),
    path("annee/<year:year>/", year.year_view, name="year"),
    path("annee/<year:year>/carte.geojson", year.year_data, name="year_data"),
    path("annee/<year:year>/plein-air/", exports.authorisations, name="authorisations"),
    path(
        "annee/<year:year>/plein-air.csv",
        exports.authorisations_export,
        name="authorisations_export",
    ),
    path("annee/<year:year>/actions.<str:fmt>", exports.export, name="export"),
]
