"""The whole pipeline on real articles: stable IRIs, output formats, per-document
validation, bounded memory on a long stream, and bad inputs that never stop a batch."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from graphhelp import select_rows
from rdflib import OWL, RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD

from kg_builder.config import DEFAULT_BASE_IRI, Settings
from kg_builder.graph.build import document_graph
from kg_builder.model import Article, DocumentResult, Entity, EntityKind
from kg_builder.pipeline import Builder, BuildSummary, build
from kg_builder.validate import validate_graph

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: the ``build_into`` fixture of conftest.py
BuildInto = Callable[..., BuildSummary]

DATASET_FORMATS = {".trig": "trig", ".nq": "nquads"}
GRAPH_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}

#: three short wire reports, as a JSON Lines feed would give them
JSONL_ARTICLES = [
    {
        "id": "wire-2021-0412",
        "title": "Gunmen kill nine soldiers in northern Burkina Faso",
        "published": "2021-04-12",
        "publisher": "Example Wire",
        "url": "https://example.org/news/wire-2021-0412",
        "text": "Gunmen killed nine soldiers in an ambush near Djibo in northern Burkina "
        "Faso on Sunday, the army said. Five other soldiers were wounded in the attack.",
    },
    {
        "id": "wire-2020-0917",
        "title": "Suicide bomber kills 14 at Kabul mosque",
        "published": "2020-09-17",
        "text": "A suicide bomber killed at least 14 worshippers at a mosque in Kabul on "
        "Thursday, Afghan officials said.",
    },
    {
        "id": "wire-2022-0203",
        "title": "Shelling kills four civilians in Idlib",
        "published": "2022-02-03",
        "publisher": "Example Wire",
        "text": "Regime shelling killed four civilians in the village of Kansafra in Idlib "
        "province on Wednesday, the Syrian Observatory for Human Rights said.",
    },
]


def load(path: Path) -> Graph:
    """Every triple of an output file, as one graph (the union of its named graphs)."""
    suffix = path.suffix
    if suffix in DATASET_FORMATS:
        dataset = Dataset()
        dataset.parse(path, format=DATASET_FORMATS[suffix])
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(path, format=GRAPH_FORMATS[suffix])


def named_graphs(path: Path, fmt: str) -> dict[URIRef, Graph]:
    """The non-empty named graphs of a TriG or N-Quads file, by name."""
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    return {
        g.identifier: g
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef)
        and len(g)
        and g.identifier != dataset.default_graph.identifier
    }


def report_ids(graph: Graph) -> dict[str, URIRef]:
    """dcterms:identifier -> article Report IRI."""
    rows = select_rows(
        graph,
        """SELECT ?report ?id WHERE {
               ?report a ckg:Report ; dcterms:identifier ?id .
           }""",
        {"ckg": CKG, "dcterms": DCTERMS},
    )
    return {str(row[1]): URIRef(row[0]) for row in rows}


def subject_iris(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef)}


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- stable IRIs -----------------------------------------------------------------------


def test_same_inputs_give_the_same_graph_and_iris(
    build_into: BuildInto, fixture_articles: list[Path], tmp_path: Path
) -> None:
    first = build_into(fixture_articles, tmp_path / "first.ttl")
    again = build_into(fixture_articles, tmp_path / "again.ttl")
    reordered = build_into(list(reversed(fixture_articles)), tmp_path / "reordered.ttl")
    assert first.ok and again.ok and reordered.ok
    assert first.built == again.built == reordered.built == len(fixture_articles)

    graphs = [load(tmp_path / name) for name in ("first.ttl", "again.ttl", "reordered.ttl")]
    assert len(graphs[0]) > 100
    assert isomorphic(graphs[0], graphs[1])
    assert isomorphic(graphs[0], graphs[2])
    iris = subject_iris(graphs[0])
    assert iris == subject_iris(graphs[1]) == subject_iris(graphs[2])
    # instance IRIs are minted under the base IRI
    minted = {iri for iri in iris if not str(iri).startswith(str(CKG))}
    assert minted and all(str(iri).startswith(DEFAULT_BASE_IRI) for iri in minted)
    # one article Report per input, named after the file
    assert set(report_ids(graphs[0])) == {p.stem for p in fixture_articles}


def test_two_worker_processes_write_the_same_graph(
    build_into: BuildInto, settings: Settings, fixture_articles: list[Path], tmp_path: Path
) -> None:
    """``--workers 2``: the same graph, the same summary, as one process."""
    records = short_reports(40)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    inputs = [*fixture_articles, corpus]
    single = build_into(inputs, tmp_path / "one.trig")
    double = build(inputs, tmp_path / "two.trig", settings, workers=2)
    assert single.ok and double.ok
    assert (double.built, double.attacks, double.statements) == (
        single.built,
        single.attacks,
        single.statements,
    )
    assert double.entities == single.entities
    one, two = Dataset(), Dataset()
    one.parse(tmp_path / "one.trig", format="trig")
    two.parse(tmp_path / "two.trig", format="trig")
    assert {g.identifier for g in one.graphs()} == {g.identifier for g in two.graphs()}
    assert isomorphic(load(tmp_path / "one.trig"), load(tmp_path / "two.trig"))


# --- output formats --------------------------------------------------------------------


def test_every_output_format_holds_the_same_triples(
    build_into: BuildInto, fixture_articles: list[Path], tmp_path: Path
) -> None:
    outputs = {}
    for suffix in (".ttl", ".trig", ".nt", ".nq", ".jsonld"):
        summary = build_into(fixture_articles, tmp_path / f"graph{suffix}")
        assert summary.ok, summary.failed + summary.rejected
        outputs[suffix] = load(tmp_path / f"graph{suffix}")
    turtle = outputs[".ttl"]
    assert len(turtle) > 100
    for suffix, graph in outputs.items():
        assert isomorphic(graph, turtle), suffix

    reports = set(report_ids(turtle).values())
    assert len(reports) == len(fixture_articles)
    for suffix, fmt in DATASET_FORMATS.items():
        graphs = named_graphs(tmp_path / f"graph{suffix}", fmt)
        assert set(graphs) == reports, suffix
        for name, graph in graphs.items():
            # each named graph is its article's: it holds that Report and its attacks
            assert (name, RDF.type, CKG.Report) in graph
            for attack in graph.subjects(RDF.type, CKG.Attack):
                assert str(attack).startswith(str(name) + "/")


# --- per-document validation -----------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seed article and a JSON Lines file of three short articles, in one folder."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    seed = next(seeds_dir.glob("*.txt"))
    (folder / seed.name).write_bytes(seed.read_bytes())
    write_jsonl(folder / "wire.jsonl", JSONL_ARTICLES)
    return folder


SEED_ID = "asharq-al-awsat-2019-04-20-isis-attacks-syria"


def test_folder_of_text_and_jsonl_builds_and_conforms(
    build_into: BuildInto, mixed_folder: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "graph.ttl"
    summary = build_into([mixed_folder], output)
    assert summary.ok
    assert summary.articles_read == 4
    assert summary.built == 4
    assert summary.failed == [] and summary.rejected == []
    assert summary.rejected_output is None
    assert summary.attacks >= 4
    assert summary.output == output

    graph = load(output)
    assert set(report_ids(graph)) == {SEED_ID, *(a["id"] for a in JSONL_ARTICLES)}
    attacks = set(graph.subjects(RDF.type, CKG.Attack))
    assert len(attacks) == summary.attacks
    outcome = validate_graph(graph)
    assert outcome.violations == 0, outcome.messages
    assert outcome.conforms
    # JSON Lines metadata reaches the graph
    report = report_ids(graph)["wire-2021-0412"]
    assert graph.value(report, DCTERMS.issued) == Literal("2021-04-12", datatype=XSD.date)
    assert graph.value(report, DCTERMS.title) == Literal(JSONL_ARTICLES[0]["title"])


class PoisoningBuilder(Builder):
    """Our Builder, but one article's graph is given a negative death toll before the
    batch is validated (so the violation must be traced to that one document)."""

    poisoned = SEED_ID

    def prepare(self, article: Article, result: DocumentResult) -> tuple[DocumentResult, Graph]:
        result, graph = super().prepare(article, result)
        if article.id == self.poisoned:
            attack = next(graph.subjects(RDF.type, CKG.Attack))
            graph.add((attack, CKG.fatalities, Literal("-3", datatype=XSD.integer)))
        return result, graph


def test_document_that_breaks_a_shape_is_set_aside_with_its_report(
    build_into: BuildInto,
    builder: Builder,
    mixed_folder: Path,
    tmp_path: Path,
) -> None:
    poisoning = PoisoningBuilder(builder.settings, kb=builder.kb)
    output = tmp_path / "graph.ttl"
    summary = build_into([mixed_folder], output, poisoning)

    assert not summary.ok  # the CLI exits with 1
    assert summary.failed == []
    assert summary.articles_read == 4
    assert summary.built == 3
    assert len(summary.rejected) == 1
    assert f"{SEED_ID}.txt" in summary.rejected[0]
    assert "violation" in summary.rejected[0].lower()

    # absent from the output, which still conforms
    graph = load(output)
    assert SEED_ID not in report_ids(graph)
    assert set(report_ids(graph)) == {a["id"] for a in JSONL_ARTICLES}
    assert not list(graph.triples((None, CKG.fatalities, Literal("-3", datatype=XSD.integer))))
    assert validate_graph(graph).conforms

    # set aside in <out>.rejected.trig: its graph, and its SHACL report as a named graph
    rejected = tmp_path / "graph.ttl.rejected.trig"
    assert summary.rejected_output == rejected
    graphs = named_graphs(rejected, "trig")
    report_iri = URIRef(f"{DEFAULT_BASE_IRI}report/{SEED_ID}")
    assert set(graphs) == {report_iri, URIRef(f"{report_iri}#shacl-report")}
    data = graphs[report_iri]
    assert (report_iri, DCTERMS.identifier, Literal(SEED_ID)) in data
    poisoned = list(data.subjects(CKG.fatalities, Literal("-3", datatype=XSD.integer)))
    assert len(poisoned) == 1
    shacl = graphs[URIRef(f"{report_iri}#shacl-report")]
    validation_report = shacl.value(predicate=RDF.type, object=SH.ValidationReport)
    assert validation_report is not None
    assert shacl.value(validation_report, SH.conforms).toPython() is False  # type: ignore[union-attr]
    focus = {
        shacl.value(r, SH.focusNode)
        for r in shacl.objects(validation_report, SH.result)
        if shacl.value(r, SH.resultSeverity) == SH.Violation
    }
    assert focus == {poisoned[0]}

    # a clean rebuild into the same output removes the stale rejects file
    clean = build_into([mixed_folder], output)
    assert clean.ok and clean.built == 4
    assert not rejected.exists()


# --- memory on a long stream -----------------------------------------------------------

PLACES = ["Kandahar", "Mogadishu", "Aden", "Maiduguri", "Tripoli", "Homs", "Idlib", "Kabul"]
ACTORS = [
    "Taliban insurgents",
    "Al-Shabaab militants",
    "Houthi rebels",
    "Boko Haram fighters",
    "Gunmen",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TARGETS = ["a police checkpoint", "an army post", "a market", "a military convoy"]


def short_reports(n: int, start: int = 0) -> list[dict[str, str]]:
    """``n`` one- or two-sentence attack reports, varied by a template."""
    records = []
    for i in range(start, start + n):
        text = (
            f"{ACTORS[i // 3 % len(ACTORS)]} attacked {TARGETS[i % len(TARGETS)]} in "
            f"{PLACES[i % len(PLACES)]} on {DAYS[i % len(DAYS)]}, killing {i % 17 + 2} "
            "people, officials said."
        )
        if i % 2:
            text += f" Another {i % 5 + 1} people were wounded."
        records.append({"id": f"short-{i}", "text": text, "published": f"2020-05-{i % 28 + 1:02d}"})
    return records


def _rss() -> int:
    """Resident memory of this process, in bytes."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_memory_stays_flat_over_a_long_stream(build_into: BuildInto, tmp_path: Path) -> None:
    """Peak memory growth over 3,000 articles is about that over the first 300.

    tracemalloc slows this build about eightfold (pySHACL and rdflib allocate a lot), so
    the process's resident memory is sampled after every document instead: it counts the
    C allocations of spaCy and SQLite too, and Python's allocator seldom gives memory
    back, so it tracks the high-water mark.
    """
    warm = write_jsonl(tmp_path / "warm.jsonl", short_reports(100, start=100_000))
    build_into([warm], tmp_path / "warm.ttl")  # fill the caches the stream will use
    gc.collect()
    stream = write_jsonl(tmp_path / "stream.jsonl", short_reports(3000))
    baseline = _rss()
    samples: list[int] = []
    summary = build_into(
        [stream], tmp_path / "stream.ttl", on_document=lambda: samples.append(_rss())
    )
    assert summary.ok
    assert summary.built == 3000
    assert summary.attacks >= 3000
    assert len(samples) == 3000
    growth_300 = max(samples[:300]) - baseline
    growth_3000 = max(samples) - baseline
    mb = 1_000_000
    assert growth_3000 < 1.5 * growth_300 + 16 * mb, (growth_300 / mb, growth_3000 / mb)


