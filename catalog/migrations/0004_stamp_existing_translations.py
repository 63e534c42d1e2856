"""Stamp every translation written before stamps existed as made from the French text as it is now (up to date)."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from catalog.fingerprints import exact_hash, text_fingerprint

BATCH = 1000


def stamp_existing(apps, schema_editor):
    from modeltranslation.translator import translator

    content_type_model = apps.get_model("contenttypes", "ContentType")
    stamp_model = apps.get_model("catalog", "TranslationStamp")
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    languages = [code for code, _name in settings.LANGUAGES if code != source]
    now = timezone.now()
    for registered in translator.get_registered_models():
        opts = registered._meta
        try:
            model = apps.get_model(opts.app_label, opts.model_name)
        except LookupError:  # a model whose table comes later than this migration: no rows yet
            continue
        known = {f.name for f in model._meta.get_fields()}
        fields = [
            field
            for field in translator.get_options_for_model(registered).fields
            if all(f"{field}_{code}" in known for code in (source, *languages))
        ]
        content_type, _created = content_type_model.objects.get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        columns = [f"{field}_{code}" for field in fields for code in (source, *languages)]
        batch = []
        for pk, *values in model._base_manager.order_by("pk").values_list("pk", *columns).iterator(chunk_size=BATCH):
            texts = dict(zip(columns, values, strict=True))
            for field in fields:
                original = texts[f"{field}_{source}"] or ""
                for code in languages:
                    translation = texts[f"{field}_{code}"] or ""
                    if not translation.strip():
                        continue
                    batch.append(
                        stamp_model(
                            content_type=content_type,
                            object_id=pk,
                            field=field,
                            language=code,
                            source_fingerprint=text_fingerprint(original),
                            source_text=original,
                            translation_hash=exact_hash(translation),
                            stamped_at=now,
                        )
                    )
            if len(batch) >= BATCH:
                stamp_model.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        stamp_model.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_translationstamp"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Translated models of the apps above the catalogue (found through modeltranslation's registry).
        ("appointments", "0003_queue"),
    ]

    operations = [migrations.RunPython(stamp_existing, migrations.RunPython.noop)]
