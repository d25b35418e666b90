from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/actions/nouvelle/", views.action_add, name="action_add"),
    path("<int:pk>/fiche.pdf", views.project_sheet, name="sheet"),
    path("<int:pk>/bilan/", views.report_detail, name="report"),
    path("<int:pk>/bilan/transmettre/", views.report_submit, name="report_submit"),
    path("<int:pk>/bilan/valider/", views.report_accept, name="report_accept"),
    path("<int:pk>/bilan/renvoyer/", views.report_send_back, name="report_send_back"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/seances/", views.session_add, name="session_add"),
    path(
        "actions/<int:pk>/seances/<int:session_pk>/supprimer/",
        views.session_delete,
        name="session_delete",
    ),
    path("actions/<int:pk>/participants/", views.participants, name="participants"),
    path("actions/<int:pk>/autorisation/", views.authorisation, name="authorisation"),
    path("actions/<int:pk>/film/", views.film_add, name="film"),
    path("annee/<int:year>/", views.year_view, name="year"),
    path("annee/<int:year>/carte.geojson", views.year_data, name="year_data"),
    path("annee/<int:year>/plein-air/", views.authorisations, name="authorisations"),
    path(
        "annee/<int:year>/plein-air.csv",
        views.authorisations_export,
        name="authorisations_export",
    ),
    path("annee/<int:year>/actions.<str:fmt>", views.export, name="export"),
]
