import factory
from django.utils.text import slugify

from lanterne.network.enums import StructureKind, StructureSubkind
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from tests.territories.factories import CommuneFactory, RegionFactory


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = StructureKind.CULTURAL_ACTOR
    subkind = StructureSubkind.ASSOCIATION
    commune = factory.SubFactory(CommuneFactory)
    is_listed = True

    class Params:
        unlisted = factory.Trait(is_listed=False)
        applicant_commune = factory.Trait(
            kind=StructureKind.COLLECTIVITY, subkind=StructureSubkind.COMMUNE, is_listed=False
        )
        pole = factory.Trait(kind=StructureKind.POLE, subkind="")
        pi_coordination = factory.Trait(kind=StructureKind.PI_COORDINATION, subkind="")
        drac = factory.Trait(kind=StructureKind.INSTITUTION, subkind=StructureSubkind.DRAC)
        national = factory.Trait(kind=StructureKind.NATIONAL_ASSOCIATION, subkind="")


class PoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pole
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pôle {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def carriers(self, create, extracted, **kwargs):
        if create and extracted:
            self.carriers.set(extracted)

    @factory.post_generation
    def departements(self, create, extracted, **kwargs):
        if create and extracted:
            self.departements.set(extracted)


class CoordinationFactory(PoleFactory):
    class Meta:
        model = Coordination
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Coordination {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(
        lambda o: f"{slugify(o.first_name)}.{slugify(o.last_name)}@example.org"
    )


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    structure = factory.SubFactory(StructureFactory)
    position = "Chargé·e de mission"
