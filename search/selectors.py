"""Reads of search: a query understood (normalised, corrected, expanded), then matched,
ranked, filtered and counted by facet.

Every step but the matching is the same on both databases; the matching is
the backend's (``backends.py``). Programme filters are the catalogue's own
(``catalog.forms.ProgrammeFilterForm`` → ``ProgrammeFilters``): the ones that
are facets (trade, region, city, schedule, teaching language) are applied to
the hits here so that each facet's counts respect all the *other* active
filters; the others (free, starting soon, seats left) by ``catalog.selectors``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from django.db.models import QuerySet
from django.utils.translation import get_language
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from catalog import selectors as catalog
from catalog.models import City, Language, Programme, Region, ScheduleKind, Trade
from search import semantic
from search.backends import MAX_EDITS, Group, Hit, backend, known_words
from search.models import DocumentKind, Synonym
from search.normalize import normalize, terms
from search.services import LANGS

# A query is a few words; more is a pasted text or an attack, answered with a clear message.
MAX_QUERY_LENGTH = 200
# Words past this many are ignored: the first ones carry the meaning.
MAX_WORDS = 10
# Typos are corrected only in words this long: shorter ones are too close to too many words.
MIN_TYPO_LENGTH = 5
# At most this many corrections per word (the closest ones).
MAX_CORRECTIONS = 3
# Synonym terms may be phrases of up to this many words ("art metalwork").
MAX_SYNONYM_WORDS = 3
# How many closest trades to offer when nothing matches.
CLOSEST_TRADES = 3

# Words that carry no meaning for a search ("je veux travailler le métal").
STOPWORDS = frozenset(
    terms(
        "a à au aux ce ces d de des du en et je j l la le les ma mon me mes ne pas pour par sur un une veux "
        "voudrais aimerais cherche qui que quoi dans avec comment où est c s y il elle on nous vous "
        "the an and or of to in on for with i want would like my me is are be how where what do at "
        "في من على الى إلى عن أن ان او أو و ما هل اريد أريد كيف"
    )
)


# Words people add to almost any query ("formation de couture", "learn carpentry"): they match
# nearly every programme, so they are left out when the query has other words.
GENERIC_WORDS = frozenset(
    terms(
        "formation formations apprendre apprentissage metier metiers travail travailler cours stage "
        "training trainings course courses learn learning trade trades job work working "
        "تكوين تدريب تعلم حرفه مهنه عمل"
    )
)


@dataclass(frozen=True)
class SearchQuery:
    """A query as the index understands it."""

    typed: str
    words: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def did_you_mean(self) -> str | None:
        """The query with each misspelt word replaced by its closest indexed word."""
        if not self.corrections:
            return None
        return " ".join(self.corrections.get(word, word) for word in self.words)


def _corrections(word: str) -> list[str]:
    candidates = backend().typo_candidates(word)
    found = process.extract(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=MAX_EDITS, limit=None)
    if not found:
        return []
    closest = min(distance for _word, distance, _index in found)
    return sorted(word for word, distance, _index in found if distance == closest)[:MAX_CORRECTIONS]


def search_query_parse(*, query: str) -> SearchQuery:
    """Normalise the words, correct the misspelt ones, add their synonyms; one group of alternatives per word."""
    words = [word for word in terms(query[:MAX_QUERY_LENGTH]) if word not in STOPWORDS][:MAX_WORDS]
    words = [word for word in words if word not in GENERIC_WORDS] or words
    if not words:
        return SearchQuery(typed=query, words=(), groups=())
    known = known_words(words)
    corrections: dict[str, list[str]] = {}
    for word in words:
        if word not in known and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
            corrections[word] = _corrections(word)
    phrases = {
        " ".join(variant[i : i + size]): i
        for variant in [words, [(corrections.get(w) or [w])[0] for w in words]]
        for size in range(1, MAX_SYNONYM_WORDS + 1)
        for i in range(len(variant) - size + 1)
    }
    for word, fixes in corrections.items():
        for fix in fixes:
            phrases.setdefault(fix, words.index(word))
    groups: list[Group] = [[(word,)] + [(fix,) for fix in corrections.get(word, [])] for word in words]
    for synonym in Synonym.objects.filter(term_normalized__in=list(phrases)):
        groups[phrases[synonym.term_normalized]] += [tuple(text.split()) for text in synonym.expansion_list()]
    groups = [list(dict.fromkeys(group)) for group in groups]
    return SearchQuery(
        typed=query,
        words=tuple(words),
        groups=tuple(tuple(group) for group in groups),
        corrections={word: fixes[0] for word, fixes in corrections.items() if fixes},
    )


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    """Ranked trades and programmes of a query, with the facet counts; programmes come by page."""

    query: SearchQuery
    trades: list[Trade]
    programme_ids: list[int]
    facets: dict[str, list[FacetValue]]
    closest_trades: list[Trade]

    @property
    def count(self) -> int:
        return len(self.programme_ids)

    @property
    def is_empty(self) -> bool:
        return not self.trades and not self.programme_ids


FACETS = ("trade", "region", "city", "schedule", "language")


def _facet_keys(hit: Hit) -> tuple:
    return (hit.trade_id, hit.region_id, hit.city_id, hit.schedule, hit.languages)


def _labels(model, key: str) -> dict:
    """Each row's key → (slug or code, name in the current language, French when it is missing)."""
    current = LANGS.index(get_language()) if get_language() in LANGS else 0
    rows = model.objects.values_list("pk", key, *(f"name_{lang}" for lang in LANGS))
    return {pk: (slug, names[current] or names[0]) for pk, slug, *names in rows}