def test_a_build_tunes_the_collector_only_while_it_runs(
    build_into: BuildInto, tmp_path: Path
) -> None:
    """The loaded model is frozen out of the collector's view and collections are rarer
    during the build; afterwards the process's collector is as it was."""
    before = gc.get_threshold()
    seen: list[tuple[tuple[int, int, int], int]] = []
    stream = write_jsonl(tmp_path / "stream.jsonl", short_reports(3))
    build_into(
        [stream],
        tmp_path / "out.ttl",
        on_document=lambda: seen.append((gc.get_threshold(), gc.get_freeze_count())),
    )
    assert all(threshold[0] > before[0] and frozen > 0 for threshold, frozen in seen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


# --- bad inputs ------------------------------------------------------------------------


def test_bad_inputs_are_listed_and_the_good_ones_built(
    build_into: BuildInto, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (folder / "latin1.txt").write_bytes("Une bombe a tué 5 personnes à Gao.".encode("latin-1"))
    (folder / "no-text.html").write_text(
        "<html><head><title>Live</title><script>var x = 1;</script></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    (folder / "good-txt.txt").write_text(
        "Title: Car bomb kills seven in Mogadishu\nPublished: 2021-03-05\n\n"
        "A car bomb killed seven people at a checkpoint in Mogadishu on Friday, "
        "police said.\n",
        encoding="utf-8",
    )
    good = {"id": "good-jsonl", "text": JSONL_ARTICLES[0]["text"], "published": "2021-04-12"}
    (folder / "feed.jsonl").write_text(
        json.dumps(good)
        + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"text": "Gunmen killed two guards in Aden on Monday."})
        + "\n"
        + json.dumps({"id": "good-jsonl", "text": "Rebels shelled Taiz on Monday."})
        + "\n",
        encoding="utf-8",
    )
    missing = tmp_path / "no-such-article.txt"

    output = tmp_path / "graph.ttl"
    summary = build_into([folder, missing], output)

    assert not summary.ok
    assert summary.rejected == []
    assert summary.built == 2
    assert set(report_ids(load(output))) == {"good-txt", "good-jsonl"}

    expected = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "latin1.txt": "UTF-8",
        "no-text.html": "no article text",
        "feed.jsonl:2": "JSON",
        "feed.jsonl:3": "id",
        "feed.jsonl:4": "duplicate",
        "no-such-article.txt": "no such file",
    }
    assert len(summary.failed) == len(expected), summary.failed
    for line in summary.failed:
        assert "\n" not in line
    for where, reason in expected.items():
        lines = [line for line in summary.failed if f"{where}:" in line]
        assert len(lines) == 1, (where, summary.failed)
        assert reason.lower() in lines[0].lower(), lines[0]


