"""Which translations are missing, outdated or up to date: the stamps kept on save, read back in bulk."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from appointments.models import MeetingReason
from audit.models import AuditAction, AuditEvent, AuditObject
from catalog import translation_status
from catalog.fingerprints import normalised, text_fingerprint
from catalog.models import Programme, TranslationStamp
from catalog.services import TranslationNotCheckable, translation_mark_checked
from catalog.tests import factories as f
from catalog.translation_status import Status
from core.actor import Actor

DESCRIPTION_FR = "Apprendre à scier, raboter et assembler le bois.\nAtelier le matin."
DESCRIPTION_AR = "تعلم نشر الخشب وصقله وتجميعه. ورشة في الصباح."
DESCRIPTION_EN = "Learn to saw, plane and join wood. Workshop in the morning."


@pytest.fixture
def programme(db) -> Programme:
    return f.ProgrammeFactory(
        slug="joinery",
        description_fr=DESCRIPTION_FR,
        description_ar=DESCRIPTION_AR,
        description_en=DESCRIPTION_EN,
    )


def status(obj, field: str, language: str) -> Status | None:
    entries = translation_status.text_statuses(type(obj), languages=[language], object_ids=[obj.pk])
    return next((entry.status for entry in entries if entry.field == field), None)


def editor(**kwargs):
    return get_user_model().objects.create_user("editor", "editor@example.org", "a-long-demo-passphrase", **kwargs)


def test_the_fingerprint_ignores_spacing_line_breaks_and_unicode_composition():
    assert normalised("  Bois\u00a0 et\n\n  métal\t ") == "Bois et métal"
    assert text_fingerprint("Bois et métal") == text_fingerprint("Bois\r\n et  me\u0301tal ")
    assert text_fingerprint("Bois et métal") != text_fingerprint("Bois et métaux")


def test_a_new_translation_is_up_to_date(programme):
    assert status(programme, "description", "ar") == Status.UP_TO_DATE
    assert status(programme, "description", "en") == Status.UP_TO_DATE
    stamp = TranslationStamp.objects.get(object_id=programme.pk, field="description", language="ar")
    assert stamp.source_text == DESCRIPTION_FR
    assert stamp.checked_by is None


def test_a_spacing_only_edit_of_the_french_keeps_translations_up_to_date(programme):
    programme.description_fr = "  Apprendre à scier,  raboter et assembler le bois.\r\n\r\nAtelier   le matin.  "
    programme.save()
    assert status(programme, "description", "ar") == Status.UP_TO_DATE
    assert status(programme, "description", "en") == Status.UP_TO_DATE


def test_a_real_change_of_the_french_makes_its_translations_outdated(programme):
    programme.description_fr = "Apprendre à scier, raboter et assembler le bois. Atelier l’après-midi."
    programme.save()
    assert status(programme, "description", "ar") == Status.OUTDATED
    assert status(programme, "description", "en") == Status.OUTDATED
    assert status(programme, "title", "ar") == Status.UP_TO_DATE  # only the text that changed


def test_french_and_translation_changed_in_the_same_save_are_up_to_date(programme):
    programme.description_fr = "Apprendre à scier le bois. Atelier l’après-midi."
    programme.description_en = "Learn to saw wood. Workshop in the afternoon."
    programme.save()
    assert status(programme, "description", "en") == Status.UP_TO_DATE
    assert status(programme, "description", "ar") == Status.OUTDATED


def test_a_translation_rewritten_after_the_french_changed_is_up_to_date_again(programme):
    programme.description_fr = "Apprendre à scier le bois. Atelier l’après-midi."
    programme.save()
    programme.description_ar = "تعلم نشر الخشب. ورشة بعد الظهر."
    programme.save()
    assert status(programme, "description", "ar") == Status.UP_TO_DATE


def test_an_empty_translation_is_missing_and_keeps_no_stamp(programme):
    programme.description_ar = ""
    programme.save()
    assert status(programme, "description", "ar") == Status.MISSING
    assert not TranslationStamp.objects.filter(object_id=programme.pk, field="description", language="ar").exists()


def test_a_text_without_french_has_no_status(programme):
    assert status(programme, "admission_notes", "ar") is None


def test_marking_still_right_makes_it_up_to_date_without_changing_the_text_and_is_audited(programme):
    programme.description_fr = "Apprendre à scier, raboter et assembler le bois. Atelier l’après-midi."
    programme.save()
    user = editor()
    translation_mark_checked(
        actor=Actor(user=user, ip_address="127.0.0.1"),
        model=Programme,
        object_id=programme.pk,
        field="description",
        language="ar",
    )
    programme.refresh_from_db()
    assert programme.description_ar == DESCRIPTION_AR
    assert status(programme, "description", "ar") == Status.UP_TO_DATE
    assert status(programme, "description", "en") == Status.OUTDATED
    stamp = TranslationStamp.objects.get(object_id=programme.pk, field="description", language="ar")
    assert stamp.checked_by == user
    event = AuditEvent.objects.get(action=AuditAction.TRANSLATION_CHECK)
    assert event.actor == user
    assert event.object_type == AuditObject.TRANSLATION
    assert event.detail == f"catalog.programme {programme.pk} description ar"
    assert DESCRIPTION_AR not in event.detail


@pytest.mark.parametrize(
    ("field", "language"), [("description", "de"), ("slug", "ar"), ("admission_notes", "ar")], ids=str
)
def test_marking_still_right_refuses_what_is_not_a_translation(programme, field, language):
    with pytest.raises(TranslationNotCheckable):
        translation_mark_checked(
            actor=Actor(user=editor()), model=Programme, object_id=programme.pk, field=field, language=language
        )
    assert not AuditEvent.objects.filter(action=AuditAction.TRANSLATION_CHECK).exists()


def test_deleting_a_row_deletes_the_stamps_of_its_translations(programme):
    assert TranslationStamp.objects.filter(object_id=programme.pk).exists()
    pk = programme.pk
    programme.delete()
    assert not TranslationStamp.objects.filter(object_id=pk, field="description").exists()


def test_texts_of_apps_above_the_catalogue_are_stamped_too(db):
    reason = MeetingReason.objects.create(
        slug="first", name_fr="Première information", name_ar="معلومات أولى", name_en="First information"
    )
    assert status(reason, "name", "en") == Status.UP_TO_DATE
    reason.name_fr = "Premier accueil"
    reason.save()
    assert status(reason, "name", "en") == Status.OUTDATED
    assert status(reason, "description", "en") is None


def test_the_data_migration_stamps_existing_translations_as_up_to_date(programme):
    TranslationStamp.objects.all().delete()
    Programme.objects.filter(pk=programme.pk).update(description_fr="Un texte écrit sans signal.")
    migration = importlib.import_module("catalog.migrations.0004_stamp_existing_translations")
    migration.stamp_existing(apps, None)
    programme.refresh_from_db()
    assert status(programme, "description", "ar") == Status.UP_TO_DATE
    assert TranslationStamp.objects.get(object_id=programme.pk, field="description", language="en").source_text == (
        "Un texte écrit sans signal."
    )


def test_coverage_counts_texts_per_language_and_kind_of_record(programme):
    f.ProgrammeFactory(slug="second", description_fr="Coudre.", description_ar="", description_en="Sewing.")
    programme.description_fr = "Scier le bois."
    programme.description_en = "Saw wood."
    programme.save()
    rows = {(row.content_type, row.language): row for row in translation_status.coverage()}
    arabic, english = rows[("catalog.programme", "ar")], rows[("catalog.programme", "en")]
    # Two programmes: two titles and two descriptions written in French.
    assert (arabic.total, arabic.missing, arabic.outdated, arabic.up_to_date) == (4, 1, 1, 2)
    assert (english.total, english.missing, english.outdated, english.up_to_date) == (4, 0, 0, 4)
    assert arabic.label == "formations"  # in the active language
    assert ("appointments.meetingreason", "ar") in rows


def _arabic_programmes():
    row = next(r for r in translation_status.coverage() if (r.content_type, r.language) == ("catalog.programme", "ar"))
    return row.missing, row.outdated, row.up_to_date


def test_coverage_is_read_again_from_the_cache_and_follows_every_change_at_once(programme, django_assert_num_queries):
    assert _arabic_programmes() == (0, 0, 2)
    with django_assert_num_queries(0):  # kept: nothing changed
        assert _arabic_programmes() == (0, 0, 2)
    programme.description_fr = "Scier le bois."
    programme.save()
    assert _arabic_programmes() == (0, 1, 1)
    translation_mark_checked(
        actor=Actor(user=editor()), model=Programme, object_id=programme.pk, field="description", language="ar"
    )
    assert _arabic_programmes() == (0, 0, 2)
    programme.delete()
    assert _arabic_programmes() == (0, 0, 0)


def test_statuses_of_a_list_take_two_queries_whatever_the_rows(programme, django_assert_num_queries):
    for n in range(20):
        f.ProgrammeFactory(slug=f"more-{n}", description_fr=f"Texte {n}", description_ar=f"نص {n}")
    Programme.objects.update(description_fr="Changé partout.")
    with django_assert_num_queries(2):
        entries = list(translation_status.text_statuses(Programme))
    outdated = {entry.object_id for entry in entries if entry.status == Status.OUTDATED}
    assert len(outdated) == 21


def test_the_diff_of_the_french_is_word_by_word():
    diff = translation_status.source_diff("Atelier le matin.", "Atelier  l’après-midi.\n")
    assert diff == [("equal", "Atelier"), ("delete", "le matin."), ("insert", "l’après-midi.")]
