"""Stable instance IRIs: the same input always gives the same IRIs.

* the article Report: ``{base}report/{doc id}``; its statements ``…/statement-N``;
* attacks: ``{base}report/{doc id}/attack-N``;
* an entity linked to Wikidata: ``{base}entity/{QID}`` — one node across all articles;
* a country named as an actor, the state: ``{base}state/{QID}`` — an organisation, not
  the country's place node (that one stays a ``ckg:Place`` in every article);
* a named entity not linked: ``{base}{kind}/{its label}`` — one node across articles;
* a description ("regime forces"): scoped to its article, ``{base}report/{doc id}/{kind}/…``.

An unlinked entity's IRI spells its label exactly (percent-encoded), so a node never
collects two labels however many articles name it ("MARCH" and "March" are two nodes).
"""

from __future__ import annotations

from urllib.parse import quote

from kg_builder.model import Entity


def segment(text: str) -> str:
    """A path segment safe in an IRI: ids keep their characters, percent-encoded."""
    return quote(text, safe="-._~")


class Minter:
    """Mints the IRIs of one document under a base IRI."""

    def __init__(self, base: str, doc_id: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.report = f"{self.base}report/{segment(doc_id)}"

    def statement(self, key: str) -> str:
        return f"{self.report}/{segment(key)}"

    def attack(self, key: str) -> str:
        return f"{self.report}/{segment(key)}"

    def entity(self, entity: Entity) -> str:
        kind = entity.kind.value.lower()
        if entity.qid and entity.acting_state:
            return f"{self.base}state/{entity.qid}"
        if entity.qid:
            return f"{self.base}entity/{entity.qid}"
        if entity.named:
            return f"{self.base}{kind}/{segment(entity.label)}"
        return f"{self.report}/{kind}/{segment(entity.label)}"

    def place_by_name(self, label: str, qid: str | None) -> str:
        """A country or first-level division named by the knowledge base."""
        if qid:
            return f"{self.base}entity/{qid}"
        return f"{self.base}place/{segment(label)}"
