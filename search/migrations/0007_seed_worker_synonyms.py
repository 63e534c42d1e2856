"""Seed the synonyms that word forms cannot reach: a worker whose name does not share a stem
with the trade's ("agricultrice" and "agriculture", "barber" and "hairdressing").

Plurals, feminines and most workers' names need none: they share a Snowball stem with a word
of the trade's texts ("bijoutières", "couturiers", "plâtrier", "jewellers", see
``normalize.stems``). Entries an administrator has already made are left as they are.
"""

from django.db import migrations

WORKER_SYNONYMS: dict[str, list[str]] = {
    "agriculteur": ["agriculture"],
    "agricultrice": ["agriculteur", "agriculture"],
    "farmer": ["agriculture", "farming"],
    "tailleuse": ["tailleur"],
    "seamstress": ["tailoring", "couture"],
    "sculptrice": ["sculpteur"],
    "barber": ["hairdressing", "coiffure"],
}


def seed(apps, schema_editor) -> None:
    from search.normalize import index_text, stems

    synonym = apps.get_model("search", "Synonym")
    term = apps.get_model("search", "SearchTerm")
    existing = set(synonym.objects.values_list("term_normalized", flat=True))
    synonym.objects.bulk_create(
        [
            synonym(term=text, term_normalized=index_text(text), expansions="\n".join(expansions))
            for text, expansions in WORKER_SYNONYMS.items()
            if index_text(text) not in existing
        ]
    )
    # Their words join the vocabulary, with their stems: "agricultrices" finds "agricultrice".
    words = {word for text in WORKER_SYNONYMS for word in index_text(text).split()}
    term.objects.bulk_create(
        [term(word=word, length=len(word), stem_fr=stems(word)[0], stem_en=stems(word)[1]) for word in sorted(words)],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor) -> None:
    from search.normalize import index_text

    apps.get_model("search", "Synonym").objects.filter(
        term_normalized__in=[index_text(text) for text in WORKER_SYNONYMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_stems")]

    operations = [migrations.RunPython(seed, unseed)]
