"""The Snowball stems of every word of the index, so that a word's other forms find it
("bijoutières", "jewellers": see ``normalize.stems``). Words already indexed get theirs here."""

from django.db import migrations, models

_BATCH = 2000


def fill(apps, schema_editor) -> None:
    from search.normalize import stems

    term = apps.get_model("search", "SearchTerm")
    batch = []
    for row in term.objects.only("pk", "word").iterator(chunk_size=_BATCH):
        row.stem_fr, row.stem_en = stems(row.word)
        batch.append(row)
        if len(batch) == _BATCH:
            term.objects.bulk_update(batch, ["stem_fr", "stem_en"])
            batch = []
    term.objects.bulk_update(batch, ["stem_fr", "stem_en"])


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_storage")]

    operations = [
        migrations.AddField(
            model_name="searchterm",
            name="stem_en",
            field=models.CharField(db_index=True, default="", max_length=100, verbose_name="English stem"),
        ),
        migrations.AddField(
            model_name="searchterm",
            name="stem_fr",
            field=models.CharField(db_index=True, default="", max_length=100, verbose_name="French stem"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
