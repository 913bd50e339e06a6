"""Live Wikidata look-ups for names the shipped knowledge base lacks (``--wikidata-endpoint``).

Any SPARQL 1.1 endpoint serving Wikidata-shaped data (``rdfs:label``, ``skos:altLabel``,
``schema:description``, ``wdt:P31``, ``wdt:P17``, ``wdt:P625``, ``wdt:P131``) works; the
default is Wikidata's public query service. Queries go through SPARQLWrapper with:

* an on-disk cache (SQLite, one row per endpoint, query text and name; a name the endpoint does
  not know is cached too), so a second build sends no request for the same names;
* a timeout per request, retries with exponential back-off (``Retry-After`` honoured), a
  minimum interval between requests (rate limit) and a descriptive User-Agent;
* a circuit breaker: after ``max_failures`` failed requests in a row the endpoint is not asked
  again in this run. A failing endpoint never stops a build: the names stay unlinked and a
  warning goes to :attr:`OnlineLinker.warnings`.

Names from text reach SPARQL only as bound values: a ``VALUES`` block of string literals
escaped by :func:`sparql_string`. The query text lives in ``queries/kb/lookup-names.rq``.

Which item a name means is decided without any QID in the code: by the English labels of the
item's classes and its description (words such as "city", "armed", "news agency"), by its
country against the document's countries, and by label before alias. Where that leaves more
than one item, the entity stays unlinked.

Typical use, after offline linking::

    linker = OnlineLinker("https://query.wikidata.org/sparql", cache_dir=Path(".cache"))
    result = linker.link_missing(link_document(result, kb))
    for warning in linker.drain_warnings():
        print(warning)
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import json
import re
import sqlite3
import threading
import time
import urllib.error
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.model import DocumentResult, Entity, EntityKind, PlaceInfo

__all__ = [
    "DEFAULT_ENDPOINT",
    "USER_AGENT",
    "Candidate",
    "EndpointError",
    "OnlineLinker",
    "kb_lacks",
    "query_text",
    "sparql_string",
    "values_block",
]

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = (
    "conflict-kg/0.1 (Wikidata linking of conflict news; "
    "https://github.com/conflict-kg/conflict-kg) SPARQLWrapper/2.0.0"
)
WD_ENTITY = "http://www.wikidata.org/entity/"
QUERIES = Path(__file__).resolve().parents[2] / "queries" / "kb"
#: names per request
BATCH = 25
MAX_NAME_CHARS = 200

# Kinds of item told apart by the English labels of their classes and by their description.
_PLACE_WORDS = re.compile(
    r"\b(city|town|village|hamlet|settlement|capital|country|sovereign state|state|province|"
    r"governorate|district|region|municipality|county|prefecture|oblast|raion|department|"
    r"commune|neighbourhood|neighborhood|suburb|quarter|locality|territory|emirate|wilaya|"
    r"muhafazah|nahiyah|subdistrict|administrative)\b",
    re.IGNORECASE,
)
_ARMED_WORDS = re.compile(
    r"\b(armed|militant|militia|rebel|insurgent|guerrilla|terrorist|paramilitary|jihadist|"
    r"army|armed forces|military|mercenary|resistance movement)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(organi[sz]ation|agency|party|non-governmental|ngo|news|newspaper|broadcaster|"
    r"observatory|monitor|committee|council|union|alliance|coalition|movement|front|group|"
    r"institution|foundation|charity|ministry|company|court|office|programme|program|fund)\b",
    re.IGNORECASE,
)
_NOT_ENTITY = re.compile(
    r"\b(human|given name|family name|surname|disambiguation|film|album|song|book|"
    r"television series|video game|painting|taxon|genus|species|ship|battle|event)\b",
    re.IGNORECASE,
)
_POINT = re.compile(
    r"Point\(\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s+([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\)"
)


def sparql_string(text: str) -> str:
    """A SPARQL string literal for ``text``: quotes, backslashes and line breaks escaped.

    >>> sparql_string('a "b" \\\\ }')
    '"a \\\\"b\\\\" \\\\\\\\ }"'
    """
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029\x7f":
            out.append(" ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def values_block(names: Iterable[str], lang: str = "en") -> str:
    """The body of a ``VALUES ?name { … }`` block: one language-tagged literal per name."""
    return " ".join(f"{sparql_string(name)}@{lang}" for name in names)


def item_block(qids: Iterable[str]) -> str:
    """The body of a ``VALUES ?item { … }`` block; only well-formed QIDs pass."""
    return " ".join(f"<{WD_ENTITY}{qid}>" for qid in qids if re.fullmatch(r"Q[1-9]\d*", qid))


def query_text(name: str, **blocks: str) -> str:
    """A query of ``queries/kb/`` with its ``#NAMES#`` / ``#ITEMS#`` placeholders filled."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    for key, value in blocks.items():
        text = text.replace(f"#{key.upper()}#", value)
    return text


