from django.urls import path

from .directory.views import directory
from .home.views import home
from .map.views import map_data, structure_map
from .pages.views import welcome
from .structures.views import structure_detail

app_name = "www"
urlpatterns = [
    path("", welcome, name="welcome"),
    path("accueil/", home, name="home"),
    path("annuaire/", directory, name="directory"),
    path("structures/<slug:slug>/", structure_detail, name="structure"),
    path("carte/", structure_map, name="map"),
    path("carte/donnees.geojson", map_data, name="map_data"),
]
