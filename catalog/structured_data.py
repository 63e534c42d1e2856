"""schema.org ``Course`` / ``CourseInstance`` of a programme, for search engines and other directories.

The JSON-LD goes in a ``<script type="application/ld+json">`` of the
programme's page. The content security policy allows that one script by its
SHA-256 hash (never ``unsafe-inline``): the view adds the hash of exactly the
text it renders to the page's policy.
"""

from __future__ import annotations

import base64
import hashlib
import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from catalog.models import Programme

# What could close the script element or open a comment, written as JSON escapes (as Django's json_script does).
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _absolute(path: str) -> str:
    return settings.GUICHET_PUBLIC_URL.rstrip("/") + path


def programme_course(programme: Programme) -> dict:
    """The programme as a schema.org Course, each upcoming session a CourseInstance (expects ``upcoming_sessions``)."""
    provider = programme.provider
    course = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": programme.title,
        "description": programme.summary or programme.description or programme.title,
        "url": _absolute(programme.get_absolute_url()),
        "inLanguage": [language.code for language in programme.teaching_languages.all()],
        "isAccessibleForFree": not programme.cost_mad,
        "occupationalCategory": programme.trade.isco_code,
        "timeRequired": f"P{programme.duration_weeks}W",
        "provider": {
            "@type": "EducationalOrganization",
            "name": provider.name,
            "url": _absolute(provider.get_absolute_url()),
        },
        "offers": {
            "@type": "Offer",
            "category": "Free" if not programme.cost_mad else "Paid",
            "price": str(programme.cost_mad),
            "priceCurrency": "MAD",
        },
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "courseMode": "onsite",
                "startDate": session.start_date.isoformat(),
                "endDate": session.end_date.isoformat(),
                "location": {
                    "@type": "Place",
                    "name": provider.name,
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": provider.address,
                        "addressLocality": programme.city.name,
                        "addressCountry": "MA",
                    },
                },
            }
            for session in programme.upcoming_sessions
        ],
    }
    if programme.certificate:
        course["educationalCredentialAwarded"] = programme.certificate
    return course


def json_ld(data: dict) -> tuple[SafeString, str]:
    """(the script's text, safe to put between the tags; its CSP source ``'sha256-…'``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return mark_safe(text), f"'sha256-{digest}'"
