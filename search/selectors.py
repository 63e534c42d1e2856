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
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import get_language
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from catalog import selectors as catalog
from catalog.models import City, Language, Programme, Region, ScheduleKind, Trade
from search import semantic
from search.backends import MAX_EDITS, Group, backend, known_words, word_forms
from search.document_table import DocumentTable, document_table
from search.models import Synonym
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
    # The other forms of the typed words (``word_forms``): whole words of the index, matched whole.
    whole_words: frozenset[str] = frozenset()

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
    """Normalise the words, correct the misspelt ones, add their other forms and the synonyms of all of
    these; one group of alternatives per word."""
    words = [word for word in terms(query[:MAX_QUERY_LENGTH]) if word not in STOPWORDS][:MAX_WORDS]
    words = [word for word in words if word not in GENERIC_WORDS] or words
    if not words:
        return SearchQuery(typed=query, words=(), groups=())
    # Other forms of each word in the index (plural, feminine, agent noun): a word that has some is no typo.
    forms = word_forms(words)
    known = known_words(words) | set(forms)
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
    for word, others in (corrections | forms).items():
        for other in others:
            phrases.setdefault(other, words.index(word))
    groups: list[Group] = [
        [(word,)] + [(other,) for other in corrections.get(word, []) + forms.get(word, [])] for word in words
    ]
    expansions: set[str] = set()
    for synonym in Synonym.objects.filter(term_normalized__in=list(phrases)):
        groups[phrases[synonym.term_normalized]] += [tuple(text.split()) for text in synonym.expansion_list()]
        expansions.update(word for text in synonym.expansion_list() for word in text.split())
    groups = [list(dict.fromkeys(group)) for group in groups]
    return SearchQuery(
        typed=query,
        words=tuple(words),
        groups=tuple(tuple(group) for group in groups),
        corrections={word: fixes[0] for word, fixes in corrections.items() if fixes},
        whole_words=frozenset(
            {other for others in forms.values() for other in others}
            - set(words)
            - {fix for fixes in corrections.values() for fix in fixes}
            - expansions
        ),
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


def _with_meaning(
    query: str, table: DocumentTable, positions: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The lexical matches rescored with meaning (``semantic.py``), plus the documents close in meaning only.

    Only sentences, or queries whose words found no trade, are embedded: a
    single word is what words do best, and faster.
    """
    if not semantic.enabled():
        return positions, scores
    is_programme = table.is_programme[positions]
    if len(query[:MAX_QUERY_LENGTH].split()) < semantic.MIN_WORDS and not is_programme.all():
        return positions, scores
    text = _meaning_text(query)
    if not text:
        return positions, scores
    matrix = semantic.matrix(table)
    if not len(matrix.vectors):
        return positions, scores
    query_vector = semantic.query_vector(text)
    similarity = np.maximum(matrix.similarities(query_vector, positions), 0.0)
    # Each lexical score as a share of the best of its kind (trades, programmes), 0 to 1.
    best = np.zeros(len(positions))
    for kind in (is_programme, ~is_programme):
        if kind.any():
            best[kind] = scores[kind].max()
    lexical = np.divide(scores, best, out=np.zeros(len(scores)), where=best > 0)
    rescored = semantic.LEXICAL_WEIGHT * lexical + semantic.SEMANTIC_WEIGHT * similarity
    # Trades close in meaning only are always offered (there are a handful). Programmes close in meaning
    # only are brought in when words found none: when they did, they found what was asked for
    # ("couture à sefrou"), and meaning only reorders them; comparing with every programme is then not needed.
    candidates = np.flatnonzero(~table.is_programme) if is_programme.any() else np.arange(len(table))
    candidates = candidates[~np.isin(candidates, positions)]
    similarities = matrix.similarities(query_vector, candidates)
    programmes = table.is_programme[candidates]
    close = similarities >= np.where(programmes, semantic.MIN_PROGRAMME_SIMILARITY, semantic.MIN_SIMILARITY)
    candidates, similarities, programmes = candidates[close], similarities[close], programmes[close]
    ranked = np.argsort(-similarities, kind="stable")
    ranked = np.concatenate(
        [ranked[~programmes[ranked]], ranked[programmes[ranked]][: semantic.MAX_SEMANTIC_PROGRAMMES]]
    )
    return (
        np.concatenate([positions, candidates[ranked]]),
        np.concatenate([rescored, semantic.SEMANTIC_WEIGHT * similarities[ranked].astype(np.float64)]),
    )


def _facet_keys(table: DocumentTable, positions: np.ndarray) -> list[np.ndarray]:
    """Each facet's key of these documents, in the order of ``FACETS``: ids, schedule indexes, language bits."""
    return [column[positions] for column in (table.trade, table.region, table.city, table.schedule, table.languages)]


def _facet_passes(table: DocumentTable, keys: list[np.ndarray], labels: dict, selected: tuple[str, ...]) -> list:
    """For each facet, which documents pass its filter (all when it has none; none when it names nothing known)."""
    passes = []
    for facet, key, value in zip(FACETS, keys, selected, strict=True):
        if not value:
            passes.append(np.ones(len(key), dtype=bool))
        elif facet == "schedule":
            passes.append(key == (table.schedules.index(value) if value in table.schedules else -2))
        elif facet == "language":
            bit = 1 << table.language_codes.index(value) if value in table.language_codes else 0
            passes.append((key & bit) != 0)
        else:
            wanted = next((pk for pk, (slug, _name) in labels[facet].items() if slug == value), -1)
            passes.append(key == wanted)
    return passes


def _facet_counts(table: DocumentTable, keys: np.ndarray, facet: str, labels: dict) -> dict:
    """How many of these documents have each value of ``facet``: label key → count."""
    if facet == "language":
        counts = {code: int(np.count_nonzero(keys & (1 << bit))) for bit, code in enumerate(table.language_codes)}
        return {code: count for code, count in counts.items() if count}
    values, counts = (array.tolist() for array in np.unique(keys, return_counts=True))
    if facet == "schedule":
        return {table.schedules[value]: count for value, count in zip(values, counts, strict=True) if value >= 0}
    return dict(zip(values, counts, strict=True))


def search_run(
    *, query: str, filters: catalog.ProgrammeFilters | None = None, today: datetime.date | None = None
) -> SearchResult:
    """Trades and published programmes matching ``query`` and the filters, best first, with facet counts."""
    filters = filters or catalog.ProgrammeFilters()
    parsed = search_query_parse(query=query)
    table = document_table()
    matches = (
        backend().search([list(group) for group in parsed.groups], exact=parsed.whole_words) if parsed.groups else None
    )
    positions, scores = np.zeros(0, dtype=np.int64), np.zeros(0)
    if matches is not None:
        positions, known = table.positions(matches.ids)
        scores, every_group = matches.scores[known], matches.every_group[known]
        # Programmes that match every word, when there are some ("couture casablanca"); else any word.
        if (table.is_programme[positions] & every_group).any():
            keep = ~table.is_programme[positions] | every_group
            positions, scores, every_group = positions[keep], scores[keep], every_group[keep]
        # Trades that match every word before those that match some ("wood carving": wood carving before
        # carved plaster, which the other forms of "carving" reach), in their order otherwise.
        trades_every = ~table.is_programme[positions] & every_group
        if trades_every.any() and not trades_every.all():
            scores = np.where(trades_every, scores + scores[~table.is_programme[positions]].max(), scores)
    positions, scores = _with_meaning(query, table, positions, scores)
    trades_all, labels = _catalogue_reference()
    trades_by_pk = {trade.pk: trade for trade in trades_all}

    is_programme = table.is_programme[positions]
    trade_order = np.argsort(-scores[~is_programme], kind="stable")
    trade_ids = table.trade[positions[~is_programme][trade_order]].tolist()
    positions, scores = positions[is_programme], scores[is_programme]
    # Filters that are not facets narrow the matches through the catalogue's own selector.
    if filters.free or filters.starts_within_weeks or filters.seats_left:
        narrowing = catalog.ProgrammeFilters(
            free=filters.free, starts_within_weeks=filters.starts_within_weeks, seats_left=filters.seats_left
        )
        allowed = (
            catalog.programme_list(filters=narrowing, today=today)
            .filter(pk__in=table.programme[positions].tolist())
            .order_by()
            .values_list("pk", flat=True)
        )
        keep = np.isin(table.programme[positions], np.fromiter(allowed, dtype=np.int64))
        positions, scores = positions[keep], scores[keep]

    selected = (filters.trade, filters.region, filters.city, filters.schedule, filters.language)
    keys = _facet_keys(table, positions)
    passes = _facet_passes(table, keys, labels, selected)
    every_filter = np.logical_and.reduce(passes)
    facets = {}
    for i, facet in enumerate(FACETS):
        # A programme counts in a facet when it passes every other facet's filter.
        others = np.logical_and.reduce([passed for j, passed in enumerate(passes) if j != i])
        counts = _facet_counts(table, keys[i][others], facet, labels[facet])
        facets[facet] = sorted(
            (
                FacetValue(value=slug, label=name, count=count, selected=slug == selected[i])
                for key, count in counts.items()
                if key in labels[facet]
                for slug, name in [labels[facet][key]]
            ),
            key=lambda v: (-v.count, v.label),
        )
    programme_ids, scores = table.programme[positions[every_filter]], scores[every_filter]
    ranked = programme_ids[np.lexsort((programme_ids, -scores))].tolist()
    trades = [trades_by_pk[pk] for pk in trade_ids if pk in trades_by_pk]
    return SearchResult(
        query=parsed,
        trades=trades,
        programme_ids=ranked,
        facets=facets,
        closest_trades=[] if trades or ranked else _closest_trades(query, trades_all),
    )


def search_programmes(*, ids: list[int], today: datetime.date | None = None, cards: bool = False) -> list[Programme]:
    """The programmes of one page of results, in the order given: whole (the API), or what cards show."""
    # In the order given: no order in SQL, which also leaves the database free to read them by key.
    if cards:
        found = catalog.programme_cards(Programme.objects.published().filter(pk__in=ids), today=today)
    else:
        found = catalog.programme_list(today=today).filter(pk__in=ids).order_by()
    by_pk = {programme.pk: programme for programme in found}
    return [by_pk[pk] for pk in ids if pk in by_pk]