# Trades and facet labels change with the catalogue only: read once per catalogue version and language.
REFERENCE_SECONDS = 300


def _catalogue_reference() -> tuple[list[Trade], dict[str, dict]]:
    """Every trade, in order, and each facet's labels by the key hits carry, in the active language."""
    from django.core.cache import cache

    key = f"search:reference:{get_language()}:{catalog.catalogue_version()}"
    cached = cache.get(key)
    if cached is None:
        trades = list(Trade.objects.order_by("position", "slug"))
        labels = {
            "trade": {trade.pk: (trade.slug, trade.name) for trade in trades},
            "region": _labels(Region, "slug"),
            "city": _labels(City, "slug"),
            "schedule": {code: (code, str(label)) for code, label in ScheduleKind.choices},
            # Hits carry language codes, not keys.
            "language": {code: (code, name) for code, name in _labels(Language, "code").values()},
        }
        cached = (trades, labels)
        cache.set(key, cached, REFERENCE_SECONDS)
    return cached


def _closest_trades(query: str, trades: list[Trade]) -> list[Trade]:
    """Trades whose name, in any language, looks most like what was typed."""
    text = normalize(query)
    if not text:
        return trades[:CLOSEST_TRADES]
    names = {trade.pk: " ".join(normalize(getattr(trade, f"name_{lang}") or "") for lang in LANGS) for trade in trades}
    ranked = process.extract(text, names, scorer=fuzz.partial_ratio, limit=CLOSEST_TRADES)
    by_pk = {trade.pk: trade for trade in trades}
    return [by_pk[pk] for _name, _score, pk in ranked]


def _meaning_text(query: str) -> str:
    """The query as the sentence model reads it: as typed, without control characters or broken characters."""
    text = query[:MAX_QUERY_LENGTH].encode("utf-8", "ignore").decode("utf-8")
    text = " ".join("".join(char if char.isprintable() else " " for char in text).split())
    return text if any(char.isalpha() for char in text) else ""


def _with_meaning(query: str, hits: list[Hit]) -> list[Hit]:
    """The lexical hits rescored with meaning (``semantic.py``), plus the documents close in meaning only.

    Only sentences, or queries whose words found no trade, are embedded: a
    single word is what words do best, and faster.
    """
    if not semantic.enabled():
        return hits
    if len(query[:MAX_QUERY_LENGTH].split()) < semantic.MIN_WORDS and any(h.kind == DocumentKind.TRADE for h in hits):
        return hits
    text = _meaning_text(query)
    if not text:
        return hits
    matrix = semantic.matrix()
    if not len(matrix.vectors):
        return hits
    query_vector = semantic.query_vector(text)
    positions = [matrix.positions.get((hit.kind, hit.programme_id or hit.trade_id)) for hit in hits]
    known = np.asarray([position for position in positions if position is not None], dtype=np.int64)
    similarity_of = dict(zip(known.tolist(), matrix.similarities(query_vector, known).tolist(), strict=True))
    best = Counter()
    for hit in hits:
        best[hit.kind] = max(best[hit.kind], hit.score)
    rescored = []
    for hit, position in zip(hits, positions, strict=True):
        similarity = max(0.0, similarity_of.get(position, 0.0))
        lexical = hit.score / best[hit.kind] if best[hit.kind] > 0 else 0.0
        rescored.append(replace(hit, score=semantic.LEXICAL_WEIGHT * lexical + semantic.SEMANTIC_WEIGHT * similarity))
    # Trades close in meaning only are always offered (there are a handful). Programmes close in meaning
    # only are brought in when words found none: when they did, they found what was asked for
    # ("couture à sefrou"), and meaning only reorders them; comparing with every programme is then not needed.
    candidates = np.flatnonzero(~matrix.is_programme)
    if not any(hit.kind == DocumentKind.PROGRAMME for hit in hits):
        candidates = np.arange(len(matrix.documents))
    similarities = matrix.similarities(query_vector, candidates)
    programmes = matrix.is_programme[candidates]
    close = similarities >= np.where(programmes, semantic.MIN_PROGRAMME_SIMILARITY, semantic.MIN_SIMILARITY)
    candidates, similarities = candidates[close], similarities[close]
    programmes = matrix.is_programme[candidates]
    ranked = np.argsort(-similarities, kind="stable")
    ranked = np.concatenate(
        [ranked[~programmes[ranked]], ranked[programmes[ranked]][: semantic.MAX_SEMANTIC_PROGRAMMES]]
    )
    seen = set(similarity_of)
    for index in ranked.tolist():
        position = int(candidates[index])
        if position in seen:
            continue
        kind, trade_id, programme_id, region_id, city_id, schedule, languages = matrix.documents[position]
        score = semantic.SEMANTIC_WEIGHT * float(similarities[index])
        rescored.append(
            Hit(kind, trade_id, programme_id, region_id, city_id, schedule, tuple(languages.split()), score)
        )
    return rescored