def qid_of(iri: str | None) -> str | None:
    """``Q123`` for a Wikidata entity IRI, else None."""
    if iri and iri.startswith(WD_ENTITY):
        local = iri[len(WD_ENTITY) :]
        if re.fullmatch(r"Q[1-9]\d*", local):
            return local
    return None


@dataclass
class Candidate:
    """One item an endpoint returned for a name."""

    iri: str
    label: str | None = None
    description: str | None = None
    matched: str = "alias"  # "label" | "alias"
    classes: list[str] = field(default_factory=list)  # English labels of the P31 classes
    countries: list[tuple[str, str | None]] = field(default_factory=list)  # (IRI, label)
    lat: float | None = None
    lon: float | None = None
    admins: list[tuple[str, str | None]] = field(default_factory=list)  # P131 (IRI, label)
    aliases: list[str] = field(default_factory=list)  # English aliases (kb update only)

    @property
    def qid(self) -> str | None:
        return qid_of(self.iri)

    def words(self) -> str:
        return " ; ".join([*self.classes, self.description or ""])

    def kind(self) -> EntityKind | None:
        """Place, armed group or organisation, from class labels, description, coordinates."""
        classes = " ; ".join(self.classes)
        text = self.words()
        if _NOT_ENTITY.search(classes) and not (
            _PLACE_WORDS.search(classes) or _ORG_WORDS.search(classes)
        ):
            return None
        if _ARMED_WORDS.search(text) and not _PLACE_WORDS.search(classes):
            return EntityKind.ARMED_GROUP
        if _ORG_WORDS.search(classes) and not _PLACE_WORDS.search(classes):
            return EntityKind.ORGANISATION
        if _PLACE_WORDS.search(classes) or (self.lat is not None and not classes):
            return EntityKind.PLACE
        if _ORG_WORDS.search(text):
            return EntityKind.ORGANISATION
        return None

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Candidate:
        item = cls(**data)  # type: ignore[arg-type]
        item.countries = [(str(a), None if b is None else str(b)) for a, b in item.countries]
        item.admins = [(str(a), None if b is None else str(b)) for a, b in item.admins]
        return item


def parse_bindings(bindings: list[dict[str, dict[str, str]]]) -> dict[str, list[Candidate]]:
    """Rows of lookup-names.rq -> candidates per bound name (rows of one item merged)."""
    out: dict[str, dict[str, Candidate]] = {}
    for row in bindings:
        name = row.get("name", {}).get("value")
        iri = row.get("item", {}).get("value")
        if name is None or iri is None or row["item"].get("type") != "uri":
            continue
        item = out.setdefault(name, {}).setdefault(iri, Candidate(iri))
        _merge_row(item, row)
    return {name: list(items.values()) for name, items in out.items()}


def _value(row: dict[str, dict[str, str]], key: str) -> str | None:
    cell = row.get(key)
    return None if cell is None else cell.get("value")


def _merge_row(item: Candidate, row: dict[str, dict[str, str]]) -> None:
    if _value(row, "matched") == "label":
        item.matched = "label"
    item.label = item.label or _value(row, "label")
    item.description = item.description or _value(row, "description")
    class_label = _value(row, "classLabel")
    if class_label and class_label not in item.classes:
        item.classes.append(class_label)
    country = _value(row, "country")
    if country and country not in [c for c, _ in item.countries]:
        item.countries.append((country, _value(row, "countryLabel")))
    admin = _value(row, "admin")
    if admin and admin not in [a for a, _ in item.admins]:
        item.admins.append((admin, _value(row, "adminLabel")))
    coord = _value(row, "coord")
    if coord and item.lat is None:
        item.lat, item.lon = parse_point(coord)


