from django.urls import path

from . import views

app_name = "speakers"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("ma-fiche/", views.profile_edit, name="profile"),
    path("ma-fiche/periodes/", views.period_add, name="period_add"),
    path("ma-fiche/periodes/<int:pk>/supprimer/", views.period_delete, name="period_delete"),
    path("mes-interventions/", views.engagements, name="engagements"),
    path(
        "mes-interventions/<int:pk>/<str:answer>/",
        views.engagement_answer,
        name="engagement_answer",
    ),
    path("vivier/", views.pool, name="pool"),
    path("vivier/<int:pk>/", views.detail, name="detail"),
    path("vivier/<int:pk>/cv/", views.cv_download, name="cv"),
    path("action/<int:pk>/", views.match, name="match"),
    path("action/<int:pk>/solliciter/", views.ask, name="ask"),
    path("action/<int:pk>/annuler/<int:engagement_pk>/", views.cancel, name="cancel"),
]
