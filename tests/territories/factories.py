import datetime

import factory

from lanterne.territories.enums import DataOrigin, RuralScheme, RuralStatus
from lanterne.territories.models import Commune, Departement, Qpv, Region, RuralZoning


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"R{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Région {n}")


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    departement = factory.SubFactory(DepartementFactory)
    region = factory.SelfAttribute("departement.region")
    population = 1000
    postal_codes = factory.LazyFunction(list)
    latitude = 46.5
    longitude = 2.5

    class Params:
        without_position = factory.Trait(latitude=None, longitude=None)


class QpvFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qpv

    code = factory.Sequence(lambda n: f"QN{n:05d}M")
    name = factory.Sequence(lambda n: f"Quartier {n}")

    class Params:
        # A row of the shipped sample, not checked against the official list.
        illustrative = factory.Trait(
            origin=DataOrigin.ILLUSTRATIVE,
            source="illustratif — non vérifié contre le fichier officiel",
        )


class RuralZoningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuralZoning

    commune = factory.SubFactory(CommuneFactory)
    scheme = RuralScheme.FRR
    status = RuralStatus.CLASSIFIED
    valid_from = factory.Faker("date_between", start_date="-2y", end_date="today")

    class Params:
        # The ZRR classification of the arrêté of 16 March 2017, in force until 30 June 2024.
        zrr = factory.Trait(
            scheme=RuralScheme.ZRR,
            valid_from=datetime.date(2017, 7, 1),
            valid_until=datetime.date(2024, 6, 30),
        )
        # France Ruralités Revitalisation, from 1 July 2024 (arrêté of 19 June 2024).
        frr = factory.Trait(
            scheme=RuralScheme.FRR, valid_from=datetime.date(2024, 7, 1), valid_until=None
        )
