from django.urls import path

from . import manage, views

app_name = "observatory"
urlpatterns = [
    path("", views.observatory_index, name="index"),
    path("campagnes/nouvelle/", manage.observatory_campaign_create, name="campaign_create"),
    path("<slug:slug>/", views.observatory_panorama, name="panorama"),
    path("<slug:slug>/panorama.<str:fmt>", views.observatory_export, name="export"),
    path(
        "<slug:slug>/donnees-ouvertes.zip",
        views.observatory_export,
        {"fmt": "zip"},
        name="datapackage",
    ),
    path("<slug:slug>/suivi/", views.observatory_completeness, name="completeness"),
    path("<slug:slug>/publier/", views.observatory_campaign_publish, name="publish"),
    path("<slug:slug>/copier/", views.observatory_campaign_copy, name="copy"),
    path("<slug:slug>/campagne/", manage.observatory_campaign_edit, name="campaign_edit"),
    path(
        "<slug:slug>/indicateurs/nouveau/",
        manage.observatory_indicator_edit,
        name="indicator_create",
    ),
    path(
        "<slug:slug>/indicateurs/<int:pk>/",
        manage.observatory_indicator_edit,
        name="indicator_edit",
    ),
    path(
        "<slug:slug>/indicateurs/<int:pk>/supprimer/",
        manage.observatory_indicator_delete,
        name="indicator_delete",
    ),
    path("<slug:slug>/retours/<slug:structure_slug>/", views.observatory_return, name="return"),
    path(
        "<slug:slug>/retours/<slug:structure_slug>/transmettre/",
        views.observatory_return_submit,
        name="return_submit",
    ),
    path(
        "<slug:slug>/retours/<slug:structure_slug>/examen/",
        views.observatory_return_review,
        name="return_review",
    ),
]
