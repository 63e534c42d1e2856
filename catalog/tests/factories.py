"""Factories for every catalogue model, with texts in the three languages."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from catalog import models


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Région {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"جهة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Region {o.slug}")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.City
        django_get_or_create = ("slug",)

    region = factory.SubFactory(RegionFactory)
    slug = factory.Sequence(lambda n: f"city-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Ville {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"مدينة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"City {o.slug}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Language
        django_get_or_create = ("code",)

    code = "fr"
    name_fr = "Français"
    name_ar = "الفرنسية"
    name_en = "French"


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DocumentType

    slug = factory.Sequence(lambda n: f"document-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Document {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"وثيقة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Document {o.slug} (en)")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Skill

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Savoir-faire {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"مهارة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Skill {o.slug}")


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Trade
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"trade-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Métier {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"حرفة {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Trade {o.slug}")
    summary_fr = "Un métier des mains."
    summary_ar = "حرفة يدوية."
    summary_en = "A trade of the hands."
    pictogram = "trade"
    isco_code = "7313"
    riasec_code = "RAC"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Provider

    slug = factory.Sequence(lambda n: f"provider-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Institut {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"معهد {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Institute {o.slug}")
    kind = models.ProviderKind.INSTITUTE
    city = factory.SubFactory(CityFactory)
    phone = "+212 5 22 00 00 00"


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Desk

    slug = factory.Sequence(lambda n: f"desk-{n}")
    name_fr = factory.LazyAttribute(lambda o: f"Guichet {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"شباك {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Desk {o.slug}")
    city = factory.SubFactory(CityFactory)
    address_fr = "1 rue de l'Exemple"
    address_ar = "1 زنقة المثال"
    address_en = "1 Example street"
    phone = "+212 5 22 00 00 01"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OpeningHours

    desk = factory.SubFactory(DeskFactory)
    weekday = 0
    opens = datetime.time(9, 0)
    closes = datetime.time(12, 30)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"programme-{n}")
    provider = factory.SubFactory(ProviderFactory)
    trade = factory.SubFactory(TradeFactory)
    city = factory.SelfAttribute("provider.city")
    title_fr = factory.LazyAttribute(lambda o: f"Formation {o.slug}")
    title_ar = factory.LazyAttribute(lambda o: f"تكوين {o.slug}")
    title_en = factory.LazyAttribute(lambda o: f"Training {o.slug}")
    level = models.Level.QUALIFICATION
    duration_weeks = 40
    schedule = models.ScheduleKind.FULL_TIME
    cost_mad = 0

    @factory.post_generation
    def teaching_languages(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.teaching_languages.set(extracted if extracted is not None else [LanguageFactory()])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    programme = factory.SubFactory(ProgrammeFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(weeks=20))
    application_deadline = factory.LazyAttribute(lambda o: o.start_date - datetime.timedelta(days=7))
    capacity = 20
    seats_taken = 5
