from django.urls import path

from . import manage, views

# Included in the `www` namespace: names are prefixed with `observatory_`.
urlpatterns = [
    path("observatoire/", views.observatory_index, name="observatory"),
    path(
        "observatoire/campagnes/nouvelle/",
        manage.observatory_campaign_create,
        name="observatory_campaign_create",
    ),
    path("observatoire/<slug:slug>/", views.observatory_panorama, name="observatory_panorama"),
    path(
        "observatoire/<slug:slug>/panorama.<str:fmt>",
        views.observatory_export,
        name="observatory_export",
    ),
    path(
        "observatoire/<slug:slug>/donnees-ouvertes.zip",
        views.observatory_export,
        {"fmt": "zip"},
        name="observatory_datapackage",
    ),
    path(
        "observatoire/<slug:slug>/suivi/",
        views.observatory_completeness,
        name="observatory_completeness",
    ),
    path(
        "observatoire/<slug:slug>/publier/",
        views.observatory_campaign_publish,
        name="observatory_publish",
    ),
    path(
        "observatoire/<slug:slug>/copier/",
        views.observatory_campaign_copy,
        name="observatory_copy",
    ),
    path(
        "observatoire/<slug:slug>/campagne/",
        manage.observatory_campaign_edit,
        name="observatory_campaign_edit",
    ),
    path(
        "observatoire/<slug:slug>/indicateurs/nouveau/",
        manage.observatory_indicator_edit,
        name="observatory_indicator_create",
    ),
    path(
        "observatoire/<slug:slug>/indicateurs/<int:pk>/",
        manage.observatory_indicator_edit,
        name="observatory_indicator_edit",
    ),
    path(
        "observatoire/<slug:slug>/indicateurs/<int:pk>/supprimer/",
        manage.observatory_indicator_delete,
        name="observatory_indicator_delete",
    ),
    path(
        "observatoire/<slug:slug>/retours/<slug:structure_slug>/",
        views.observatory_return,
        name="observatory_return",
    ),
    path(
        "observatoire/<slug:slug>/retours/<slug:structure_slug>/transmettre/",
        views.observatory_return_submit,
        name="observatory_return_submit",
    ),
    path(
        "observatoire/<slug:slug>/retours/<slug:structure_slug>/examen/",
        views.observatory_return_review,
        name="observatory_return_review",
    ),
]
