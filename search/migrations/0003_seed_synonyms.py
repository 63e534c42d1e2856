"""Seed the synonyms of the trades across French, Arabic and English.

The administrators edit them in the back office from then on; this list is
frozen here, as migrations are.
"""

from django.db import migrations

# What people type and what it should also find.
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "bois": ["menuiserie", "bois sculpté", "joinery", "wood carving"],
    "wood": ["joinery", "wood carving", "menuiserie"],
    "خشب": ["النجارة", "النقش على الخشب"],
    "métal": ["ferronnerie", "art metalwork", "forge"],
    "fer": ["ferronnerie", "art metalwork", "forge"],
    "iron": ["ferronnerie", "art metalwork", "forge"],
    "forgeron": ["ferronnerie", "art metalwork"],
    "blacksmith": ["ferronnerie", "art metalwork"],
    "حديد": ["الحدادة الفنية"],
    "حداد": ["الحدادة الفنية"],
    "coudre": ["couture", "tailoring"],
    "vêtement": ["couture", "tailoring"],
    "vêtements": ["couture", "tailoring"],
    "habits": ["couture", "tailoring"],
    "clothes": ["tailoring", "couture"],
    "sewing": ["tailoring", "couture"],
    "sew": ["tailoring", "couture"],
    "dressmaking": ["tailoring", "couture"],
    "dressmaker": ["tailoring", "couture"],
    "tailoring": ["couture", "الخياطة"],
    "tailor": ["tailoring", "couture"],
    "couture": ["tailoring", "الخياطة"],
    "couturière": ["couture", "tailoring"],
    "خياطة": ["couture", "tailoring"],
    "خياط": ["الخياطة", "couture", "tailoring"],
    "carpentry": ["joinery", "menuiserie", "النجارة"],
    "carpenter": ["joinery", "menuiserie"],
    "joinery": ["menuiserie", "النجارة"],
    "menuiserie": ["joinery", "النجارة"],
    "menuisier": ["menuiserie", "joinery"],
    "ébéniste": ["menuiserie", "joinery"],
    "نجارة": ["menuiserie", "joinery"],
    "نجار": ["النجارة", "menuiserie", "joinery"],
    "mosaïque": ["zellige"],
    "mosaic": ["zellige"],
    "carrelage": ["zellige"],
    "carreaux": ["zellige"],
    "tiles": ["zellige"],
    "tiling": ["zellige"],
    "zellij": ["zellige"],
    "zelij": ["zellige"],
    "zelige": ["zellige"],
    "زليج": ["zellige"],
    "gebs": ["plâtre", "plaster"],
    "gypse": ["plâtre", "plaster"],
    "جبص": ["plâtre", "plaster"],
    "جبس": ["plâtre", "plaster", "الجبص"],
    "plaster": ["plâtre"],
    "plâtre": ["plaster"],
    "bijoux": ["bijouterie", "jewellery"],
    "jewelry": ["jewellery", "bijouterie"],
    "jeweler": ["jewellery", "bijouterie"],
    "gold": ["jewellery", "bijouterie"],
    "silver": ["jewellery", "bijouterie"],
    "حلي": ["bijouterie", "jewellery"],
    "pierre": ["pierre taillée", "cut stone"],
    "stone": ["pierre taillée", "cut stone"],
    "stonemason": ["pierre taillée", "cut stone"],
    "حجر": ["نحت الحجر"],
    "sculpture": ["bois sculpté", "wood carving", "pierre taillée", "plâtre sculpté"],
    "woodcarving": ["wood carving", "bois sculpté"],
    "farming": ["agriculture"],
    "farm": ["agriculture"],
    "ferme": ["agriculture"],
    "agricole": ["agriculture"],
    "فلاحة": ["agriculture"],
    "زراعة": ["agriculture", "الفلاحة"],
    "coiffeur": ["coiffure", "hairdressing"],
    "coiffeuse": ["coiffure", "hairdressing"],
    "hairdresser": ["hairdressing", "coiffure"],
    "hair": ["hairdressing", "coiffure"],
    "cheveux": ["coiffure", "hairdressing"],
    "حلاقة": ["coiffure", "hairdressing"],
    "gâteau": ["pâtisserie", "pastry"],
    "gâteaux": ["pâtisserie", "pastry"],
    "cakes": ["pastry", "pâtisserie"],
    "baker": ["pastry", "pâtisserie"],
    "cuisine": ["pâtisserie", "pastry"],
    "حلويات": ["pâtisserie", "pastry"],
    "électricien": ["électricité", "electrical installation"],
    "electrician": ["electrical installation", "électricité"],
    "كهرباء": ["électricité", "electrical installation"],
}

def seed(apps, schema_editor) -> None:
    from search.normalize import index_text

    synonym = apps.get_model("search", "Synonym")
    term = apps.get_model("search", "SearchTerm")
    existing = set(synonym.objects.values_list("term_normalized", flat=True))
    synonym.objects.bulk_create(
        [
            synonym(term=text, term_normalized=index_text(text), expansions="\n".join(expansions))
            for text, expansions in DEFAULT_SYNONYMS.items()
            if index_text(text) not in existing
        ]
    )
    # Their words join the vocabulary typos are corrected against ("carpentery" → "carpentry").
    words = {word for text in DEFAULT_SYNONYMS for word in index_text(text).split()}
    term.objects.bulk_create([term(word=word, length=len(word)) for word in sorted(words)], ignore_conflicts=True)


def unseed(apps, schema_editor) -> None:
    from search.normalize import index_text

    apps.get_model("search", "Synonym").objects.filter(
        term_normalized__in=[index_text(term) for term in DEFAULT_SYNONYMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(seed, unseed)]
