"""Stable instance IRIs: the same input always gives the same IRIs.

* the article Report: ``{base}report/{doc id}``; its statements ``…/statement-N``;
* attacks: ``{base}report/{doc id}/attack-N``;
* an entity linked to Wikidata: ``{base}entity/{QID}`` — one node across all articles;
* a named entity not linked: ``{base}{kind}/{normalised name}`` — one node across articles;
* a description ("regime forces"): scoped to its article, ``{base}report/{doc id}/{kind}/…``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from kg_builder.knowledge.names import normalise_name
from kg_builder.model import Entity

_SLUG = re.compile(r"[^a-z0-9]+")


def segment(text: str) -> str:
    """A path segment safe in an IRI: ids keep their characters, percent-encoded."""
    return quote(text, safe="-._~")


def slug(text: str) -> str:
    """A readable key for a name: ``"Deir Ezzor province"`` → ``"deir-ezzor-province"``."""
    value = _SLUG.sub("-", text.lower()).strip("-")
    return value or segment(normalise_name(text)) or "unnamed"


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
        if entity.qid:
            return f"{self.base}entity/{entity.qid}"
        if entity.named:
            return f"{self.base}{kind}/{slug(entity.label)}"
        return f"{self.report}/{kind}/{slug(entity.label)}"

    def place_by_name(self, label: str, qid: str | None) -> str:
        """A country or first-level division named by the knowledge base."""
        if qid:
            return f"{self.base}entity/{qid}"
        return f"{self.base}place/{slug(label)}"

    def publisher(self, name: str) -> str:
        return f"{self.base}organisation/{slug(name)}"
