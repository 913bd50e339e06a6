"""Triple stores: the embedded store (pyoxigraph, on disk), remote SPARQL servers, named queries.

Graph layout (the same in every store):

* each article is its own named graph, named by its Report IRI
  (``{base}report/{doc id}``): the Report, its statements, its attacks and the descriptions
  scoped to it (every subject at or under the Report IRI path);
* what the article says about *shared* entities (Wikidata-linked ``{base}entity/Q…``, named
  ``{base}{kind}/{label}``, country and first-level division places, their geometries) goes
  to the entities graph ``{base}graph/entities``, which is only ever added to (set
  semantics), so replacing an article never removes what another article also says;
* the ontology goes to ``https://w3id.org/conflict-kg/ontology``.

Every triple lives in exactly one graph, so queries over the union of the graphs count
nothing twice. Reloading an article replaces its graph; loading the same input twice
leaves a store unchanged.
"""