# --- one Wikidata item, two readings ----------------------------------------------------


def test_a_country_acting_is_its_state_and_named_as_a_place_stays_a_place(
    builder: Builder,
) -> None:
    # "The US said" is the state acting, "the United States" a place: both are Wikidata's
    # country item, but the state is an organisation of its own node, so that the country
    # stays only a place in this and every other article that names it
    text = (
        "The US said on Monday that its aircraft bombed an Islamic State camp in Syria. "
        "The strike killed 12 militants, officials in the United States said."
    )
    (outcome,) = builder.process([Article(id="us-strike", text=text)])
    assert not isinstance(outcome, tuple)
    assert outcome.violations == 0, outcome.messages
    country = builder.kb.country("US")
    assert country is not None and country.qid is not None
    place = URIRef(f"{DEFAULT_BASE_IRI}entity/{country.qid}")
    state = URIRef(f"{DEFAULT_BASE_IRI}state/{country.qid}")
    graph = outcome.graph
    assert set(graph.objects(place, RDF.type)) == {CKG.Place}
    assert set(graph.objects(state, RDF.type)) == {CKG.Organisation}
    assert list(graph.objects(state, CKG.stateOf)) == [place]
    for node in (place, state):
        assert list(graph.objects(node, RDFS.label)) == [Literal(country.name, lang="en")]
        assert list(graph.objects(node, OWL.sameAs)) == [WD[country.qid]]
    assert Literal("US", lang="en") in set(graph.objects(state, SKOS.altLabel))
    # the statement is the state's; the article mentions both
    assert (None, CKG.source, state) in graph
    report = URIRef(f"{DEFAULT_BASE_IRI}report/us-strike")
    assert {state, place} <= set(graph.objects(report, CKG.mentions))


def test_two_entities_of_one_item_give_a_node_with_one_label() -> None:
    # however the linker named them, a node the article reaches twice keeps one name
    state = Entity("o", EntityKind.ORGANISATION, "Washington", qid="Q30")
    country = Entity("p", EntityKind.PLACE, "United States", alt_labels=["U.S."], qid="Q30")
    result = DocumentResult(Article(id="two-readings", text="..."), entities=[state, country])
    graph = document_graph(result, DEFAULT_BASE_IRI)
    node = URIRef(f"{DEFAULT_BASE_IRI}entity/Q30")
    assert list(graph.objects(node, RDFS.label)) == [Literal("Washington", lang="en")]
    alternatives = {str(x) for x in graph.objects(node, SKOS.altLabel)}
    assert alternatives == {"United States", "U.S."}
    assert validate_graph(graph).conforms
