"""Static files carry the pages' safety headers.

WhiteNoise answers static files before any middleware runs, so django-csp and
Django's security middleware never see them; this hook (``WHITENOISE_ADD_HEADERS_FUNCTION``)
gives them the same content security policy, framing refusal, referrer and
opener policies as pages, read from the same settings.
"""

from __future__ import annotations

from django.conf import settings


def static_headers_add(headers, path: str, url: str) -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    headers["Content-Security-Policy"] = "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
