import factory
from allauth.account.models import EmailAddress

from samspill.core.models import (
    Audience,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("country", "code")

    country = "NO"
    code = "46"
    name = "Vestland"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("country", "code")

    country = "NO"
    code = "4601"
    name = "Bergen"
    region = factory.SubFactory(RegionFactory)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name_nb = factory.Sequence(lambda n: f"Målgruppe {n}")
    name_da = factory.Sequence(lambda n: f"Målgruppe {n} (da)")
    name_en = factory.Sequence(lambda n: f"Audience {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    slug = factory.Sequence(lambda n: f"organisasjon-{n}")
    kind = "label"
    country = "NO"
    municipality = factory.SubFactory(MunicipalityFactory)
    summary = "Et plateselskap."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
