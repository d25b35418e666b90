from django.urls import path

from . import views

app_name = "two_factor"
urlpatterns = [
    path("verification/", views.verify, name="verify"),
    path(
        "verification/code-de-secours/",
        views.verify,
        {"recovery": True},
        name="verify_recovery",
    ),
    path("activation/", views.enrol, name="enrol"),
    path(
        "codes-de-secours/",
        views.regenerate_recovery_codes,
        name="regenerate_recovery_codes",
    ),
    path("desactivation/", views.disable, name="disable"),
]