def parse_point(wkt: str) -> tuple[float | None, float | None]:
    """(lat, lon) of a WKT ``Point(lon lat)`` as Wikidata writes P625, else (None, None).

    >>> parse_point("Point(40.45 35.01)")
    (35.01, 40.45)
    """
    match = _POINT.search(wkt)
    if not match:
        return None, None
    return float(match.group(2)), float(match.group(1))


class EndpointError(Exception):
    """A request failed after every retry."""


class OnlineLinker:
    """Live look-ups for the entities the knowledge base lacks; see the module docstring.

    ``warnings`` collects one line per failure (and one when the endpoint is given up on);
    ``requests_sent`` counts HTTP requests, cache hits excluded.
    """

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        cache_dir: Path | None = None,
        *,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 1.0,
        min_interval: float = 1.0,
        max_failures: int = 3,
        user_agent: str = USER_AGENT,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.max_failures = max_failures
        self.user_agent = user_agent
        self.kb = kb or load_default_kb()
        self.warnings: list[str] = []
        self.requests_sent = 0
        self._failures = 0
        self._last_request = 0.0
        self._lock = threading.Lock()
        self._query_hash = hashlib.sha256(
            query_text("lookup-names.rq").encode("utf-8")
        ).hexdigest()[:16]
        self._cache: sqlite3.Connection | None = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._cache = sqlite3.connect(
                cache_dir / "wikidata-lookups.sqlite", check_same_thread=False
            )
            self._cache.execute(
                "CREATE TABLE IF NOT EXISTS lookups (endpoint TEXT, query TEXT, name TEXT, "
                "candidates TEXT NOT NULL, fetched REAL NOT NULL, "
                "PRIMARY KEY (endpoint, query, name))"
            )
            self._cache.commit()

    # ------------------------------------------------------------------ state

    @property
    def given_up(self) -> bool:
        """The endpoint failed ``max_failures`` times in a row: no more requests this run."""
        return self._failures >= self.max_failures

    def drain_warnings(self) -> list[str]:
        """The warnings gathered since the last call, and forget them."""
        out, self.warnings = self.warnings, []
        return out

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    # ------------------------------------------------------------------ look-ups

    def lookup(self, names: Sequence[str]) -> dict[str, list[Candidate]]:
        """Candidates per name (cache first); names whose request failed are left out.

        Names are sent as given (cut to MAX_NAME_CHARS), as escaped literals.
        """
        wanted = list(dict.fromkeys(n[:MAX_NAME_CHARS] for n in names if n.strip()))
        found: dict[str, list[Candidate]] = {}
        missing: list[str] = []
        for name in wanted:
            cached = self._cached(name)
            if cached is None:
                missing.append(name)
            else:
                found[name] = cached
        for start in range(0, len(missing), BATCH):
            if self.given_up:
                self.warnings.append(
                    f"Wikidata endpoint {self.endpoint} given up after {self._failures} failed "
                    f"requests: {len(missing) - start} name(s) not looked up, left unlinked"
                )
                break
            chunk = missing[start : start + BATCH]
            try:
                bindings = self._request(query_text("lookup-names.rq", names=values_block(chunk)))
            except EndpointError as exc:
                self.warnings.append(
                    f"Wikidata endpoint {self.endpoint}: {exc}; {len(chunk)} name(s) left "
                    f"unlinked ({', '.join(repr(n) for n in chunk[:3])}"
                    f"{', …' if len(chunk) > 3 else ''})"
                )
                continue
            parsed = parse_bindings(bindings)
            for name in chunk:
                found[name] = parsed.get(name, [])
                self._store(name, found[name])
        return found

    def _cached(self, name: str) -> list[Candidate] | None:
        if self._cache is None:
            return None
        row = self._cache.execute(
            "SELECT candidates FROM lookups WHERE endpoint = ? AND query = ? AND name = ?",
            (self.endpoint, self._query_hash, name),
        ).fetchone()
        if row is None:
            return None
        return [Candidate.from_json(item) for item in json.loads(row[0])]

    def _store(self, name: str, candidates: list[Candidate]) -> None:
        if self._cache is None:
            return
        self._cache.execute(
            "INSERT OR REPLACE INTO lookups VALUES (?,?,?,?,?)",
            (
                self.endpoint,
                self._query_hash,
                name,
                json.dumps([c.to_json() for c in candidates], sort_keys=True),
                time.time(),
            ),
        )
        self._cache.commit()

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Result bindings of a SELECT query (rate limit, timeout, retries); raises
        :class:`EndpointError` when every attempt failed."""
        return self._request(query)

    def _request(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Send one query (rate limit, timeout, retries with back-off); its result bindings."""
        last = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, last))
            with self._lock:
                wait = self._last_request + self.min_interval - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                self._last_request = time.monotonic()
            self.requests_sent += 1
            client = SPARQLWrapper(self.endpoint, agent=self.user_agent)
            client.setMethod(POST)
            client.setReturnFormat(JSON)
            client.setTimeout(self.timeout)  # type: ignore[arg-type]
            client.setQuery(query)
            try:
                data = client.queryAndConvert()
            except Exception as exc:  # HTTP errors, timeouts, refused connections, bad JSON
                last = _describe(exc)
                self._retry_after = _retry_after(exc)
                if _permanent(exc):
                    break
                continue
            self._failures = 0
            if not isinstance(data, dict):
                raise EndpointError("answer is not SPARQL JSON results")
            bindings = data.get("results", {}).get("bindings", [])
            return bindings if isinstance(bindings, list) else []
        self._failures += 1
        raise EndpointError(f"request failed ({last})")

    _retry_after: float | None = None

    def _delay(self, attempt: int, last: str) -> float:
        delay = self.backoff * 2 ** (attempt - 1)
        if self._retry_after is not None:
            delay = max(delay, min(self._retry_after, 60.0))
        return delay

    # ------------------------------------------------------------------ linking

    def link_missing(self, result: DocumentResult) -> DocumentResult:
        """A copy of ``result`` with QIDs filled for named entities the knowledge base lacks.

        Entities that already carry a QID, descriptions ("regime forces") and names the
        knowledge base holds with a QID are left as the offline linker decided. A failing
        endpoint leaves the names unlinked and adds a warning.
        """
        entities = [entity.copy() for entity in result.entities]
        todo = [e for e in entities if e.qid is None and e.named and kb_lacks(e, self.kb)]
        if not todo:
            return dataclasses.replace(result, entities=entities)
        forms: dict[str, list[str]] = {e.key: _query_forms(e) for e in todo}
        answers = self.lookup([form for group in forms.values() for form in group])
        context = _context_countries(entities)
        for entity in todo:
            candidates: dict[str, Candidate] = {}
            for form in forms[entity.key]:
                for item in answers.get(form, []):
                    if item.qid:
                        candidates.setdefault(item.iri, item)
            chosen = choose(list(candidates.values()), entity.kind, context)
            if chosen is not None:
                self._apply(entity, chosen)
        return dataclasses.replace(result, entities=entities)

    def _apply(self, entity: Entity, item: Candidate) -> None:
        forms = entity.surface_forms()
        if item.label:
            entity.label = item.label
            entity.alt_labels = [form for form in forms if form != item.label]
        entity.qid = item.qid
        kind = item.kind()
        if entity.kind is EntityKind.PLACE:
            entity.place = self._place_info(item, entity.place)
            return
        if kind is EntityKind.ARMED_GROUP and entity.kind is EntityKind.ORGANISATION:
            entity.kind = EntityKind.ARMED_GROUP
            entity.actor_type = None
        if entity.actor_type is None:
            entity.actor_type = actor_type_of(item, entity.kind)

    def _place_info(self, item: Candidate, old: PlaceInfo | None) -> PlaceInfo:
        country: tuple[str, str | None] | None = None
        for iri, label in item.countries:
            qid = qid_of(iri)
            row = self.kb.place_by_qid(qid) if qid else None
            if row is not None and row.place_type == "country":
                country = (row.name, row.qid)
                break
            if label:
                country = (label, qid)
                break
        admin1: tuple[str, str | None] | None = None
        for iri, _ in item.admins:
            qid = qid_of(iri)
            row = self.kb.place_by_qid(qid) if qid else None
            if row is not None and row.place_type == "admin1":
                admin1 = (row.name, row.qid)
                break
        place_type = "locality"
        classes = " ; ".join(item.classes).lower()
        if "country" in classes or "sovereign state" in classes:
            place_type = "country"
        elif re.search(r"governorate|province|oblast|first-level", classes):
            place_type = "admin1"
        if old is None:
            return PlaceInfo(item.lat, item.lon, country, admin1, place_type)
        return PlaceInfo(
            lat=item.lat if item.lat is not None else old.lat,
            lon=item.lon if item.lon is not None else old.lon,
            country=country or old.country,
            admin1=admin1 or old.admin1,
            place_type=place_type,
        )


