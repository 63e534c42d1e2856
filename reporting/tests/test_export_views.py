"""Downloading the staff report: the file at once for a light query, prepared by the worker for a heavy one."""

from __future__ import annotations

import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from audit.models import AuditAction, AuditEvent
from catalog.tests import factories as cf
from people.tests import factories as f
from people.tests.staff import staff_sign_in
from reporting import export_services, tasks
from reporting.models import ExportStatus, ReportExport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _private(response) -> bool:
    """Kept by no shared cache nor on disk: ``private`` and ``no-store`` (the staff area's middleware adds more)."""
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture(autouse=True)
def _exports(settings, tmp_path):
    settings.GUICHET_REPORT_THRESHOLD = 5
    settings.GUICHET_REPORT_EXPORTS_DIR = tmp_path / "exports"


def _may_export(user):
    user.user_permissions.add(Permission.objects.get(codename="export_reports"))
    return user


@pytest.fixture
def people(db):
    region = cf.RegionFactory(slug="casablanca-settat")
    desk = cf.DeskFactory(slug="casa-desk", city=cf.CityFactory(slug="casablanca", region=region))
    for _n in range(8):
        f.BeneficiaryFactory(desk=desk, sex="female", first_name="Aminata")
    for _n in range(2):
        f.BeneficiaryFactory(desk=desk, sex="male", first_name="Joseph")
    national = _may_export(f.StaffRoleFactory(user__username="national", national_admin=True).user)
    counsellor = _may_export(f.StaffRoleFactory(user__username="casa-counsellor", desk=desk).user)
    colleague = f.StaffRoleFactory(user__username="casa-colleague", desk=desk).user  # no export permission
    return national, counsellor, colleague


def _url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name)


def this_month() -> dict[str, str]:
    return {"period": "month", "month": f"{timezone.localdate():%Y-%m}"}


def this_year() -> dict[str, str]:
    return {"period": "year", "year": str(timezone.localdate().year), "scope": "network"}


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, people):
    response = client.get(_url("reporting_exports:xlsx"), this_month())
    assert response.status_code == 302
    assert "sign-in" in response.url or "login" in response.url


def test_staff_without_the_export_permission_are_refused_and_it_is_audited(client, people):
    _national, _counsellor, colleague = people
    staff_sign_in(client, colleague)
    response = client.get(_url("reporting_exports:xlsx"), this_month())
    assert response.status_code == 403
    assert "export permission" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=colleague).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORT).exists()


def test_a_light_query_answers_with_the_workbook_at_once_and_is_audited(client, people):
    _national, counsellor, _colleague = people
    staff_sign_in(client, counsellor)
    response = client.get(_url("reporting_exports:xlsx"), {**this_month(), "breakdown": "sex"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert _private(response)
    month = timezone.localdate().replace(day=1)
    assert f'filename="guichet-report-desk-casa-desk-{month:%Y%m%d}-' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "About this report"
    assert len(book.sheetnames) > 2
    every = [v for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert 8 in every  # the eight women
    assert 2 not in every  # the two men: under the threshold, never written
    assert not {"Aminata", "Joseph"} & {v for v in every if isinstance(v, str)}
    event = AuditEvent.objects.get(action=AuditAction.REPORT_EXPORT, actor=counsellor)
    assert event.object_type == "report"
    assert (
        event.detail.startswith("xlsx ")
        and "breakdown=sex" in event.detail
        and "scope=desk%3Acasa-desk" in event.detail
    )


def test_the_arabic_pdf_is_right_to_left_with_its_title_shaped(client, people):
    _national, counsellor, _colleague = people
    staff_sign_in(client, counsellor)
    response = client.get(_url("reporting_exports:pdf", "ar"), this_month())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert _private(response)
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert "تقرير النشاط" in text


def test_a_query_not_understood_is_a_400_page_saying_why(client, people):
    _national, counsellor, _colleague = people
    staff_sign_in(client, counsellor)
    response = client.get(_url("reporting_exports:xlsx"), {**this_month(), "breakdown": "shoe-size"})
    assert response.status_code == 400
    assert '<p role="alert">This breakdown is not offered.</p>' in response.content.decode()
    assert "breakdown=shoe-size" in response.content.decode()  # the way back to the page, to correct it
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORT).exists()


def test_a_scope_out_of_reach_is_refused(client, people):
    _national, counsellor, _colleague = people
    staff_sign_in(client, counsellor)
    response = client.get(_url("reporting_exports:pdf"), {**this_month(), "scope": "network"})
    assert response.status_code == 403


def _heavy(client, user, format="xlsx", language="en"):
    staff_sign_in(client, user)
    return client.get(_url(f"reporting_exports:{format}", language), this_year())


def test_a_heavy_query_is_prepared_as_a_task_and_asking_twice_finds_the_first(client, people):
    national, _counsellor, _colleague = people
    response = _heavy(client, national)
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reporting_exports:export", kwargs={"public_id": export.public_id})
    assert export.status == ExportStatus.QUEUED and export.requested_by == national
    assert export.params == this_year() and export.format == "xlsx" and export.language == "en"
    assert export.expires_at - export.created_at == datetime.timedelta(days=1)
    task = DBTaskResult.objects.get(task_path=tasks.report_export_prepare.module_path)
    assert task.args_kwargs["args"] == [export.pk]
    again = _heavy(client, national)
    assert again.url == response.url
    assert ReportExport.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=tasks.report_export_prepare.module_path).count() == 1
    _heavy(client, national, format="pdf")
    assert ReportExport.objects.count() == 2  # another format is another file
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORT, actor=national).count() == 3

    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and _private(page)
    assert '<meta http-equiv="refresh" content="5">' in html
    assert "being prepared" in html
    assert reverse("reporting_exports:export_file", kwargs={"public_id": export.public_id}) not in html


