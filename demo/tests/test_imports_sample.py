"""The sample catalogue file the README points to: the demo provider account imports it."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Programme
from content.import_views import importable_providers
from demo.applications import provider_staff_ensure
from people.tests.staff import staff_sign_in


def upload(client, data: bytes, provider):
    return client.post(
        reverse("imports:upload"), {"provider": provider.pk, "file": SimpleUploadedFile("sample.csv", data)}
    )


def confirm(client, response):
    batch = response.context["batch"]
    return client.post(reverse("imports:confirm"), {"batch": batch.pk, "digest": batch.digest})


def test_the_demo_provider_can_import_the_readmes_sample_file(client, demo_network):
    user, _made = provider_staff_ensure(password="a-long-demo-password-2026")
    staff_sign_in(client, user)
    provider = importable_providers(user).get()
    data = (Path(settings.BASE_DIR) / "demo/data/imports/sample.csv").read_bytes()
    response = upload(client, data, provider)
    assert response.status_code == 200, response.context["preview"].problems
    assert response.context["preview"].counts == {"created": 5, "changed": 0, "unchanged": 0}
    confirm(client, response)
    assert Programme.objects.filter(provider=provider, provider_reference="ISAT-COUT-01").get().sessions.count() == 2
    assert upload(client, data, provider).context["preview"].counts["unchanged"] == 5
