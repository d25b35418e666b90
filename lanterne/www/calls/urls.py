from django.urls import path

from . import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("nouveau/", views.call_create, name="create"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/calendrier.ics", views.call_ical, name="ical"),
    path("<slug:slug>/modifier/", views.call_edit, name="edit"),
    path("<slug:slug>/calendrier/", views.call_calendar_edit, name="calendar"),
    path("<slug:slug>/regles/", views.call_rules, name="rules"),
    path("<slug:slug>/films-et-pieces/", views.call_catalogue, name="catalogue"),
    path("<slug:slug>/films/<int:pk>/retirer/", views.film_remove, name="film_remove"),
    path("<slug:slug>/pieces/<int:pk>/retirer/", views.document_remove, name="document_remove"),
    path("<slug:slug>/publier/", views.call_publish, name="publish"),
    path("<slug:slug>/copier/", views.call_copy, name="copy"),
    path("<slug:slug>/dossiers/", views.call_dossiers, name="dossiers"),
    path("<slug:slug>/dossiers.<str:fmt>", views.call_export, name="export"),
]
