from django.urls import path

from . import views

app_name = "invitations"
urlpatterns = [
    path("invitations/", views.invitation_list, name="list"),
    path("invitations/structures/", views.structure_suggestions, name="structure_suggestions"),
    path("invitations/<int:pk>/renvoyer/", views.invitation_resend, name="resend"),
    path("invitations/<int:pk>/revoquer/", views.invitation_revoke, name="revoke"),
    path("invitation/<str:key>/", views.invitation_accept, name="accept"),
]
