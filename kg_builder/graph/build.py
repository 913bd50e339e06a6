"""DocumentResult → rdflib graph: the only module that knows the output vocabulary."""

from __future__ import annotations

import datetime as dt

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg_builder.graph.iris import Minter
from kg_builder.model import ARTICLE_REPORT, Attack, DocumentResult, Entity, EntityKind

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "ckg": CKG,
    "geo": GEO,
    "prov": PROV,
    "wd": WD,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
}

CLASS_OF_KIND = {
    EntityKind.ARMED_GROUP: CKG.ArmedGroup,
    EntityKind.ORGANISATION: CKG.Organisation,
    EntityKind.PLACE: CKG.Place,
}


def new_graph() -> Graph:
    # only the project's prefixes: rdflib's default set is some thirty bindings per graph,
    # a third of the time of building a document's graph, and the writers use the header's
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _date_literal(value: dt.date | dt.datetime) -> Literal:
    if isinstance(value, dt.datetime):
        return Literal(value.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


class DocumentGraph:
    """Writes one document's result into a graph."""

    def __init__(self, result: DocumentResult, base_iri: str) -> None:
        self.result = result
        self.minter = Minter(base_iri, result.article.id)
        self.graph = new_graph()
        self.node_of: dict[str, URIRef] = {}

    def build(self) -> Graph:
        article = self.result.article
        report = URIRef(self.minter.report)
        g = self.graph
        g.add((report, RDF.type, CKG.Report))
        g.add((report, DCTERMS.identifier, Literal(article.id)))
        if article.title:
            g.add((report, DCTERMS.title, Literal(article.title)))
        if article.published:
            g.add((report, DCTERMS.issued, _date_literal(article.published)))
        if article.url:
            g.add((report, DCTERMS.source, Literal(article.url, datatype=XSD.anyURI)))
        for entity in self.result.entities:
            self.node_of[entity.key] = self._entity(entity)
            if entity.mentions:
                g.add((report, CKG.mentions, self.node_of[entity.key]))
                # the state's name names its country too ("Syria has accused …")
                for country in g.objects(self.node_of[entity.key], CKG.stateOf):
                    g.add((report, CKG.mentions, country))
        if self.result.publisher:
            g.add((report, CKG.publisher, self.node_of[self.result.publisher]))
        claim_nodes = {ARTICLE_REPORT: report}
        for claim in self.result.claims:
            node = URIRef(self.minter.statement(claim.key))
            claim_nodes[claim.key] = node
            g.add((node, RDF.type, CKG.Report))
            g.add((node, DCTERMS.isPartOf, report))
            g.add((node, CKG.source, self.node_of[claim.source]))
            g.add((node, CKG.quote, Literal(claim.text)))
            source_label = self.result.entity(claim.source).label
            g.add((node, RDFS.label, Literal(f"statement by {source_label}", lang="en")))
            if claim.verb:
                g.add((node, CKG.attributionVerb, Literal(claim.verb)))
            if claim.date:
                g.add((node, DCTERMS.date, _date_literal(claim.date)))
        for attack in self.result.attacks:
            self._attack(attack, claim_nodes)
        return g

    def _entity(self, entity: Entity) -> URIRef:
        g = self.graph
        node = URIRef(self.minter.entity(entity))
        g.add((node, RDF.type, CLASS_OF_KIND[entity.kind]))
        if entity.kind == EntityKind.ARMED_GROUP:
            g.add((node, RDF.type, CKG.Organisation))
        # two entities of the article may reach one node (one Wikidata item named two ways):
        # it keeps the first one's name
        name = g.value(node, RDFS.label)
        if name is None:
            name = Literal(entity.label, lang="en")
            g.add((node, RDFS.label, name))
        for form in entity.surface_forms():
            if form != str(name):
                g.add((node, SKOS.altLabel, Literal(form, lang="en")))
        if entity.qid:
            g.add((node, OWL.sameAs, WD[entity.qid]))
        if entity.actor_type:
            g.add((node, CKG.actorType, CKG[entity.actor_type]))
        if entity.acting_state and entity.qid:
            # the state is an organisation of its own node, so that the country stays a
            # place (and only a place) in every article that names it
            country = self._place_node(node, CKG.stateOf, entity.label, entity.qid)
            country_name = str(g.value(country, RDFS.label))
            for form in entity.alt_labels:
                if form != country_name:
                    g.add((country, SKOS.altLabel, Literal(form, lang="en")))
        info = entity.place
        if entity.kind == EntityKind.PLACE and info is not None:
            if info.place_type:
                g.add((node, CKG.placeType, Literal(info.place_type)))
            if info.lat is not None and info.lon is not None:
                geometry = URIRef(f"{node}/geometry")
                g.add((node, GEO.hasGeometry, geometry))
                g.add((geometry, RDF.type, GEO.Geometry))
                wkt = f"POINT({info.lon:.5f} {info.lat:.5f})"
                g.add((geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))
            for prop, ref in ((CKG.country, info.country), (CKG.admin1, info.admin1)):
                if ref is not None:
                    self._place_node(node, prop, *ref)
        return node

    def _place_node(self, node: URIRef, prop: URIRef, label: str, qid: str | None) -> URIRef:
        """Point ``node`` by ``prop`` at the country or division the knowledge base names."""
        g = self.graph
        place = URIRef(self.minter.place_by_name(label, qid))
        if place == node:
            return place
        g.add((node, prop, place))
        g.add((place, RDF.type, CKG.Place))
        if (place, RDFS.label, None) not in g:
            g.add((place, RDFS.label, Literal(label, lang="en")))
        if qid:
            g.add((place, OWL.sameAs, WD[qid]))
        return place

    def _attack(self, attack: Attack, claim_nodes: dict[str, URIRef]) -> None:
        g = self.graph
        node = URIRef(self.minter.attack(attack.key))
        g.add((node, RDF.type, CKG.Attack))
        g.add((node, CKG.attackType, CKG[attack.attack_type]))
        g.add((node, CKG.trigger, Literal(attack.trigger)))
        g.add((node, CKG.confidence, Literal(f"{attack.confidence:.2f}", datatype=XSD.decimal)))
        g.add((node, RDFS.label, Literal(self._attack_label(attack), lang="en")))
        for text in attack.evidence:
            g.add((node, CKG.evidence, Literal(text)))
        for key in attack.reported_in:
            g.add((node, CKG.reportedIn, claim_nodes[key]))
        for key in attack.perpetrators:
            g.add((node, CKG.perpetrator, self.node_of[key]))
        for key in attack.targets:
            g.add((node, CKG.target, self.node_of[key]))
        for text in attack.target_descriptions:
            g.add((node, CKG.targetDescription, Literal(text)))
        if attack.location:
            g.add((node, CKG.location, self.node_of[attack.location]))
        if attack.date:
            g.add((node, CKG.date, _date_literal(attack.date)))
        if attack.start_date and attack.end_date:
            g.add((node, CKG.startDate, _date_literal(attack.start_date)))
            g.add((node, CKG.endDate, _date_literal(attack.end_date)))
        elif attack.end_date and not attack.date:
            g.add((node, CKG.endDate, _date_literal(attack.end_date)))  # "on or before"
        # each report's own toll, so that two sources' different figures both stay
        for n, claim in enumerate(attack.casualty_claims, start=1):
            claim_node = URIRef(f"{node}/toll-{n}")
            g.add((node, CKG.casualtyClaim, claim_node))
            g.add((claim_node, RDF.type, CKG.CasualtyClaim))
            g.add((claim_node, CKG.claimedIn, claim_nodes[claim.report]))
            for prop, value in (
                (CKG.claimedFatalities, claim.fatalities.best),
                (CKG.claimedFatalitiesMin, claim.fatalities.minimum),
                (CKG.claimedFatalitiesMax, claim.fatalities.maximum),
                (CKG.claimedInjured, claim.injured),
            ):
                if value is not None:
                    g.add((claim_node, prop, _count(value)))
        figures = attack.fatalities
        for prop, value in (
            (CKG.fatalities, figures.best),
            (CKG.fatalitiesMin, figures.minimum),
            (CKG.fatalitiesMax, figures.maximum),
            (CKG.injured, attack.injured),
            (CKG.attackerFatalities, attack.attacker_fatalities),
        ):
            if value is not None:
                g.add((node, prop, _count(value)))

    def _attack_label(self, attack: Attack) -> str:
        """ "Ambush by Islamic State in As Sukhnah, 2019-04-18" — for people reading the graph."""
        words = [_type_words(attack.attack_type)]
        if attack.perpetrators:
            words.append("by " + self.result.entity(attack.perpetrators[0]).label)
        if attack.location:
            words.append("in " + self.result.entity(attack.location).label)
        when = attack.date or attack.start_date
        label = " ".join(words)
        return f"{label}, {when.isoformat()}" if when else label


def _type_words(concept: str) -> str:
    spaced = "".join(" " + c.lower() if c.isupper() else c for c in concept).strip()
    return spaced[:1].upper() + spaced[1:]


def document_graph(result: DocumentResult, base_iri: str) -> Graph:
    """The RDF graph of one article's result."""
    return DocumentGraph(result, base_iri).build()
