from django.urls import path

from . import views

app_name = "onboarding"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("verifiez-vos-courriels/", views.check_mail, name="check_mail"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("structure/", views.structure, name="structure"),
    path("structure/creer/", views.structure_create, name="structure_create"),
    path("structure/<slug:slug>/rejoindre/", views.join, name="join"),
    path("demandes/", views.join_requests, name="join_requests"),
    path("demandes/<int:pk>/", views.join_request, name="join_request"),
]
