"""The shipped knowledge base: place and actor names, Wikidata QIDs, coordinates.

Used by the NLP stage (is this capitalised span a known place or group name?) and by the
linker. See :mod:`kg_builder.knowledge.kb` and :mod:`kg_builder.knowledge.names`.
"""

from kg_builder.knowledge.kb import KBActor, KBPlace, KnowledgeBase, load_default_kb
from kg_builder.knowledge.names import loose_key, normalise_name, strip_designator

__all__ = [
    "KBActor",
    "KBPlace",
    "KnowledgeBase",
    "load_default_kb",
    "loose_key",
    "normalise_name",
    "strip_designator",
]
