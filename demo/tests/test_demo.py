"""The demo network loads, stays alive day after day, and the benchmark catalogue is reproducible."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from modeltranslation.translator import translator

from catalog.models import Desk, Programme, Provider, Region, Session, Trade
from core.database import gin_pending_lists_merge, planner_row_estimate
from demo.data.data import ARTISAN_TRADES, PILOT_DESK, PILOT_INSTITUTE, PROGRAMMES
from demo.network import demo_load

TODAY = datetime.date(2026, 3, 2)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_day() -> datetime.date:
    return TODAY


@pytest.fixture
def demo(demo_network) -> dict[str, int]:
    """What ``demo_load(today=TODAY)`` returned on an empty catalogue (loaded once for the tests that share it)."""
    return demo_network


def _row_counts() -> dict[str, int]:
    """Rows of every catalogue table, many-to-many tables included."""
    counts = {}
    for model in apps.get_app_config("catalog").get_models(include_auto_created=True):
        counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_demo_loads_the_whole_network(demo):
    assert demo["regions"] == Region.objects.count() == 12
    assert demo["programmes"] == Programme.objects.count() == len(PROGRAMMES)
    assert demo["sessions"] == Session.objects.count()
    assert demo["opening_hours"] > 0


def test_loading_twice_duplicates_nothing(demo):
    before = _row_counts()
    sessions = set(Session.objects.values_list("programme__slug", "start_date"))
    assert demo_load(today=TODAY) == demo
    assert _row_counts() == before
    assert set(Session.objects.values_list("programme__slug", "start_date")) == sessions


def test_loading_on_a_later_day_moves_sessions_instead_of_piling_them_up(demo):
    later = TODAY + datetime.timedelta(days=30)
    started_by_then = Session.objects.filter(start_date__lte=later).count()
    counts = demo_load(today=later)
    assert counts["sessions_removed"] > 0
    assert Session.objects.filter(start_date__gt=later).count() == counts["sessions"]
    assert Session.objects.count() == counts["sessions"] + started_by_then


def test_every_text_is_written_in_french_arabic_and_english(demo):
    missing = []
    for model in translator.get_registered_models(abstract=False):
        fields = translator.get_options_for_model(model).fields
        for row in model._default_manager.all():
            for field in fields:
                if getattr(row, f"{field}_fr"):
                    missing += [
                        f"{model.__name__} {row.pk} {field}_{lang}"
                        for lang in ("ar", "en")
                        if not getattr(row, f"{field}_{lang}")
                    ]
    assert missing == []


def test_pilot_desk_is_hosted_by_the_institute_offering_all_eight_artisan_trades_for_free(demo):
    desk = Desk.objects.select_related("host", "city").get(slug=PILOT_DESK)
    assert desk.host.slug == PILOT_INSTITUTE
    assert desk.city.slug == "casablanca"
    assert desk.opened_on == datetime.date(2024, 2, 1)
    assert desk.opening_hours.exists()
    free_trades = set(
        Programme.objects.filter(provider=desk.host, cost_mad=0).values_list("trade__slug", flat=True).distinct()
    )
    assert set(ARTISAN_TRADES) <= free_trades


def test_network_spans_many_regions(demo):
    assert Programme.objects.count() >= 40
    assert Provider.objects.count() >= 10
    assert Desk.objects.count() >= 5
    regions_with_desks = set(Desk.objects.values_list("city__region__slug", flat=True))
    regions_with_providers = set(Provider.objects.values_list("city__region__slug", flat=True))
    assert len(regions_with_desks) >= 5
    assert len(regions_with_providers) >= 6


def test_agriculture_is_taught_in_sefrou_and_for_8_months_to_18_to_35_year_olds(demo):
    assert Programme.objects.filter(trade__slug="agriculture", city__slug="sefrou").exists()
    eight_months = Programme.objects.get(slug="el-menzel-agriculture")
    assert eight_months.city.region.slug == "fes-meknes"
    assert (eight_months.min_age, eight_months.max_age) == (18, 35)


def test_programmes_follow_moroccan_admission_rules(demo):
    rules = {
        "apprenticeship": lambda p: (p.min_age, p.max_age) == (15, 30),
        "specialisation": lambda p: (p.min_age, p.max_age, p.min_schooling) == (15, 30, 2),
        "technician": lambda p: p.max_age <= 30 and p.min_schooling >= 4,
        "specialised_technician": lambda p: p.max_age <= 30 and p.min_schooling == 5,
        "academy": lambda p: p.min_schooling == 5 and p.duration_weeks >= 100,
    }
    broken = [p.slug for p in Programme.objects.filter(level__in=rules) if not rules[p.level](p)]
    assert broken == []


def test_every_programme_has_a_session_to_come(demo):
    without = Programme.objects.exclude(sessions__in=Session.objects.upcoming(today=TODAY))
    assert list(without.values_list("slug", flat=True)) == []
    soon = Session.objects.filter(start_date__lte=TODAY + datetime.timedelta(weeks=4))
    assert soon.values("programme").distinct().count() >= 10
    assert Session.objects.filter(seats_taken=F("capacity")).exists()
    assert Session.objects.filter(seats_taken__lt=F("capacity") - 2).exists()


def test_every_trade_has_a_pictogram_in_the_sprite(demo):
    sprite = settings.BASE_DIR / "static" / "img" / "trades.svg"
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite.read_text()))
    assert set(Trade.objects.values_list("pictogram", flat=True)) <= symbols


def test_load_demo_command_prints_a_summary():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"{len(PROGRAMMES)} programmes" in out.getvalue()


def test_generate_catalogue_replaces_the_synthetic_programmes():
    out = StringIO()
    call_command("generate_catalogue", "--programmes", "300", "--seed", "7", stdout=out)
    call_command("generate_catalogue", "--programmes", "300", "--seed", "7", stdout=out)
    synthetic = Programme.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 300
    assert Provider.objects.filter(slug__startswith="synthetic-provider-").count() == 6
    assert not synthetic.filter(sessions=None).exists()
    assert not synthetic.filter(next_session_start=None).exists()  # every one has a session to come
    assert not synthetic.filter(teaching_languages=None).exists()
    assert not synthetic.filter(title_ar="").exists()
    assert "Generated 300 synthetic programmes" in out.getvalue()
    assert Programme.objects.exclude(slug__startswith="synthetic-").count() == len(PROGRAMMES)


def test_generate_catalogue_leaves_planner_statistics_and_no_index_entry_pending():
    # Without them the planner takes 10,000 programmes for none and picks slow plans (autovacuum may be off).
    call_command("generate_catalogue", "--programmes", "300", "--seed", "7", stdout=StringIO())
    assert planner_row_estimate("catalog_programme") >= 300
    assert planner_row_estimate("search_searchdocument") >= 300
    assert gin_pending_lists_merge() == 0  # every search would read what GIN indexes hold pending


def test_load_demo_command_creates_the_demo_administrator_once():
    from django.contrib.auth import get_user_model

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "guichet-demo-admin" in out.getvalue()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("guichet-demo-admin")
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "guichet-demo-admin" not in again.getvalue()
    # The administrator, the two demo counsellors, the provider's admissions officer, and Aminata's account
    # (her phone proven at the desk).
    assert get_user_model().objects.count() == 5


def test_the_demo_desks_day_and_its_applications_can_be_tried_at_once():
    """Reasons at every desk; two counsellors at the pilot desk with free times to come; 20 files and more;
    appointments booked; a provider account and applications in every state, a seat offered to Aminata;
    loading again books and applies nothing twice."""
    import datetime

    from django.utils import timezone

    from appointments import selectors
    from appointments.models import Appointment, MeetingReason
    from catalog.models import Desk
    from demo.data.data import PILOT_DESK
    from people.models import Beneficiary

    call_command("load_demo", stdout=StringIO())
    desk = Desk.objects.get(slug=PILOT_DESK)
    assert MeetingReason.objects.count() == 5
    assert all(selectors.reasons_of(desk=other).count() == 5 for other in Desk.objects.all())
    assert len(selectors.counsellor_ids(desk=desk)) == 2
    today = selectors.local(timezone.now()).date()
    reason = MeetingReason.objects.get(slug="orientation-interview")
    free = selectors.free_times(desk=desk, reason=reason, first=today, last=today + datetime.timedelta(days=14))
    assert len(free) > 20 and max(time.free for time in free) == 2
    assert Beneficiary.objects.filter(desk=desk).count() >= 20
    booked = Appointment.objects.filter(desk=desk).count()
    assert booked == 8
    from appointments import queue
    from appointments.models import DeskClosure

    assert queue.line(desk=desk, day=queue.today()).count() == 4
    assert DeskClosure.objects.filter(desk__isnull=True, date__month=1, date__day=1).count() == 2
    from django.contrib.auth import get_user_model

    from accounts.selectors import is_provider_staff
    from applications.models import Application, State

    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert Application.objects.get(beneficiary__first_name="Aminata").state == State.OFFERED
    session = Application.objects.get(beneficiary__first_name="Aminata").session
    assert session.seats_taken == session.capacity
    assert is_provider_staff(get_user_model().objects.get(username="provider"))
    applications = Application.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Appointment.objects.filter(desk=desk).count() == booked
    assert queue.line(desk=desk, day=queue.today()).count() == 4
    assert Application.objects.count() == applications


def test_demo_administrator_is_refused_in_production(settings):
    from demo.accounts import demo_admin_ensure

    settings.PRODUCTION = True
    with pytest.raises(RuntimeError):
        demo_admin_ensure()


def test_the_demo_files_match_the_sign_in_journey_of_the_readme(demo):
    """Aminata proved her phone at the desk: it opens her file. Joseph's was only typed: it opens nothing."""
    from demo.accounts import DEMO_PROVEN_PHONE, demo_staff_ensure
    from people.file_accounts import beneficiary_account_for
    from people.models import Beneficiary

    demo_staff_ensure()
    aminata = Beneficiary.objects.get(phone=DEMO_PROVEN_PHONE)
    joseph = Beneficiary.objects.get(first_name="Joseph")
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "06 12 00 00 01" in readme and aminata.phone.as_e164 == "+212612000001"
    assert aminata.account is not None
    assert beneficiary_account_for(destination="06 12 00 00 01") == aminata.account
    assert beneficiary_account_for(destination=joseph.phone.as_e164) is None


