from django.urls import path

from .communes.views import commune_suggestions
from .directory.views import directory
from .home.views import home, national
from .map.views import map_commune, map_data, structure_map
from .pages.views import welcome
from .structures import manage
from .structures.views import structure_detail, structure_edit

app_name = "www"
urlpatterns = [
    path("", welcome, name="welcome"),
    path("accueil/", home, name="home"),
    path("accueil/reseau/", national, name="national_dashboard"),
    path("annuaire/", directory, name="directory"),
    path("structures/nouvelle/", manage.structure_create, name="structure_create"),
    path("structures/sirene/", manage.sirene_lookup, name="sirene_lookup"),
    path("structures/adresses/", manage.address_suggestions, name="address_suggestions"),
    path("structures/<slug:slug>/", structure_detail, name="structure"),
    path("structures/<slug:slug>/fusionner/", manage.structure_merge, name="structure_merge"),
    path("structures/<slug:slug>/modifier/", structure_edit, name="structure_edit"),
    path("communes/suggestions/", commune_suggestions, name="commune_suggestions"),
    path("carte/", structure_map, name="map"),
    path("carte/donnees.geojson", map_data, name="map_data"),
    path("carte/communes/<str:code>/structures.json", map_commune, name="map_commune"),
]
