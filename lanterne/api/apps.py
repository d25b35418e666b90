from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lanterne.api"
    label = "api"
