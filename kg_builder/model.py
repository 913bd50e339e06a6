"""The plain data every pipeline stage speaks.

Stages pass these dataclasses to each other and nothing else: ``ingest`` makes
:class:`Article` (or :class:`IngestError`), ``extract`` makes a
:class:`DocumentResult` of :class:`Entity`, :class:`Attack` and :class:`Claim`,
``link`` fills the Wikidata fields of the entities, ``graph`` turns the result
into RDF. No stage-specific library type (spaCy, rdflib) appears here, so each
stage can be tested on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input document, as read from a file or a JSON Lines record."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    publisher: str | None = None
    url: str | None = None
    #: where it came from, for error messages and provenance ("news.jsonl:17")
    origin: str = ""

    @property
    def published_date(self) -> dt.date | None:
        """The publication day (a datetime is cut to its date)."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class IngestError:
    """A document that could not be read; the batch goes on without it."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class EntityKind(enum.Enum):
    """The three kinds of named thing the graph holds (ontology class names)."""

    ARMED_GROUP = "ArmedGroup"
    ORGANISATION = "Organisation"
    PLACE = "Place"


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the text (character offsets into ``Article.text``)."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class PlaceInfo:
    """What the knowledge base knows about a place (filled by ``link``)."""

    lat: float | None = None
    lon: float | None = None
    #: the country and first-level division, as (label, qid or None)
    country: tuple[str, str | None] | None = None
    admin1: tuple[str, str | None] | None = None
    place_type: str | None = None  # country | admin1 | admin_sub | locality


@dataclass
class Entity:
    """An armed group, organisation or place, with every surface form seen in the article.

    ``key`` is unique within a document and stable across runs; ``label`` is the
    preferred English name (the knowledge base's name once linked).
    """

    key: str
    kind: EntityKind
    label: str
    alt_labels: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    #: local name of a concept of the actor-type scheme ("StateForces", …)
    actor_type: str | None = None
    #: Wikidata item id ("Q858"), set by ``link`` only from the knowledge base
    qid: str | None = None
    place: PlaceInfo | None = None
    #: a proper name ("Syrian Observatory for Human Rights") is one thing wherever it is
    #: written; a description ("regime forces") is only known within its article
    named: bool = True
    #: a country named as the doer of an action ("Syria has accused Israel …"): the state,
    #: an organisation whose ``qid`` is the country's item (set by ``link``)
    acting_state: bool = False

    def copy(self) -> Entity:
        """A copy to change without changing this entity: its own lists (its mentions and
        place details are immutable and shared)."""
        return dataclasses.replace(
            self, alt_labels=list(self.alt_labels), mentions=list(self.mentions)
        )

    def surface_forms(self) -> list[str]:
        """The label first, then the other names, without repeats."""
        seen: list[str] = []
        for name in [self.label, *self.alt_labels]:
            if name not in seen:
                seen.append(name)
        return seen


@dataclass
class Claim:
    """A statement inside the article attributed to a source ("the Observatory said …")."""

    key: str
    source: str  # Entity.key of the Organisation that made it
    text: str  # the sentence(s) that carry it
    #: when the source made the statement, if the text says
    date: dt.date | None = None
    #: the attribution verb as written ("said", "claimed", "according to")
    verb: str | None = None


@dataclass
class Casualties:
    """A casualty figure read from text: best single figure and optional bounds."""

    best: int | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass
class CasualtyClaim:
    """The figures one report gives for an attack ("the Observatory said 60 were killed")."""

    report: str  # a Claim key, or ARTICLE_REPORT for the article itself
    fatalities: Casualties = field(default_factory=Casualties)
    injured: int | None = None


@dataclass
class Attack:
    """One violent event, with the arguments the text supports."""

    key: str
    attack_type: str  # local name of a concept of the attack-type scheme
    trigger: str
    evidence: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)  # Entity keys
    targets: list[str] = field(default_factory=list)  # Entity keys
    target_descriptions: list[str] = field(default_factory=list)
    location: str | None = None  # Entity key of a Place
    #: every place the tellings of this attack name, in reading order; ``link`` picks the
    #: most specific of them as ``location`` once it knows where each place lies
    places: list[str] = field(default_factory=list)
    date: dt.date | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    fatalities: Casualties = field(default_factory=Casualties)
    injured: int | None = None
    #: the attackers' own dead ("six ISIS fighters were killed in the clashes")
    attacker_fatalities: int | None = None
    #: Claim keys; the empty string stands for the article itself
    reported_in: list[str] = field(default_factory=list)
    #: how sure the extraction is that this is one real attack, 0–1 (see extract.document)
    confidence: float = 0.5
    #: each report's own figures, so that two sources' different tolls both stay
    casualty_claims: list[CasualtyClaim] = field(default_factory=list)
    #: the place came from the article's dateline, not from the text of the attack: the
    #: dateline says where the report was filed, so ``link`` widens it to that country
    location_from_dateline: bool = False
    #: the country whose capital a telling names as the place, unnamed ("in Somalia's
    #: capital"; "" for "in the capital", no country named): ``link`` takes the dateline's
    #: town where it lies in that country
    capital_of: str | None = None
    #: Entity keys of the groups that claim the attack ("JNIM claimed the attack")
    claimed_by: list[str] = field(default_factory=list)


ARTICLE_REPORT = ""  # the ``reported_in`` value that means "the article itself"


@dataclass
class DocumentResult:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    attacks: list[Attack] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    publisher: str | None = None  # Entity key of the publishing Organisation
    #: attacks found but left out of the graph for a confidence below the build's threshold
    unconfident_attacks: int = 0

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
