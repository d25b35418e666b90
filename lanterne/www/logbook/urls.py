from django.urls import path

from . import films, views

app_name = "logbook"
urlpatterns = [
    path("carnets/", views.group_list, name="groups"),
    path("carnets/ouvrir/<int:action_pk>/", views.group_open, name="group_open"),
    path("carnets/<int:pk>/", views.group_detail, name="group"),
    path(
        "carnets/<int:pk>/messages/<int:post_pk>/commentaires/",
        views.comment_add,
        name="comment_add",
    ),
    path("carnets/<int:pk>/moderation/", views.moderation, name="moderation"),
    path(
        "carnets/<int:pk>/moderation/<int:post_pk>/publier/",
        views.post_approve,
        name="post_approve",
    ),
    path(
        "carnets/<int:pk>/moderation/<int:post_pk>/refuser/",
        views.post_reject,
        name="post_reject",
    ),
    path("carnets/<int:pk>/autorisations/", views.register, name="register"),
    path("carnets/<int:pk>/autorisations/membres/", views.member_add, name="member_add"),
    path(
        "carnets/<int:pk>/autorisations/membres/<int:member_pk>/nouvelle/",
        views.consent_add,
        name="consent_add",
    ),
    path(
        "carnets/<int:pk>/autorisations/<int:consent_pk>/retirer/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "carnets/<int:pk>/autorisations/<int:consent_pk>/formulaire/",
        views.consent_scan,
        name="consent_scan",
    ),
    path("carnets/<int:pk>/autorisation.pdf", views.authorisation_form, name="authorisation_form"),
    path("carnets/<int:pk>/films/<int:work_pk>/diffuser/", views.film_open, name="film_open"),
    path("carnets/medias/<int:pk>/", views.media_file, name="media"),
    path("carnets/medias/<int:pk>/personnes/", views.media_appearances, name="media_appearances"),
    path("films/", films.gallery, name="gallery"),
    path("films/<int:pk>/", films.film_detail, name="film"),
    path("films/<int:pk>/video/", films.film_video, name="film_video"),
    path("films/<int:pk>/reseau/", films.film_share, name="film_share"),
    path("films/<int:pk>/publier/", films.film_publish, name="film_publish"),
    path("films/<int:pk>/retirer/", films.film_unpublish, name="film_unpublish"),
]
