from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lanterne.api"
    label = "api"

    def ready(self):
        # Registers the drf-spectacular extensions.
        from . import schema  # noqa: F401
