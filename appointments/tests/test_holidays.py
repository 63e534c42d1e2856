"""Morocco's public holidays close every desk: loaded per year, idempotent, corrections kept."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from appointments import selectors
from appointments.models import DeskClosure
from appointments.tests.conftest import at

pytestmark = pytest.mark.django_db

FIXED_2027 = ["01-01", "01-11", "01-14", "05-01", "07-30", "08-14", "08-20", "08-21", "11-06", "11-18"]
ISLAMIC_2027 = ["03-10", "03-11", "05-17", "05-18", "06-07", "08-16", "08-17"]


def _load(year: int) -> str:
    out = StringIO()
    call_command("load_public_holidays", "--year", str(year), stdout=out)
    return out.getvalue()


def test_2027_closes_every_desk_on_the_fixed_and_the_expected_religious_holidays():
    _load(2027)
    dates = {d.strftime("%m-%d") for d in DeskClosure.objects.filter(desk__isnull=True).values_list("date", flat=True)}
    assert dates == set(FIXED_2027) | set(ISLAMIC_2027)
    amazigh = DeskClosure.objects.get(date=datetime.date(2027, 1, 14))
    assert "amazigh" in amazigh.name_fr.lower() and amazigh.name_ar and amazigh.name_en


def test_loading_twice_adds_nothing():
    _load(2027)
    assert "0 holiday(s) added, 17 already there" in _load(2027)
    assert DeskClosure.objects.count() == 17


def test_a_corrected_religious_holiday_is_kept_when_loading_again():
    _load(2027)
    eid = DeskClosure.objects.get(date=datetime.date(2027, 3, 10))
    eid.date = datetime.date(2027, 3, 9)
    eid.save()
    _load(2027)
    assert not DeskClosure.objects.filter(date=datetime.date(2027, 3, 10)).exists()
    assert DeskClosure.objects.filter(date=datetime.date(2027, 3, 9)).exists()


def test_another_year_gets_its_fixed_holidays_and_a_warning_for_the_religious_ones():
    output = _load(2030)
    assert DeskClosure.objects.filter(date__year=2030).count() == 10
    assert "religious" in output


@pytest.mark.parametrize("year", ["1999", "2101", "99999999999"])
def test_a_year_out_of_range_is_refused(year):
    with pytest.raises(CommandError):
        call_command("load_public_holidays", "--year", year)
    assert not DeskClosure.objects.exists()


def test_no_free_time_on_a_public_holiday(desk_day):
    _load(2027)
    throne_day = datetime.date(2027, 7, 30)  # a Friday
    now = at(datetime.date(2027, 7, 1), 8)
    assert (
        selectors.free_times(desk=desk_day.desk, reason=desk_day.reason, first=throne_day, last=throne_day, now=now)
        == []
    )
    before = throne_day - datetime.timedelta(days=1)
    assert selectors.free_times(desk=desk_day.desk, reason=desk_day.reason, first=before, last=before, now=now)