def choose(candidates: list[Candidate], kind: EntityKind, context: set[str]) -> Candidate | None:
    """The one candidate meant, or None: kind must fit; then country context; label > alias."""
    fitting = [c for c in candidates if _fits(c.kind(), kind)]
    if len(fitting) > 1 and context:
        local = [c for c in fitting if {qid_of(iri) for iri, _ in c.countries} & context]
        if local:
            fitting = local
    if len(fitting) > 1:
        labelled = [c for c in fitting if c.matched == "label"]
        if labelled:
            fitting = labelled
    if kind is EntityKind.PLACE and len(fitting) == 1 and context:
        countries = {qid_of(iri) for iri, _ in fitting[0].countries}
        if countries and not countries & context:
            return None  # a place abroad while the article is about other countries
    return fitting[0] if len(fitting) == 1 else None


def _fits(found: EntityKind | None, wanted: EntityKind) -> bool:
    if found is None:
        return False
    if wanted is EntityKind.PLACE:
        return found is EntityKind.PLACE
    return found in (EntityKind.ARMED_GROUP, EntityKind.ORGANISATION) and (
        wanted is EntityKind.ORGANISATION or found is EntityKind.ARMED_GROUP
    )


def actor_type_of(item: Candidate, kind: EntityKind) -> str | None:
    """An actor-type concept (local name) from the item's class labels and description."""
    text = item.words().lower()
    if kind is EntityKind.ARMED_GROUP:
        if re.search(r"armed forces|\barmy\b|military|police|security forces", text):
            return "StateForces"
        if re.search(r"jihad|islamist|salafi", text):
            return "JihadistGroup"
        if "militia" in text:
            return "PoliticalMilitia"
        return "RebelGroup"
    if re.search(r"news|newspaper|broadcaster", text):
        return "NewsOutlet"
    if "political party" in text:
        return "PoliticalParty"
    if re.search(r"intergovernmental|united nations", text):
        return "IntergovernmentalOrganisation"
    if re.search(r"non-governmental|\bngo\b|charity|human rights", text):
        return "NonGovernmentalOrganisation"
    return None


