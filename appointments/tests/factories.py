"""Factories for the desk's day: reasons, availabilities, appointments."""

from __future__ import annotations

import datetime

import factory

from appointments import models
from catalog.tests.factories import DeskFactory
from people.tests.factories import UserFactory


class MeetingReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MeetingReason
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"reason-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Entretien {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"مقابلة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Interview {o.slug}")
    duration_minutes = 30

    @factory.post_generation
    def desks(self, create, extracted, **kwargs):
        if create and extracted:
            self.desks.set(extracted)


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Availability

    counsellor = factory.SubFactory(UserFactory)
    desk = factory.SubFactory(DeskFactory)
    weekday = 0
    starts = datetime.time(9, 0)
    ends = datetime.time(16, 30)
    valid_from = datetime.date(2020, 1, 1)
