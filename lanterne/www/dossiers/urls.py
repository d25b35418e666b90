from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("nouveau/<slug:call_slug>/", views.dossier_create, name="create"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/eligibilite/", views.dossier_eligibility, name="eligibility"),
    path("<int:pk>/modifier/<str:section>/", views.dossier_edit, name="edit"),
    path("<int:pk>/modifier/<str:section>/<int:item_pk>/", views.dossier_item, name="item"),
    path(
        "<int:pk>/modifier/<str:section>/<int:item_pk>/supprimer/",
        views.dossier_item_delete,
        name="item_delete",
    ),
    path("<int:pk>/pieces/", views.document_add, name="document_add"),
    path("<int:pk>/pieces/<int:doc_pk>/", views.document_download, name="document"),
    path("<int:pk>/pieces/<int:doc_pk>/supprimer/", views.document_delete, name="document_delete"),
    path("<int:pk>/deposer/", views.dossier_submit, name="submit"),
    path("<int:pk>/retirer/", views.dossier_withdraw, name="withdraw"),
    path("<int:pk>/instruction/<str:action>/", views.dossier_instruct, name="instruct"),
    path("<int:pk>/messages/", views.message_add, name="message"),
    path("<int:pk>/recepisse.pdf", views.dossier_receipt, name="receipt"),
    path("<int:pk>/dossier.pdf", views.dossier_print, name="print"),
]
