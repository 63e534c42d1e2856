"""Morocco's public holidays, as network-wide desk closures (``DeskClosure`` with no desk).

The civil holidays fall on fixed dates every year. The religious ones follow
the Hijri calendar and the sighting of the moon: they are entered at their
expected dates, and the network administrator corrects them in the back
office once the Ministry of Habous and Islamic Affairs announces the day.
Loading a year again never overwrites a correction: a holiday already
present that year (found by its name) is kept as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from appointments.models import DeskClosure


@dataclass(frozen=True)
class Holiday:
    month: int
    day: int
    fr: str
    ar: str
    en: str


FIXED = (
    Holiday(1, 1, "Nouvel an", "رأس السنة الميلادية", "New Year's Day"),
    Holiday(1, 11, "Manifeste de l'indépendance", "ذكرى تقديم وثيقة الاستقلال", "Independence Manifesto Day"),
    Holiday(1, 14, "Nouvel an amazigh (Yennayer)", "رأس السنة الأمازيغية", "Amazigh New Year (Yennayer)"),
    Holiday(5, 1, "Fête du travail", "عيد الشغل", "Labour Day"),
    Holiday(7, 30, "Fête du Trône", "عيد العرش", "Throne Day"),
    Holiday(8, 14, "Allégeance de Oued Eddahab", "ذكرى استرجاع إقليم وادي الذهب", "Oued Ed-Dahab Day"),
    Holiday(8, 20, "Révolution du Roi et du Peuple", "ذكرى ثورة الملك والشعب", "Revolution of the King and the People"),
    Holiday(8, 21, "Fête de la jeunesse", "عيد الشباب", "Youth Day"),
    Holiday(11, 6, "Marche verte", "ذكرى المسيرة الخضراء", "Green March"),
    Holiday(11, 18, "Fête de l'indépendance", "عيد الاستقلال", "Independence Day"),
)

# Expected dates (moon sighting decides: corrected in the back office when announced).
ISLAMIC = {
    2027: (
        Holiday(3, 10, "Aïd al-Fitr (1er jour)", "عيد الفطر (اليوم الأول)", "Eid al-Fitr (first day)"),
        Holiday(3, 11, "Aïd al-Fitr (2e jour)", "عيد الفطر (اليوم الثاني)", "Eid al-Fitr (second day)"),
        Holiday(5, 17, "Aïd al-Adha (1er jour)", "عيد الأضحى (اليوم الأول)", "Eid al-Adha (first day)"),
        Holiday(5, 18, "Aïd al-Adha (2e jour)", "عيد الأضحى (اليوم الثاني)", "Eid al-Adha (second day)"),
        Holiday(6, 7, "1er Moharram (nouvel an de l'Hégire)", "فاتح محرم (رأس السنة الهجرية)", "Islamic New Year"),
        Holiday(8, 16, "Aïd al-Mawlid (1er jour)", "عيد المولد النبوي (اليوم الأول)", "Mawlid (first day)"),
        Holiday(8, 17, "Aïd al-Mawlid (2e jour)", "عيد المولد النبوي (اليوم الثاني)", "Mawlid (second day)"),
    ),
}
FIRST_YEAR, LAST_YEAR = 2000, 2100


def holidays_of(year: int) -> tuple[list[tuple[datetime.date, Holiday]], bool]:
    """The year's holidays by date, and whether its religious holidays are known here."""
    known = year in ISLAMIC
    days = [(datetime.date(year, h.month, h.day), h) for h in FIXED + ISLAMIC.get(year, ())]
    return sorted(days, key=lambda entry: entry[0]), known


@transaction.atomic
def holidays_load(year: int) -> tuple[int, int]:
    """Close every desk on the year's public holidays: (created, kept). Idempotent; keeps corrections."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(year)
    created = kept = 0
    for date, holiday in holidays_of(year)[0]:
        existing = DeskClosure.objects.filter(desk__isnull=True, date__year=year, name_fr=holiday.fr)
        if existing.exists() or DeskClosure.objects.filter(desk__isnull=True, date=date).exists():
            kept += 1
            continue
        DeskClosure.objects.create(
            desk=None, date=date, name=holiday.fr, name_fr=holiday.fr, name_ar=holiday.ar, name_en=holiday.en
        )
        created += 1
    return created, kept
