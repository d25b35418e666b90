from django.urls import path

from lanterne.www.dossiers.views import audit

from .views import catalogue, dossiers, edit, public

app_name = "calls"
urlpatterns = [
    path("", public.call_list, name="list"),
    path("nouveau/", edit.call_create, name="create"),
    path("dossiers.<str:fmt>", dossiers.every_call_export, name="export_all"),
    path("<slug:slug>/", public.call_detail, name="detail"),
    path("<slug:slug>/calendrier.ics", public.call_ical, name="ical"),
    path("<slug:slug>/modifier/", edit.call_edit, name="edit"),
    path("<slug:slug>/calendrier/", edit.call_calendar_edit, name="calendar"),
    path("<slug:slug>/regles/", edit.call_rules, name="rules"),
    path("<slug:slug>/films-et-pieces/", catalogue.call_catalogue, name="catalogue"),
    path("<slug:slug>/films/<int:pk>/retirer/", catalogue.film_remove, name="film_remove"),
    path("<slug:slug>/pieces/<int:pk>/retirer/", catalogue.document_remove, name="document_remove"),
    path("<slug:slug>/publier/", edit.call_publish, name="publish"),
    path("<slug:slug>/copier/", edit.call_copy, name="copy"),
    path("<slug:slug>/dossiers/", dossiers.call_dossiers, name="dossiers"),
    path("<slug:slug>/dossiers.<str:fmt>", dossiers.call_export, name="export"),
    path("<slug:slug>/journal/", audit.call_audit, name="audit"),
]
