"""A demo programme whose French description was edited after it was translated.

The data holds the French as edited; its Arabic and English descriptions were
made from the French below. Stamping them so (as a translator would have a
year ago) puts them in the back office's translation queue, with the diff of
the French, and shows the note "This text may be older than the French
version" on the programme's Arabic and English pages.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from catalog.fingerprints import text_fingerprint
from catalog.models import Programme, TranslationStamp
from catalog.selectors import catalogue_version_bump

OUTDATED_PROGRAMME = "isat-jewellery-qualification"
OUTDATED_FIELD = "description"
TRANSLATED_FROM = (
    "Vous apprenez à scier, limer, souder et polir l'argent, puis à réaliser bagues, bracelets et "
    "boucles d'oreilles d'après des modèles traditionnels. La deuxième année comprend un stage dans "
    "un atelier de l'ancienne médina de Casablanca. Les outils et le métal d'exercice sont fournis par "
    "l'institut."
)


def outdated_translation_ensure() -> int:
    """Stamp the programme's translated descriptions as made from the earlier French; how many were stamped now.

    Idempotent: stamps already made from the earlier French (or rewritten or
    checked by an editor since, on the current French… until the next load)
    are left; nothing is written on a second run.
    """
    programme = Programme.objects.filter(slug=OUTDATED_PROGRAMME).first()
    if programme is None:
        return 0
    current = text_fingerprint(getattr(programme, f"{OUTDATED_FIELD}_fr"))
    earlier = text_fingerprint(TRANSLATED_FROM)
    if current == earlier:
        return 0
    stamped = TranslationStamp.objects.filter(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        field=OUTDATED_FIELD,
        source_fingerprint=current,
    ).update(source_fingerprint=earlier, source_text=TRANSLATED_FROM)
    if stamped:
        catalogue_version_bump()  # cached pages show the note at once
    return stamped
