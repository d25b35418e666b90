"""The benchmark's root URLconf: the site's own, plus the templated floor page (`bench.floor`).

Only `bench.environment.configure(floor=True)` points ROOT_URLCONF here; production never does."""

from django.urls import path

from bench.floor import floor
from config.urls import handler404
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("__bench__/plancher/", floor, name="bench_floor"), *site_urlpatterns]

__all__ = ["handler404", "urlpatterns"]
