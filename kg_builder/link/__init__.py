"""Linking: fill the Wikidata fields of extracted entities from the knowledge base."""

from kg_builder.link.match import link_document

__all__ = ["link_document"]
