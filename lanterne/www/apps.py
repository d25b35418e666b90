from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "lanterne.www"
    label = "www"