def search_run(
    *, query: str, filters: catalog.ProgrammeFilters | None = None, today: datetime.date | None = None
) -> SearchResult:
    """Trades and published programmes matching ``query`` and the filters, best first, with facet counts."""
    filters = filters or catalog.ProgrammeFilters()
    parsed = search_query_parse(query=query)
    groups = [list(group) for group in parsed.groups]
    hits = backend().search(groups) if groups else []
    if len(groups) > 1:
        # Programmes that match every word, when there are some ("couture casablanca"); else any word.
        narrow = [h for h in backend().search(groups, every_group=True) if h.kind == DocumentKind.PROGRAMME]
        if narrow:
            hits = [h for h in hits if h.kind == DocumentKind.TRADE] + narrow
    hits = _with_meaning(query, hits)
    trades_all, labels = _catalogue_reference()
    trades_by_pk = {trade.pk: trade for trade in trades_all}

    trade_hits = sorted((h for h in hits if h.kind == DocumentKind.TRADE), key=lambda h: -h.score)
    programme_hits = [h for h in hits if h.kind == DocumentKind.PROGRAMME]
    # Filters that are not facets narrow the hits through the catalogue's own selector.
    if filters.free or filters.starts_within_weeks or filters.seats_left:
        narrowing = catalog.ProgrammeFilters(
            free=filters.free, starts_within_weeks=filters.starts_within_weeks, seats_left=filters.seats_left
        )
        allowed = set(
            catalog.programme_list(filters=narrowing, today=today)
            .filter(pk__in=[h.programme_id for h in programme_hits])
            .order_by()
            .values_list("pk", flat=True)
        )
        programme_hits = [h for h in programme_hits if h.programme_id in allowed]

    selected = (filters.trade, filters.region, filters.city, filters.schedule, filters.language)
    # Each facet filter as the key the hits carry (a filter naming nothing known matches nothing).
    wanted = [
        next((key for key, (slug, _name) in labels[facet].items() if slug == value), -1) if value else None
        for facet, value in zip(FACETS, selected, strict=True)
    ]
    matching, counts = [], [Counter() for _facet in FACETS]
    language = FACETS.index("language")
    for hit in programme_hits:
        keys = _facet_keys(hit)
        missed = [
            i
            for i, want in enumerate(wanted)
            if want is not None and not (want in keys[i] if i == language else keys[i] == want)
        ]
        # A hit counts in a facet when it passes every other facet's filter.
        if not missed:
            matching.append(hit)
            counted = range(len(FACETS))
        elif len(missed) == 1:
            counted = missed
        else:
            continue
        for i in counted:
            counts[i].update(keys[i] if i == language else [keys[i]])
    matching.sort(key=lambda h: (-h.score, h.programme_id))
    facets = {
        facet: sorted(
            (
                FacetValue(value=slug, label=name, count=count, selected=slug == selected[i])
                for key, count in counts[i].items()
                if key in labels[facet]
                for slug, name in [labels[facet][key]]
            ),
            key=lambda v: (-v.count, v.label),
        )
        for i, facet in enumerate(FACETS)
    }
    trades = [trades_by_pk[h.trade_id] for h in trade_hits]
    return SearchResult(
        query=parsed,
        trades=trades,
        programme_ids=[h.programme_id for h in matching],
        facets=facets,
        closest_trades=[] if trades or matching else _closest_trades(query, trades_all),
    )


def search_programmes(*, ids: list[int], today: datetime.date | None = None, cards: bool = False) -> list[Programme]:
    """The programmes of one page of results, in the order given: whole (the API), or what cards show."""
    # In the order given: no order in SQL, which also leaves the database free to read them by key.
    found: QuerySet[Programme] = catalog.programme_list(today=today).filter(pk__in=ids).order_by()
    if cards:
        found = catalog.programme_cards(found, today=today)
    by_pk = {programme.pk: programme for programme in found}
    return [by_pk[pk] for pk in ids if pk in by_pk]