def kb_lacks(entity: Entity, kb: KnowledgeBase) -> bool:
    """No surface form of the entity names a knowledge-base entry that has a QID."""
    for form in entity.surface_forms():
        if entity.kind is EntityKind.PLACE:
            if any(place.qid for place in kb.find_places(form, loose=False)):
                return False
        elif any(actor.qid for actor in kb.find_actors(form)):
            return False
    return True


def _context_countries(entities: Sequence[Entity]) -> set[str]:
    """QIDs of the countries the document's linked places lie in."""
    out: set[str] = set()
    for entity in entities:
        if entity.place is not None and entity.place.country and entity.place.country[1]:
            out.add(entity.place.country[1])
    return out


def _clean(name: str) -> str:
    return " ".join(name.split())[:MAX_NAME_CHARS]


def _query_forms(entity: Entity) -> list[str]:
    """Names to ask for: each surface form, with typographic apostrophes made plain and a
    leading "the" dropped."""
    out: list[str] = []
    for form in entity.surface_forms():
        for variant in (form, form.replace("’", "'").replace("‘", "'")):
            variant = _clean(variant)
            if variant.lower().startswith("the "):
                variant = variant[4:]
            if variant and variant not in out:
                out.append(variant)
    return out


def _describe(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    text = str(exc).splitlines()[0] if str(exc) else ""
    name = type(exc).__name__
    if code:
        return f"HTTP {code}"
    if "500" in name or "InternalError" in name:
        return "HTTP 500"
    return f"{name}: {text[:120]}" if text else name


def _permanent(exc: Exception) -> bool:
    """A malformed query or a missing endpoint does not get better by retrying."""
    name = type(exc).__name__
    return name in {"QueryBadFormed", "EndPointNotFound", "Unauthorized", "URITooLong"}


def _retry_after(exc: Exception) -> float | None:
    if not isinstance(exc, urllib.error.HTTPError) or exc.headers is None:
        return None
    value = exc.headers.get("Retry-After")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None
