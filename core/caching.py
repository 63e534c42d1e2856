"""Public pages served whole from the shared cache, and cacheable by browsers and proxies.

The public side (catalogue pages, search, the orientation guide, the API's
reads) is the same for every visitor of a language and changes only when the
catalogue does. Two pieces keep it cheap:

- ``public_page`` marks a view's answer as public: for a visitor nobody signed
  in, ``Cache-Control: public, max-age=60, stale-while-revalidate=600`` with a
  ``Last-Modified`` (the ``ETag`` comes from ``ConditionalGetMiddleware``), no
  ``Vary: Cookie`` and no cookie; for a signed-in visitor, ``private, no-store``.
- ``PublicPageCacheMiddleware``, at the top of the stack (after the security
  headers and static files, before compression, sessions, locale, CSRF, URL
  routing), keeps those answers whole (status, headers, body as compressed)
  and answers later anonymous requests from them, with a 304 to a conditional
  request that matches.

Which requests it answers (and whose answers it keeps): GET and HEAD (HEAD is
answered from the GET's entry; only GETs are stored) carrying no cookie but,
at most, the CSRF token cookie. That cookie personalises nothing on a public
page (public pages hold no POST form, see below) and a visitor keeps it for a
year after opening any form, so it must not cost them the cache. Any other
cookie (the session, the language, one we do not know of) sends the request
through untouched: failing closed.

What it keeps: answers of views marked by ``public_page`` only, with status
200, not streamed, setting no cookie, not varying on the cookie (nor on any
header but Accept-Encoding and Accept-Language, which the key holds) and not
``private`` or ``no-store``; checked on the final answer, after every
middleware below it (so a CSRF cookie set by a template would be seen).

Forms and CSRF: the public pages' forms (search box, programme filters) are
GET forms and carry no token. Forms that POST (the orientation questionnaire's
steps, sign-in, code requests, booking) are views of their own, never marked
public and sent ``no-cache``: the token cookie is set by those pages only.
``tests`` check that no public page carries a token or sets a cookie.

The key: method (HEAD as GET), scheme, host, path, the query string
normalised (parameters sorted; on pages, empty parameters and ``page=1``
dropped, as the pages read them; on the API ``offset=0`` dropped and ``lang``
folded into the language), the language (the URL's prefix, else the API's
``?lang=``, else Accept-Language as LocaleMiddleware would choose), the
encoding (gzip when accepted, as GZipMiddleware decides; the app compresses
no answer with brotli). Each entry holds the content version it was made under
and is served only while that is still the version: a change to the catalogue
(``catalog/apps.py`` registers its version; core imports no domain app) serves
fresh pages at once, without purging anything (the next page rendered replaces
the old one). The versions kept in the cache (the catalogue's) are read with the
page, in one round trip (MGET).

The cache being down (``core.cache_backend``) makes every lookup a miss and
every store a no-op: pages are served, slower.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

# Browsers and proxies keep a public page a minute, then may show it while they
# revalidate (a 304 when nothing changed) for ten more.
PUBLIC_MAX_AGE = 60
PUBLIC_STALE_WHILE_REVALIDATE = 600
# The server keeps a page longer: its key changes with the catalogue, and the
# rest of what a page shows (dates relative to today) moves slowly.
SERVER_TTL = 300

# The answer's header that says whether the page came from the cache (bench/load.py counts hits).
STATUS_HEADER = "X-Page-Cache"
# Headers a kept answer may vary on: the key holds both.
_KEYED_VARY = frozenset({"accept-encoding", "accept-language"})
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # GZipMiddleware's own test

# What public pages depend on besides their URL and language, as a callable
# returning a version that changes with it. The catalogue registers its own at
# start-up (catalog/apps.py): core knows no domain app, only that some content
# versions the pages. A version kept in the cache itself says under which key
# (the value there is what the callable returns): a page is then looked up
# together with the versions, in one round trip to the cache.
_content_versions: dict[Callable[[], object], str | None] = {}


def content_version_register(version: Callable[[], object], cache_key: str | None = None) -> None:
    """Make every cached public page depend on ``version()`` (registered once per callable).

    ``cache_key``: the key of the default cache where ``version()`` keeps the value it returns, if it does.
    """
    _content_versions[version] = cache_key


def content_version_unregister(version: Callable[[], object]) -> None:
    """Undo ``content_version_register`` (bench/page_cost.py measures misses with a version of its own)."""
    _content_versions.pop(version, None)


def content_version() -> str:
    """The joined versions of everything registered: every cached page is served only under the one it was made."""
    return ".".join(str(version()) for version in _content_versions)


def _version_and_entry(key: str) -> tuple[str, Entry | None]:
    """The content version and the entry kept under ``key``: one round trip when every version is in the cache."""
    version_keys = list(_content_versions.values())
    if not all(version_keys):
        return content_version(), cache.get(key)
    found = cache.get_many([*version_keys, key])
    versions = [found.get(version_key) for version_key in version_keys]
    if None in versions:  # never set, evicted, or the cache is down: the callables say (and set it)
        return content_version(), found.get(key)
    return ".".join(str(version) for version in versions), found.get(key)


_NOT_SHARED = frozenset({"private", "no-store", "no-cache"})


def _cache_control(response: HttpResponse) -> set[str]:
    """The names of the answer's Cache-Control directives, lowercase."""
    return {d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def _signed_in(request: HttpRequest) -> bool:
    # Without a session cookie nobody is signed in, and the session is not even loaded
    # (reading it would mark the answer "Vary: Cookie"; core/actor.py does the same).
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's successful answers as public, unless the visitor is signed in.

    A public answer may be kept by browsers, proxies and the server's page
    cache (``PublicPageCacheMiddleware``); a signed-in visitor's never is.
    API operations take it through ``ninja.decorators.decorate_view``.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if _cache_control(response) & _NOT_SHARED:
            return response  # the view said so itself (a page that is someone's after all)
        patch_cache_control(
            response, public=True, max_age=PUBLIC_MAX_AGE, stale_while_revalidate=PUBLIC_STALE_WHILE_REVALIDATE
        )
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        response.public_page = True
        return response

    # Read by what lays out a page (content's feedback form) to tell a public page from the rest;
    # outer decorators keep it (functools.wraps copies the attributes).
    wrapper.is_public_page = True
    return wrapper


# The key ------------------------------------------------------------------------------------------------------------


def _language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


def _page_language(path: str) -> str | None:
    """The language prefix of a page's path (/fr/…), or None (the API, /healthz…)."""
    parts = path.split("/", 2)
    return parts[1] if len(parts) > 2 and parts[1] in _language_codes() else None


def normalised_query(request: HttpRequest) -> tuple[str, str]:
    """(the query string as the key holds it, the language it names for the API or "")."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    on_a_page = _page_language(request.path) is not None
    lang = ""
    kept = []
    for name, value in pairs:
        if on_a_page and (value == "" or (name == "page" and value == "1")):
            continue  # what the pages read as absent (forms and ``request.GET.get("page") or 1``)
        if not on_a_page:
            if name == "offset" and value == "0":
                continue
            if name == "lang" and value in _language_codes():
                lang = value  # folded into the key's language: ?lang=ar answers as Accept-Language: ar does
                continue
        kept.append((name, value))
    kept.sort(key=lambda pair: pair[0])  # stable: several values of one name keep their order
    return urlencode(kept), lang


def page_cache_key(request: HttpRequest) -> str:
    """Where the page is kept; the content version it was made under is kept in the entry (``Entry``)."""
    query, lang = normalised_query(request)
    language = _page_language(request.path) or lang or translation.get_language_from_request(request)
    encoding = "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    where = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"page:{language}:{encoding}:{digest}"


def _answerable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _storable(response: HttpResponse) -> bool:
    if not getattr(response, "public_page", False) or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= _KEYED_VARY:
        return False  # Cookie, *, or a header the key does not hold
    cache_control = _cache_control(response)
    return "public" in cache_control and not cache_control & _NOT_SHARED


# What is kept: (content version, status, headers, body, Last-Modified as a timestamp or None). Plain values,
# not the response object: nothing of the request it answered (its cookies, its closers) travels with it.
# An entry is served only while the content version is still the one it was made under: a change to the
# catalogue makes every page a miss at once, the next one rendered replacing it.
Entry = tuple[str, int, tuple[tuple[str, str], ...], bytes, int | None]


def _entry_of(version: str, response: HttpResponse) -> Entry:
    headers = tuple((name, value) for name, value in response.items() if name.lower() != STATUS_HEADER.lower())
    last_modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return version, response.status_code, headers, response.content, last_modified


def _current(entry: object, version: str) -> bool:
    return isinstance(entry, tuple) and len(entry) == 5 and entry[0] == version


def _response_of(request: HttpRequest, entry: Entry) -> HttpResponse:
    _version, status, headers, body, last_modified = entry
    response = HttpResponse(b"" if request.method == "HEAD" else body, status=status)
    for name, value in headers:
        response[name] = value  # Content-Length included: a HEAD says the GET's length
    # A phone revisiting a page it has downloads nothing: 304 (If-None-Match first, as RFC 9110 says).
    response = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    response[STATUS_HEADER] = "hit"
    return response


class PublicPageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from the shared cache (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _answerable(request):
            return self.get_response(request)
        # Read once, with the page: a page rendered while the catalogue changes is kept under the version it
        # started with, which is never served again, never under the new one.
        key = page_cache_key(request)
        version, entry = _version_and_entry(key)
        # A page that shows its content version (the feedback form's hidden field) shows this one, the
        # version it is kept under, never a newer one read while it renders.
        request.content_version = version
        if _current(entry, version):
            return _response_of(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and _storable(response):
            cache.set(key, _entry_of(version, response), SERVER_TTL)
        if getattr(response, "public_page", False):
            response[STATUS_HEADER] = "miss"
        return response