@pytest.mark.django_db(transaction=True)
def test_the_worker_prepares_the_file_and_only_its_asker_downloads_it_for_a_day(client, people, settings):
    national, counsellor, _colleague = people
    other_national = _may_export(f.StaffRoleFactory(user__username="national-2", national_admin=True).user)
    response = _heavy(client, national)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.READY
    run = DBTaskResult.objects.get(task_path=tasks.report_export_prepare.module_path)
    assert run.status == TaskResultStatus.SUCCESSFUL and run.return_value == ExportStatus.READY
    path = export_services.export_path(export)
    assert path.is_file() and path.parent == settings.GUICHET_REPORT_EXPORTS_DIR
    assert not str(path).startswith(str(settings.STATIC_ROOT))

    page = client.get(response.url).content.decode()
    file_url = reverse("reporting_exports:export_file", kwargs={"public_id": export.public_id})
    assert file_url in page and "http-equiv" not in page and "is ready" in page
    download = client.get(file_url)
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    assert _private(download)
    assert f"guichet-report-network-{timezone.localdate().year}0101-" in download["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames[0] == "About this report"

    for stranger in (other_national, counsellor):
        staff_sign_in(client, stranger)
        assert client.get(response.url).status_code == 404
        assert client.get(file_url).status_code == 404

    staff_sign_in(client, national)
    a_day_ago = timezone.now() - datetime.timedelta(days=1, minutes=1)
    ReportExport.objects.filter(pk=export.pk).update(created_at=a_day_ago, expires_at=a_day_ago + ReportExport.LIFETIME)
    gone = client.get(file_url)
    assert gone.status_code == 410
    assert "expired" in gone.content.decode()
    assert client.get(response.url).status_code == 410

    assert export_services.report_exports_purge() == 1
    assert not path.exists()
    assert not ReportExport.objects.exists()
    assert client.get(response.url).status_code == 404


def test_an_export_whose_permission_was_taken_away_before_it_ran_fails_without_a_file(client, people):
    national, _counsellor, _colleague = people
    response = _heavy(client, national)
    national.user_permissions.clear()
    export = ReportExport.objects.get()
    assert export_services.report_export_run(export.pk) == ExportStatus.FAILED
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and export.file_name == ""
    _may_export(national)
    page = client.get(response.url)
    assert page.status_code == 200 and "could not be prepared" in page.content.decode()


def test_the_nightly_purge_keeps_exports_within_their_day(people):
    national, _counsellor, _colleague = people
    young = ReportExport.objects.create(requested_by=national, params={}, query_key="a", format="pdf", language="fr")
    old = ReportExport.objects.create(
        requested_by=national,
        params={},
        query_key="b",
        format="pdf",
        language="fr",
        created_at=timezone.now() - datetime.timedelta(days=2),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert export_services.report_exports_purge() == 1
    assert list(ReportExport.objects.all()) == [young]
    assert not ReportExport.objects.filter(pk=old.pk).exists()
    assert tasks.report_exports_purge_schedule() is True
    assert tasks.report_exports_purge_schedule() is False


def test_the_reports_page_links_to_the_same_report_as_a_file(client, people):
    _national, counsellor, colleague = people
    staff_sign_in(client, counsellor)
    page = client.get(_url("reporting_desk:reports"), this_month()).content.decode()
    links = dict(re.findall(r'href="([^"]*reports\.(xlsx|pdf)\?[^"]*)"', page))
    assert len(links) == 2
    xlsx = next(url for url, kind in links.items() if kind == "xlsx")
    response = client.get(unescape(xlsx))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    staff_sign_in(client, colleague)  # no export permission: no link
    assert "reports.xlsx" not in client.get(_url("reporting_desk:reports"), this_month()).content.decode()
