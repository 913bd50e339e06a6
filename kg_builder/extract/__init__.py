"""Extraction stage: from parsed text to attacks, entities and claims."""
