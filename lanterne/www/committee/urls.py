from django.urls import path

from . import views

app_name = "committee"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("nouveau/<slug:call_slug>/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/ordre-du-jour/", views.session_add_dossiers, name="add_dossiers"),
    path("<int:pk>/clore/", views.session_close, name="close"),
    path("<int:pk>/proces-verbal.pdf", views.session_minutes, name="minutes"),
    path("<int:pk>/dossiers/<int:dossier_pk>/", views.session_dossier, name="dossier"),
    path("<int:pk>/dossiers/<int:dossier_pk>/decision/", views.session_decide, name="decide"),
]
