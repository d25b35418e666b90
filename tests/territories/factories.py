import factory

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


class RuralZoningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuralZoning

    commune = factory.SubFactory(CommuneFactory)
    scheme = "frr"
    status = "classified"
    valid_from = factory.Faker("date_between", start_date="-2y", end_date="today")
