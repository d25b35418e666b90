from django.urls import path

from .views import audit, cerfa, documents, edit, life, lists, messages, page, pdf

app_name = "dossiers"
urlpatterns = [
    path("", lists.dossier_list, name="list"),
    path("nouveau/<slug:call_slug>/", lists.dossier_create, name="create"),
    path("<int:pk>/", page.dossier_detail, name="detail"),
    path("<int:pk>/eligibilite/", page.dossier_eligibility, name="eligibility"),
    path("<int:pk>/modifier/<str:section>/", edit.dossier_edit, name="edit"),
    path("<int:pk>/modifier/<str:section>/<int:item_pk>/", edit.dossier_item, name="item"),
    path(
        "<int:pk>/modifier/<str:section>/<int:item_pk>/supprimer/",
        edit.dossier_item_delete,
        name="item_delete",
    ),
    path("<int:pk>/pieces/", documents.document_add, name="document_add"),
    path("<int:pk>/pieces/<int:doc_pk>/", documents.document_download, name="document"),
    path(
        "<int:pk>/pieces/<int:doc_pk>/supprimer/",
        documents.document_delete,
        name="document_delete",
    ),
    path("<int:pk>/deposer/", life.dossier_submit, name="submit"),
    path("<int:pk>/retirer/", life.dossier_withdraw, name="withdraw"),
    path("<int:pk>/instruction/<str:action>/", life.dossier_instruct, name="instruct"),
    path("<int:pk>/messages/", messages.message_add, name="message"),
    path("<int:pk>/recepisse.pdf", pdf.dossier_receipt, name="receipt"),
    path("<int:pk>/dossier.pdf", pdf.dossier_print, name="print"),
    path("<int:pk>/journal/", audit.dossier_audit, name="audit"),
    path(
        "<int:pk>/demande-de-subvention.pdf",
        cerfa.dossier_grant_request,
        name="grant_request",
    ),
]
