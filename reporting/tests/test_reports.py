"""The staff reports: counts from the records, small numbers hidden, each user within their scope, the page."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import ApplicationEvent, Reason, State
from applications.models import Role as ApplicationRole
from appointments.models import Ticket, TicketStatus
from audit.models import AuditAction, AuditEvent
from catalog.tests import factories as cf
from orientation.models import CompletionCount
from people.tests import factories as f
from people.tests.staff import staff_sign_in
from reporting.indicators import report_build
from reporting.models import NationalityGroup
from reporting.queries import ReportQuery, ReportQueryError, ReportRefused, may_export, report_query
from reporting.suppression import Hidden

LANGS = ("fr", "ar", "en")


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.GUICHET_REPORT_THRESHOLD = 5


def this_year() -> dict[str, str]:
    return {"period": "year", "year": str(timezone.localdate().year)}


def table(report, key):
    return next(t for t in report.tables if t.key == key)


def cell(t, row: str, column: str):
    return t.table.cells[t.rows.index(row)][t.columns.index(column)]


def verified(user):
    user.is_verified = lambda: True  # as a request's user after the second factor
    return user


@pytest.fixture
def desks(db):
    region = cf.RegionFactory(slug="casablanca-settat")
    other_region = cf.RegionFactory(slug="oriental")
    desk = cf.DeskFactory(slug="casa-desk", city=cf.CityFactory(slug="casablanca", region=region))
    other_desk = cf.DeskFactory(slug="oujda-desk", city=cf.CityFactory(slug="oujda", region=other_region))
    counsellor = verified(f.StaffRoleFactory(user__username="casa-counsellor", desk=desk).user)
    national = verified(f.StaffRoleFactory(user__username="national", national_admin=True).user)
    return desk, other_desk, counsellor, national


def test_a_count_under_the_threshold_is_hidden_and_so_is_a_cell_that_would_give_it_away(desks):
    desk, _other, counsellor, _national = desks
    for _n in range(7):
        f.BeneficiaryFactory(desk=desk, sex="female")
    for _n in range(2):
        f.BeneficiaryFactory(desk=desk, sex="male")
    with translation.override("en"):
        report = report_build(report_query({**this_year(), "breakdown": "sex"}, user=counsellor))
        received = table(report, "received")
        male, female = cell(received, "Male", "New files"), cell(received, "Female", "New files")
        assert male.value is None and male.hidden is Hidden.SMALL
        assert female.shown and female.value == 7
        # 9 new files in all and 7 women would give the 2 men away: another cell of their column is hidden with them.
        column = received.columns.index("New files")
        others = [row[column] for n, row in enumerate(received.table.cells) if n != received.rows.index("Male")]
        others.append(received.table.column_totals[column])
        assert any(c.hidden is Hidden.COMPLEMENT for c in others)
        assert received.table.row_totals[received.rows.index("Male")].value is None
        assert report.cells_hidden >= 3


def test_the_page_shows_a_mark_for_a_hidden_count_and_explains_the_rule(client, desks):
    desk, _other, counsellor, _national = desks
    for _n in range(2):
        f.BeneficiaryFactory(desk=desk, sex="male")
    staff_sign_in(client, counsellor)
    with translation.override("en"):
        url = reverse("reporting_desk:reports") + "?breakdown=sex&period=year&year=" + this_year()["year"]
    page = client.get(url)
    html = unescape(page.content.decode())
    assert page.status_code == 200
    assert "<5" in html and "a count under 5 is replaced by" in html.replace("“", "").replace("”", "")


def test_a_counsellor_never_sees_another_desks_counts(desks):
    desk, other_desk, counsellor, _national = desks
    for _n in range(6):
        f.BeneficiaryFactory(desk=desk)
    for _n in range(9):
        f.BeneficiaryFactory(desk=other_desk)
    report = report_build(report_query(this_year(), user=counsellor))
    assert table(report, "received").table.total.value == 6
    with pytest.raises(ReportRefused):
        report_query({**this_year(), "scope": "desk:oujda-desk"}, user=counsellor)
    with pytest.raises(ReportRefused):
        report_query({**this_year(), "scope": "network"}, user=counsellor)


def test_the_whole_network_counts_every_desk(desks):
    desk, other_desk, _counsellor, national = desks
    for _n in range(6):
        f.BeneficiaryFactory(desk=desk)
    for _n in range(9):
        f.BeneficiaryFactory(desk=other_desk)
    report = report_build(report_query({**this_year(), "crossing": "region"}, user=national))
    assert table(report, "received").table.total.value == 15
    by_region = table(report, "received_by_region")
    assert [c.value for c in by_region.table.column_totals] == [6, 9]


def test_provider_staff_see_their_programmes_applications_and_outcomes_only(db):
    provider = f.StaffRoleFactory(user__username="provider", provider_staff=True)
    staff = verified(provider.user)
    mine, theirs = cf.ProgrammeFactory(provider=provider.provider), cf.ProgrammeFactory()
    applications = [f.ApplicationFactory(programme=mine) for _n in range(6)]
    for _n in range(8):
        f.ApplicationFactory(programme=theirs)
    for application in applications[:5]:
        ApplicationEvent.objects.create(
            application=application, from_state=State.SUBMITTED, to_state=State.ENROLLED, role=ApplicationRole.PROVIDER
        )
    query = report_query(this_year(), user=staff)
    assert query.scope == "provider" and query.applications_only
    report = report_build(query)
    assert {t.key for t in report.tables} == {"applications", "outcomes", "drop_outs"}
    assert table(report, "applications").table.total.value == 6
    assert table(report, "outcomes").table.total.value == 5
    with pytest.raises(ReportRefused):
        report_query({**this_year(), "scope": f"provider:{theirs.provider.slug}"}, user=staff)


# Who may read which scope: users of every role and scope (people/tests/fixtures.py) × scopes.
SCOPES = ("network", "region:casablanca-settat", "region:rabat-sale-kenitra", "desk:casablanca-desk", "desk:rabat-desk")
ALLOWED = {
    "casa-counsellor": {"desk:casablanca-desk"},
    "rabat-counsellor": {"desk:rabat-desk"},
    "provider-staff": set(),
    "casablanca-admin": {"region:casablanca-settat", "desk:casablanca-desk"},
    "rabat-admin": {"region:rabat-sale-kenitra", "desk:rabat-desk"},
    "national-admin": set(SCOPES),
    "no-role": set(),
    "root": set(),
}


@pytest.mark.parametrize("username", sorted(ALLOWED))
def test_who_may_read_which_scope(network, username):
    user = verified(
        next(
            getattr(network, name)
            for name in vars(network)
            if getattr(getattr(network, name), "username", None) == username
        )
    )
    for scope in SCOPES:
        if scope in ALLOWED[username]:
            assert report_query({"scope": scope}, user=user).scope_param == scope
        else:
            with pytest.raises(ReportRefused):
                report_query({"scope": scope}, user=user)
    own = f"provider:{network.provider.slug}"
    if username == "provider-staff":
        assert report_query({"scope": own}, user=user).scope_param == own
    elif username != "national-admin":
        with pytest.raises(ReportRefused):
            report_query({"scope": own}, user=user)


@pytest.mark.parametrize(
    "params",
    [
        {"period": "month", "month": "2026-11\x00"},
        {"period": "dates", "from": "2026-01-01", "to": "9999-12-31"},
        {"period": "dates", "from": "2026-12-01", "to": "2026-01-01"},
        {"period": "dates", "from": "2020-01-01", "to": "2026-01-01"},
        {"period": "year", "year": "99999999999999999999"},
        {"period": "quarter", "quarter": "2026-Q5"},
        {"period": "fortnight"},
        {"scope": "region:nowhere"},
        {"scope": "region:\x00"},
        {"scope": "galaxy:far"},
        {"breakdown": "religion"},
        {"crossing": "x" * 10000},
    ],
)
def test_a_bad_parameter_is_refused_with_a_message(desks, params):
    *_rest, national = desks
    with pytest.raises(ReportQueryError) as refused:
        report_query(params, user=national)
    assert str(refused.value)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("query", "message", "values"),
    [
        ("?period=month&month=2026-11%00", "The value of “%(name)s” is not understood.", {"name": "month"}),
        ("?period=dates&from=2026-01-01&to=9999-12-31", "Dates are between %(first)d and %(last)d.", None),
        ("?period=dates&from=2026-12-01&to=2026-01-01", "The first date comes after the last.", None),
        ("?scope=region:nowhere", "No region, desk, provider or trade has this identifier.", None),
    ],
)
def test_bad_input_on_the_page_is_a_400_with_the_message_in_the_pages_language(
    client, desks, lang, query, message, values
):
    *_rest, national = desks
    staff_sign_in(client, national)
    with translation.override(lang):
        expected = translation.gettext(message) % (values or {"first": 2000, "last": 2100})
        page = client.get(reverse("reporting_desk:reports") + query)
    assert page.status_code == 400
    assert unescape(re.search(r'role="alert">([^<]*)<', page.content.decode())[1]) == expected


def test_the_query_goes_back_and_forth_through_the_url(desks):
    *_rest, national = desks
    for params in [
        {"period": "month", "month": "2026-02", "scope": "network"},
        {"period": "quarter", "quarter": "2026-Q3", "scope": "region:casablanca-settat", "breakdown": "age"},
        {"period": "year", "year": "2025", "scope": "desk:casa-desk", "crossing": "month"},
        {"period": "dates", "from": "2026-01-05", "to": "2026-03-01", "scope": "network", "breakdown": "sex"},
    ]:
        query = report_query(params, user=national)
        assert query.as_params() == params
        assert report_query(query.as_params(), user=national) == query
    quarter = report_query({"period": "quarter", "quarter": "2026-Q3"}, user=national)
    assert (quarter.first, quarter.last) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert report_query({"period": "year", "year": "2026"}, user=national).is_heavy
    assert not report_query({"period": "year", "year": "2026", "scope": "desk:casa-desk"}, user=national).is_heavy
    assert not report_query({"period": "month", "month": "2026-02"}, user=national).is_heavy


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    page = client.get(reverse("reporting_desk:reports"))
    assert page.status_code == 302 and reverse("accounts:sign_in") in page["Location"]


def test_a_user_without_a_report_scope_gets_403_audited(client, db):
    user = f.UserFactory(username="nobody")
    staff_sign_in(client, user)
    page = client.get(reverse("reporting_desk:reports"))
    assert page.status_code == 403
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.ACCESS_REFUSED, object_type="report").exists()


def test_a_counsellor_asking_for_another_desk_gets_403(client, desks):
    _desk, _other, counsellor, _national = desks
    staff_sign_in(client, counsellor)
    assert client.get(reverse("reporting_desk:reports") + "?scope=desk:oujda-desk").status_code == 403


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_renders_in_each_language_with_headers_a_screen_reader_reads(client, desks, lang):
    desk, _other, _counsellor, national = desks
    for _n in range(6):
        f.BeneficiaryFactory(desk=desk, sex="female")
    staff_sign_in(client, national)
    with translation.override(lang):
        url = reverse("reporting_desk:reports") + "?breakdown=sex&crossing=region"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    direction = "rtl" if lang == "ar" else "ltr"
    assert re.search(rf'<html[^>]*lang="{lang}"[^>]*dir="{direction}"', html)
    tables = html.count("<table")
    assert tables >= 8 and html.count("<caption") == tables
    assert html.count('<th scope="col">') > tables and '<th scope="row">' in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert 'style="' not in html


def test_export_links_only_for_those_with_the_permission(client, desks):
    _desk, _other, counsellor, national = desks
    staff_sign_in(client, counsellor)
    assert "reports.xlsx" not in client.get(reverse("reporting_desk:reports")).content.decode()
    assert not may_export(counsellor)
    national.user_permissions.add(
        Permission.objects.get(codename="export_reports", content_type__app_label="reporting")
    )
    national = type(national).objects.get(pk=national.pk)  # permissions are cached on the instance
    assert may_export(national)
    staff_sign_in(client, national)
    html = unescape(client.get(reverse("reporting_desk:reports") + "?period=month&month=2026-11").content.decode())
    assert "/desk/reports.xlsx?period=month&month=2026-11&scope=network" in html
    assert "/desk/reports.pdf?period=month&month=2026-11&scope=network" in html


def test_nationalities_are_grouped_as_the_administrators_say(desks):
    desk, _other, _counsellor, national = desks
    NationalityGroup.objects.create(slug="west-africa", name="West Africa", spellings="Guinée\nsénégalaise\nMALI\n")
    for nationality in ["guinée", "Sénégalaise", "sénégalaise", " Mali ", "Guinée", "Syrienne", ""]:
        f.BeneficiaryFactory(desk=desk, nationality=nationality)
    with translation.override("en"):
        report = report_build(report_query({**this_year(), "breakdown": "nationality"}, user=national))
    received = table(report, "received")
    assert received.rows == ("West Africa", "Another nationality", "Not told")
    assert cell(received, "West Africa", "New files").value == 5


def test_times_are_shown_only_when_the_cases_measured_are(desks):
    desk, _other, _counsellor, national = desks
    now = timezone.now()
    day = timezone.localdate()
    for n in range(1, 4):
        Ticket.objects.create(
            desk=desk, day=day, number=n, language="fr", created_at=now, called_at=now + datetime.timedelta(minutes=n)
        )
    report = report_build(report_query({"period": "month", "month": f"{day:%Y-%m}"}, user=national))
    waiting = next(d for d in report.durations if d.key == "waiting")
    assert waiting.measured.value is None and waiting.median is None and waiting.p90 is None
    for n in range(4, 12):
        Ticket.objects.create(
            desk=desk,
            day=day,
            number=n,
            language="fr",
            status=TicketStatus.DONE,
            done_at=now,
            created_at=now,
            called_at=now + datetime.timedelta(minutes=n),
        )
    report = report_build(report_query({"period": "month", "month": f"{day:%Y-%m}"}, user=national))
    waiting = next(d for d in report.durations if d.key == "waiting")
    assert waiting.measured.value == 11 and waiting.median == 6.0 and waiting.p90 == 10.0
    assert table(report, "tickets").table.total.value == 11


def test_the_funnel_hides_a_step_whose_drop_from_the_last_shown_one_is_small(desks):
    desk, _other, _counsellor, national = desks
    people = [f.BeneficiaryFactory(desk=desk) for _n in range(12)]
    for person in people[:10]:
        f.OrientationResultFactory(beneficiary=person)
    for person in people[:5]:
        application = f.ApplicationFactory(beneficiary=person)
        ApplicationEvent.objects.create(application=application, to_state=State.ACCEPTED, role=ApplicationRole.PROVIDER)
    report = report_build(report_query(this_year(), user=national))
    values = [step.count.value for step in report.funnel]
    hidden = [step.count.hidden for step in report.funnel]
    # 12 opened, 10 oriented (2 stopped: hidden), 5 applied and accepted, none enrolled.
    assert values[:4] == [12, None, 5, 5] and hidden[1] is Hidden.COMPLEMENT
    assert values[4:] == [0, 0]


def test_drop_outs_are_counted_by_their_reason_and_certificates_apart(desks):
    desk, _other, _counsellor, national = desks
    applications = [f.ApplicationFactory(beneficiary=f.BeneficiaryFactory(desk=desk)) for _n in range(11)]
    for application in applications[:5]:
        ApplicationEvent.objects.create(
            application=application, to_state=State.DROPPED_OUT, reason=Reason.FOUND_WORK, role=ApplicationRole.PROVIDER
        )
    for application in applications[5:]:
        ApplicationEvent.objects.create(
            application=application, to_state=State.COMPLETED, reason=Reason.CERTIFIED, role=ApplicationRole.PROVIDER
        )
    with translation.override("en"):
        report = report_build(report_query(this_year(), user=national))
    drop_outs = table(report, "drop_outs")
    assert drop_outs.table.cells[0][drop_outs.columns.index("Found work")].value == 5
    outcomes = table(report, "outcomes")
    assert outcomes.table.cells[0][outcomes.columns.index("Completed with the certificate")].value == 6


def test_anonymous_completions_are_counted_once_per_questionnaire(client, desks):
    *_rest, national = desks
    step = reverse("orientation:step", kwargs={"slug": "interests"})
    client.post(step, {"fine-objects": "like", "action": "next"})
    results = reverse("orientation:results")
    client.get(results)
    client.get(results)
    assert CompletionCount.objects.get().count == 1
    client.post(reverse("orientation:restart"))
    client.post(step, {"fine-objects": "like", "action": "next"})
    client.get(results)
    assert CompletionCount.objects.get().count == 2
    for _n in range(4):
        CompletionCount.objects.filter().update(count=6)
    with translation.override("en"):
        report = report_build(report_query({**this_year(), "breakdown": "language"}, user=national))
    questionnaires = table(report, "questionnaires")
    assert cell(questionnaires, "French", "Anonymous").value == 6


def test_a_report_query_is_a_frozen_value():
    query = ReportQuery(
        period="year", first=datetime.date(2026, 1, 1), last=datetime.date(2026, 12, 31), scope="network"
    )
    with pytest.raises(AttributeError):
        query.scope = "desk"  # type: ignore[misc]


def test_a_total_hidden_in_one_table_is_hidden_in_every_table_that_publishes_it(desks):
    desk, other_desk, _counsellor, national = desks
    for sex, at_desk, at_other in (("female", 7, 6), ("male", 3, 6), ("other", 0, 1), ("", 9, 2)):
        for _n in range(at_desk):
            f.BeneficiaryFactory(desk=desk, sex=sex)
        for _n in range(at_other):
            f.BeneficiaryFactory(desk=other_desk, sex=sex)
    report = report_build(report_query({**this_year(), "breakdown": "sex", "crossing": "region"}, user=national))
    keys = {t.key for t in report.tables}
    pairs = [(table(report, k), table(report, f"{k}_by_region")) for k in keys if f"{k}_by_region" in keys]
    assert pairs
    for main, crossed in pairs:
        assert [c.value for c in main.table.row_totals] == [c.value for c in crossed.table.row_totals]
        assert main.table.total.value == crossed.table.total.value
    received = table(report, "received")
    assert report.funnel[0].count.value == received.table.column_totals[0].value


def test_the_workspace_leads_counsellors_to_the_reports(client, desks):
    _desk, _other, counsellor, _national = desks
    staff_sign_in(client, counsellor)
    html = client.get(reverse("people:today")).content.decode()
    assert f'href="{reverse("reporting_desk:reports")}"' in html


def test_the_networks_report_shows_translation_coverage_and_the_pages_readers_said_did_not_help(client, desks):
    from content.models import Feedback

    _desk, _other, counsellor, national = desks
    cf.TradeFactory(slug="joinery", name_fr="Menuiserie", name_ar="النجارة", name_en="")  # English missing
    for helped in (False, False, True):
        Feedback.objects.create(path="/programmes/", language="fr", helped=helped, content_version="1")
    Feedback.objects.create(path="/trades/", language="ar", helped=True, content_version="1")
    staff_sign_in(client, national)
    with translation.override("en"):
        page = client.get(reverse("reporting_desk:reports"), this_year())
    html = unescape(page.content.decode())
    assert page.status_code == 200
    coverage = html[html.index('id="coverage-caption"') : html.index('id="feedback-caption"')]
    assert re.search(r"Trades</th><td>English</td><td>\d+</td><td>\d+</td><td>0</td><td>[1-9]", coverage)
    feedback = html[html.index('id="feedback-caption"') :]
    cells = r"<td>(\w+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+) %"
    rows = re.findall(r'<bdi dir="ltr">([^<]+)</bdi></th>' + cells, feedback)
    assert rows[0] == ("/programmes/", "French", "1", "2", "67")  # the largest share of "No" first
    assert ("/trades/", "Arabic", "1", "0", "0") in rows


def test_a_desks_report_leaves_the_networks_content_out(client, desks):
    _desk, _other, counsellor, _national = desks
    staff_sign_in(client, counsellor)
    html = client.get(reverse("reporting_desk:reports")).content.decode()
    assert 'id="coverage-caption"' not in html and 'id="feedback-caption"' not in html


def test_a_network_administrator_signing_in_at_the_desk_lands_on_the_reports(client, desks):
    _desk, _other, _counsellor, national = desks
    staff_sign_in(client, national)
    landing = client.get(reverse("people:today"))
    assert landing.status_code == 302 and landing["Location"] == reverse("reporting_desk:reports")
