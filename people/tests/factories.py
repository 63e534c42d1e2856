"""Factories for people's files and staff, with traits for every role."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import models as account_models
from applications.models import Application, ApplicationEvent, State
from applications.models import Role as ApplicationRole
from catalog.tests.factories import DeskFactory, ProgrammeFactory, ProviderFactory, RegionFactory
from people import models
from people.selectors import PROVIDER_VISIBLE_FIELDS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a long pass phrase for tests")


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = account_models.StaffRole

    user = factory.SubFactory(UserFactory)
    role = account_models.Role.COUNSELLOR
    desk = factory.SubFactory(DeskFactory)

    class Params:
        provider_staff = factory.Trait(
            role=account_models.Role.PROVIDER_STAFF, desk=None, provider=factory.SubFactory(ProviderFactory)
        )
        regional_admin = factory.Trait(
            role=account_models.Role.NETWORK_ADMIN, desk=None, region=factory.SubFactory(RegionFactory)
        )
        national_admin = factory.Trait(role=account_models.Role.NETWORK_ADMIN, desk=None)


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Beneficiary
        skip_postgeneration_save = True

    file_number = factory.Sequence(lambda n: f"T-{n:06d}")  # apart from the numbers services give
    desk = factory.SubFactory(DeskFactory)
    first_name = factory.Sequence(lambda n: f"Aminata{n}")
    last_name = "Diallo"
    phone = factory.Sequence(lambda n: f"+2126{n:08d}")
    birth_year = 1998
    nationality = "Guinée"
    residence_status = models.ResidenceStatus.RESIDENCE_CARD
    residence_document_number = factory.Sequence(lambda n: f"RC{n:07d}X")

    class Params:
        # The person proved the phone with a code (sign-up, or linking at the desk): it opens the file.
        proven = factory.Trait(phone_proven_at=factory.LazyFunction(timezone.now))


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Note

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    author = factory.SubFactory(UserFactory)
    text = "Came with her sister; interested in tailoring, evenings only."


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Consent

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    purpose = models.ConsentPurpose.PROCESSING
    text_version = "2026-11"
    channel = models.ConsentChannel.IN_PERSON


class OrientationResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrientationResult

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    source = models.OrientationSource.DESK
    recorded_by = factory.SubFactory(UserFactory)
    answers = factory.LazyFunction(lambda: {"interests": {"fine-objects": "like"}, "schooling": 3})
    trades = factory.LazyFunction(lambda: [{"slug": "jewellery", "name": "Bijouterie", "score": 4.0}])
    programmes = factory.LazyFunction(list)
    appraisal = "Precise hands; wants to start soon."
    next_steps = "Visit the jewellery workshop on Monday."
    person_language = "ar"

    class Params:
        online = factory.Trait(source=models.OrientationSource.ONLINE, recorded_by=None, appraisal="", next_steps="")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application made at the desk (what a referral was), with its first line in the log.

    ``state`` another than submitted writes the row as it stands (no move, no seat taken): for scope and
    field tests; tests of moves go through ``applications.services``.
    """

    class Meta:
        model = Application
        skip_postgeneration_save = True

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    created_by = factory.SubFactory(UserFactory)
    eligibility = factory.LazyFunction(
        lambda: [{"key": "age", "status": "met"}, {"key": "schooling", "status": "unknown"}]
    )
    shared_fields = factory.LazyFunction(lambda: list(PROVIDER_VISIBLE_FIELDS))

    @factory.post_generation
    def log(application, create, extracted, **kwargs):
        if create:
            ApplicationEvent.objects.create(
                application=application,
                to_state=State.SUBMITTED,
                at=application.created_at,
                by=application.created_by,
                role=ApplicationRole.COUNSELLOR,
            )
