from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone


def store_next_session_start(apps, schema_editor):
    """Fill the new column as catalog.services.programme_next_session_refresh would."""
    Programme = apps.get_model("catalog", "Programme")
    Session = apps.get_model("catalog", "Session")
    upcoming = Session.objects.filter(programme=OuterRef("pk"), start_date__gte=timezone.localdate())
    Programme.objects.update(next_session_start=Subquery(upcoming.order_by("start_date").values("start_date")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="next_session_start",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="next session starts"),
        ),
        migrations.RunPython(store_next_session_start, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="programme",
            index=models.Index(fields=["provider", "is_published"], name="programme_provider_published"),
        ),
        migrations.AddIndex(
            model_name="programme",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["next_session_start", "slug"],
                name="programme_published_next_start",
            ),
        ),
    ]
