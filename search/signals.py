"""Keep the search index in step with the catalogue: every save reindexes what it touched.

Bulk writes (``bulk_create``, queryset ``update``) send no signal: whoever
does them calls ``search_index_rebuild`` after (``generate_catalogue`` does).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalog.models import City, Programme, Provider, Region, Skill, Trade, TradeSkill
from search import services
from search.document_table import index_changed
from search.models import Synonym


@receiver(post_save, sender=Trade, dispatch_uid="search_trade_saved")
def trade_saved(sender, instance: Trade, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.search_document_index_trade(trade=instance)


@receiver(post_save, sender=TradeSkill, dispatch_uid="search_tradeskill_saved")
def trade_skill_saved(sender, instance: TradeSkill, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.search_document_index_trade(trade=instance.trade)


@receiver(post_save, sender=Skill, dispatch_uid="search_skill_saved")
def skill_saved(sender, instance: Skill, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        for trade in Trade.objects.filter(skills=instance):
            services.search_document_index_trade(trade=trade)


@receiver(post_save, sender=Programme, dispatch_uid="search_programme_saved")
def programme_saved(sender, instance: Programme, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.search_document_index_programmes(programmes=Programme.objects.filter(pk=instance.pk))


@receiver(m2m_changed, sender=Programme.teaching_languages.through, dispatch_uid="search_languages_changed")
def programme_languages_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    # Forward (programme.teaching_languages.add…), ``instance`` is the programme; reverse
    # (language.programmes_taught.add…), ``pk_set`` holds the programmes.
    if action in {"post_add", "post_remove", "post_clear"}:
        ids = (pk_set or []) if reverse else [instance.pk]
        services.search_document_index_programmes(programmes=Programme.objects.filter(pk__in=ids))


@receiver(post_save, sender=Provider, dispatch_uid="search_provider_saved")
def provider_saved(sender, instance: Provider, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        services.search_document_index_programmes(programmes=Programme.objects.filter(provider=instance))


@receiver(post_save, sender=City, dispatch_uid="search_city_saved")
def city_saved(sender, instance: City, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        services.search_document_index_programmes(programmes=Programme.objects.filter(city=instance))


@receiver(post_save, sender=Region, dispatch_uid="search_region_saved")
def region_saved(sender, instance: Region, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        services.search_document_index_programmes(programmes=Programme.objects.filter(city__region=instance))


@receiver(post_save, sender=Synonym, dispatch_uid="search_synonym_saved")
def synonym_saved(sender, instance: Synonym, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.search_terms_add_synonyms(synonyms=[instance])


@receiver(post_delete, sender=Trade, dispatch_uid="search_trade_deleted")
@receiver(post_delete, sender=Programme, dispatch_uid="search_programme_deleted")
def indexed_deleted(sender, instance, **kwargs) -> None:
    # Their documents and vectors go with them (cascade): processes read the vectors again.
    index_changed()
