from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demonstration data and its `load_demo` command; no other app imports it."""

    name = "lanterne.demo"
    verbose_name = _("démonstration")
