"""Providers' imports: the preview, its mistakes, all-or-nothing, idempotency, refused uploads, access, the template."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from audit.models import AuditAction, AuditEvent
from catalog.models import Programme, Session
from catalog.tests import factories as cf
from catalog.translation_status import Status, text_statuses
from content.models import ImportBatch
from people.tests import factories as f
from people.tests.staff import staff_sign_in

HEADER = (
    "record,reference,programme_reference,trade,city,level,schedule,duration_weeks,teaching_languages,"
    "required_documents,title_fr,summary_fr,start_date,end_date,application_deadline,capacity"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    provider = cf.ProviderFactory(slug="casa-institute")
    other = cf.ProviderFactory(slug="other-institute")
    cf.TradeFactory(slug="tailoring")
    cf.CityFactory(slug="casablanca")
    cf.LanguageFactory(code="fr")
    cf.LanguageFactory(code="ar", name_fr="Arabe", name_ar="العربية", name_en="Arabic")
    cf.DocumentTypeFactory(slug="photos")
    staff = f.StaffRoleFactory(user__username="casa-provider", provider_staff=True, provider=provider).user
    other_staff = f.StaffRoleFactory(user__username="other-provider", provider_staff=True, provider=other).user
    admin = f.StaffRoleFactory(user__username="national-admin", national_admin=True).user
    counsellor = f.StaffRoleFactory(user__username="counsellor").user
    return type(
        "World",
        (),
        {
            "provider": provider,
            "other": other,
            "staff": staff,
            "other_staff": other_staff,
            "admin": admin,
            "counsellor": counsellor,
        },
    )


def dates(offset: int = 0) -> tuple[str, str, str]:
    today = timezone.localdate()
    start = today + datetime.timedelta(days=60 + offset)
    return (
        start.isoformat(),
        (start + datetime.timedelta(days=90)).isoformat(),
        (start - datetime.timedelta(days=10)).isoformat(),
    )


def good_csv(title: str = "Couture", capacity: int = 12) -> bytes:
    start, end, deadline = dates()
    lines = [
        HEADER,
        f"programme,P-1,,tailoring,casablanca,qualification,full_time,24,fr ar,photos,{title},Apprendre à coudre,,,,",
        f"session,S-1,P-1,,,,,,,,,,{start},{end},{deadline},{capacity}",
    ]
    return ("\n".join(lines) + "\n").encode()


def upload(client, data: bytes, provider, name: str = "catalogue.csv"):
    return client.post(
        reverse("imports:upload"),
        {"provider": provider.pk, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def confirm(client, response):
    batch = response.context["batch"]
    return client.post(reverse("imports:confirm"), {"batch": batch.pk, "digest": batch.digest})


@pytest.fixture
def staff_client(client, world):
    return staff_sign_in(client, world.staff)


def test_preview_says_what_will_be_created_and_writes_nothing(staff_client, world):
    response = upload(staff_client, good_csv(), world.provider)
    assert response.status_code == 200
    page = response.content.decode()
    assert "To create: 2 · to change: 0 · unchanged: 0" in page
    assert "Import now" in page
    assert not Programme.objects.filter(provider=world.provider).exists()


def test_confirming_writes_the_rows_and_deletes_the_parsed_rows(staff_client, world):
    response = confirm(staff_client, upload(staff_client, good_csv(), world.provider))
    assert response.status_code == 302
    programme = Programme.objects.get(provider=world.provider, provider_reference="P-1")
    assert programme.title_fr == "Couture"
    assert sorted(programme.teaching_languages.values_list("code", flat=True)) == ["ar", "fr"]
    assert programme.required_documents.get().slug == "photos"
    session = Session.objects.get(programme=programme, provider_reference="S-1")
    assert session.capacity == 12
    assert not ImportBatch.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.CATALOGUE_IMPORT, actor=world.staff).count() == 1
    page = staff_client.get(reverse("imports:upload")).content.decode()
    assert "Imported: 2 created, 0 changed, 0 unchanged." in page


def test_importing_the_same_file_twice_changes_nothing(staff_client, world):
    confirm(staff_client, upload(staff_client, good_csv(), world.provider))
    before = list(Programme.objects.values("pk", "updated_at"))
    second = upload(staff_client, good_csv(), world.provider)
    page = second.content.decode()
    assert "To create: 0 · to change: 0 · unchanged: 2" in page
    assert {line.status for line in second.context["preview"].lines} == {"unchanged"}
    assert "Nothing to change" in page
    assert list(Programme.objects.values("pk", "updated_at")) == before
    assert Session.objects.count() == 1


def test_a_changed_row_is_shown_as_changed_with_its_columns(staff_client, world):
    confirm(staff_client, upload(staff_client, good_csv(), world.provider))
    response = upload(staff_client, good_csv(title="Couture moderne", capacity=20), world.provider)
    lines = {line.reference: line for line in response.context["preview"].lines}
    assert lines["P-1"].status == "changed" and lines["P-1"].changed == ["title_fr"]
    assert lines["S-1"].status == "changed" and lines["S-1"].changed == ["capacity"]
    confirm(staff_client, response)
    assert Programme.objects.get(provider_reference="P-1").title_fr == "Couture moderne"
    assert Session.objects.get(provider_reference="S-1").capacity == 20


def test_a_file_with_40_mistakes_names_each_with_row_and_column(staff_client, world):
    lines = [HEADER]
    for n in range(5):  # four mistakes each: level, duration, teaching language, title
        lines.append(f"programme,P-{n},,tailoring,casablanca,master,full_time,0,xx,,,,,,,")
    for n in range(5):  # four mistakes each: unknown programme, end before start, deadline after start, capacity
        start, end, deadline = dates(offset=n)
        lines.append(f"session,S-{n},NOPE,,,,,,,,,,{start},{deadline},{end},0")
    response = upload(staff_client, ("\n".join(lines)).encode(), world.provider)
    assert response.status_code == 422
    problems = response.context["preview"].problems
    assert len(problems) == 40
    found = {(p.row, p.column) for p in problems}
    for row in range(2, 7):
        assert {(row, "level"), (row, "duration_weeks"), (row, "teaching_languages"), (row, "title_fr")} <= found
    for row in range(7, 12):
        assert {
            (row, "programme_reference"),
            (row, "end_date"),
            (row, "application_deadline"),
            (row, "capacity"),
        } <= found
    page = response.content.decode()
    assert "40 mistakes to correct" in page
    assert "The last day is before the first day." in page
    assert "Import now" not in page
    assert not ImportBatch.objects.exists()


def test_mistakes_are_said_in_the_users_language(staff_client, world):
    data = (
        HEADER + "\nprogramme,P-1,,tailoring,casablanca,qualification,full_time,24,fr,,Couture,,,,,\n"
        "session,S-1,P-1,,,,,,,,,,9999-12-31,9999-12-31,,5\n"
    ).encode()
    with translation.override("fr"):
        response = staff_client.post(
            reverse("imports:upload"),
            {"provider": world.provider.pk, "file": SimpleUploadedFile("c.csv", data)},
        )
    assert response.status_code == 422
    assert "9999-12-31" in response.content.decode()
    assert any(p.column == "start_date" for p in response.context["preview"].problems)


def test_one_bad_row_means_nothing_is_written(staff_client, world):
    start, end, deadline = dates(offset=7)
    data = good_csv() + f"session,S-2,P-1,,,,,,,,,,{start},{end},{deadline},zero\n".encode()
    response = upload(staff_client, data, world.provider)
    assert response.status_code == 422
    assert [(p.row, p.column) for p in response.context["preview"].problems] == [(4, "capacity")]
    assert response.context["batch"] is None
    assert not Programme.objects.exists()


def test_an_import_failing_while_writing_leaves_nothing(staff_client, world, monkeypatch):
    from content import imports

    response = upload(staff_client, good_csv(), world.provider)
    original = Session.save

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Session, "save", broken)
    with pytest.raises(RuntimeError):
        imports.apply(world.provider, response.context["batch"].rows)
    monkeypatch.setattr(Session, "save", original)
    assert not Programme.objects.exists()


def test_a_second_confirm_of_the_same_preview_is_refused_and_writes_nothing_twice(staff_client, world):
    response = upload(staff_client, good_csv(), world.provider)
    confirm(staff_client, response)
    again = confirm(staff_client, response)
    assert again.status_code == 409
    assert "already imported or has expired" in again.content.decode()
    assert Programme.objects.count() == 1 and Session.objects.count() == 1


def test_a_wrong_digest_is_refused(staff_client, world):
    batch = upload(staff_client, good_csv(), world.provider).context["batch"]
    response = staff_client.post(reverse("imports:confirm"), {"batch": batch.pk, "digest": "0" * 64})
    assert response.status_code == 409
    assert not Programme.objects.exists()


def test_a_file_over_2_mb_is_refused_with_a_clear_message(staff_client, world):
    data = good_csv() + b"#" * (2 * 1024 * 1024)
    response = upload(staff_client, data, world.provider)
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "neither an Excel workbook"),
        ("record;reference\nprogramme;é".encode("latin-1"), "not in UTF-8"),
        (b"name,price\nfoo,1\n", "starting with"),
        (b"PK\x03\x04not really a zip", "cannot be read"),
        (b"", "empty"),
    ],
)
def test_files_that_are_not_a_catalogue_are_refused_by_their_content(staff_client, world, data, message):
    response = upload(staff_client, data, world.provider, name="catalogue.xlsx")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_zip_that_is_not_a_workbook_is_refused(staff_client, world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    response = upload(staff_client, out.getvalue(), world.provider, name="catalogue.xlsx")
    assert response.status_code == 400
    assert "neither an Excel workbook" in response.content.decode()


def test_an_xlsx_file_is_read_and_formulas_stay_text(staff_client, world):
    start, end, deadline = dates()
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "programme",
            "P-1",
            "",
            "tailoring",
            "casablanca",
            "qualification",
            "full_time",
            24,
            "fr",
            "",
            "=cmd|' /C calc'!A0",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    sheet.append(
        [
            "session",
            "S-1",
            "P-1",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            datetime.date.fromisoformat(start),
            end,
            deadline,
            3,
        ]
    )
    out = io.BytesIO()
    book.save(out)
    response = upload(staff_client, out.getvalue(), world.provider, name="anything.bin")
    assert response.status_code == 200, response.context["preview"].problems
    confirm(staff_client, response)
    assert Programme.objects.get().title_fr == "=cmd|' /C calc'!A0"
    assert Session.objects.get().start_date.isoformat() == start


def test_nul_bytes_in_a_csv_are_refused(staff_client, world):
    response = upload(staff_client, good_csv().replace(b"Couture", b"Cou\x00ture"), world.provider)
    assert response.status_code == 400


def test_other_providers_staff_cannot_import_into_yours(client, world):
    staff_sign_in(client, world.other_staff)
    response = upload(client, good_csv(), world.provider)
    assert response.status_code == 400
    assert not Programme.objects.exists()
    assert list(client.get(reverse("imports:upload")).context["form"].fields["provider"].queryset) == [world.other]


def test_a_confirm_of_another_users_preview_is_refused(client, world, staff_client):
    batch = upload(staff_client, good_csv(), world.provider).context["batch"]
    other = staff_sign_in(type(client)(), world.other_staff)
    response = other.post(reverse("imports:confirm"), {"batch": batch.pk, "digest": batch.digest})
    assert response.status_code == 409
    assert not Programme.objects.exists()


def test_network_administrators_import_for_any_provider(client, world):
    staff_sign_in(client, world.admin)
    confirm(client, upload(client, good_csv(), world.other))
    assert Programme.objects.get().provider == world.other


def test_counsellors_are_refused_and_strangers_sent_to_sign_in(client, world):
    assert client.get(reverse("imports:upload")).status_code == 302
    staff_sign_in(client, world.counsellor)
    assert client.get(reverse("imports:upload")).status_code == 403
    assert client.get(reverse("imports:template")).status_code == 403


def test_staff_without_second_factor_are_sent_to_the_code_step(client, world):
    client.force_login(world.staff)
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302


def test_the_template_has_the_sheets_and_explains_each_column_in_three_languages(staff_client, world):
    response = staff_client.get(reverse("imports:template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert {"catalogue", "columns", "trades", "cities", "levels", "schedules", "languages", "documents"} <= set(
        book.sheetnames
    )
    header = [c.value for c in next(book["catalogue"].iter_rows(max_row=1))]
    assert header[:3] == ["record", "reference", "programme_reference"]
    explained = {row[0]: row[1:] for row in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert set(explained) == set(header)
    fr, ar, en = explained["capacity"]
    assert en == "Sessions: the number of seats, at least 1."
    assert fr and ar and fr != en and ar != en
    assert "tailoring" in [row[0] for row in book["trades"].iter_rows(min_row=2, values_only=True)]
    assert "qualification" in [row[0] for row in book["levels"].iter_rows(min_row=2, values_only=True)]


def test_imported_texts_missing_in_arabic_and_english_enter_the_translation_queue(staff_client, world):
    confirm(staff_client, upload(staff_client, good_csv(), world.provider))
    programme = Programme.objects.get()
    statuses = {(e.field, e.language): e.status for e in text_statuses(Programme) if e.object_id == programme.pk}
    assert statuses[("title", "ar")] == Status.MISSING
    assert statuses[("title", "en")] == Status.MISSING
    assert statuses[("summary", "en")] == Status.MISSING