def test_the_demo_has_a_programme_whose_french_is_newer_than_its_translations(demo, client):
    from catalog import translation_status
    from demo.translations import OUTDATED_PROGRAMME, outdated_translation_ensure

    assert outdated_translation_ensure() == 2  # Arabic and English
    assert outdated_translation_ensure() == 0  # and nothing more on a second load
    programme = Programme.objects.get(slug=OUTDATED_PROGRAMME)
    queue = translation_status.translation_queue(model=Programme)
    outdated = {(e.object_id, e.field, e.language) for e in queue if e.status == translation_status.Status.OUTDATED}
    assert outdated == {(programme.pk, "description", "ar"), (programme.pk, "description", "en")}
    assert (
        "This text may be older than the French version."
        in client.get(f"/en/programmes/{OUTDATED_PROGRAMME}/").content.decode()
    )


def test_this_months_network_funnel_shows_the_questionnaires_saved_to_the_demo_files():
    """Questionnaires are saved to some of the files, at the desk and online, once: the funnel reads
    files opened, then questionnaires saved, then applied, each shown."""
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from people.models import OrientationResult, OrientationSource
    from reporting.indicators import report_build
    from reporting.queries import report_query

    call_command("load_demo", stdout=StringIO())
    saved = set(OrientationResult.objects.values_list("pk", "source"))
    call_command("load_demo", stdout=StringIO())
    assert set(OrientationResult.objects.values_list("pk", "source")) == saved  # loading again saves none
    assert {source for _pk, source in saved} == {OrientationSource.DESK, OrientationSource.ONLINE}
    admin = get_user_model().objects.get(username="admin")
    admin.is_verified = lambda: True
    with translation.override("en"):
        funnel = report_build(report_query({"scope": "network", "period": "month"}, user=admin)).funnel
    counts = {step.label: step.count for step in funnel}
    opened, oriented, applied = (counts[s] for s in ("First visit (file opened)", "Questionnaire saved", "Applied"))
    assert opened.shown and oriented.shown and applied.shown
    assert opened.value > oriented.value > 0
