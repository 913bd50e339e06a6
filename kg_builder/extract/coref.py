"""Resolve pronouns and nominal anaphors to entities of the article.

Deliberately simple and explainable: a pronoun or a definite description ("the group",
"the Britain-based war monitor") refers to the most recent entity of a compatible kind,
preferring the entities the text has just been talking about (recent sources, recent
perpetrators) over any entity.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kg_builder.extract.entities import EntityTable, non_state_group
from kg_builder.extract.lexicon import anaphors
from kg_builder.model import Entity, EntityKind

PRONOUNS_SINGULAR = frozenset({"it", "its"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _kind_ok(entity: Entity, kind: str) -> bool:
    if kind == "armed":
        return entity.kind == EntityKind.ARMED_GROUP
    if kind == "insurgent":
        return non_state_group(entity)
    if kind == "org":
        return entity.kind in (EntityKind.ORGANISATION, EntityKind.ARMED_GROUP)
    return entity.kind != EntityKind.PLACE


def _keywords_ok(entity: Entity, keywords: Sequence[str]) -> bool:
    if not keywords:
        return True
    text = " ".join([*entity.surface_forms(), entity.actor_type or ""]).lower()
    return any(k in text for k in keywords)


def is_definite(token: Token) -> bool:
    """ "the attack", "its assault", "the group's attack" — a noun already introduced."""
    return any(
        c.dep_ in {"det", "poss"} and (c.lower_ in DEFINITE or c.pos_ == "PRON" or c.dep_ == "poss")
        for c in token.children
    )


def resolve(
    token: Token,
    table: EntityTable,
    preferred: Sequence[str] = (),
    kind: str | None = None,
) -> Entity | None:
    """The entity a pronoun or definite description stands for, if any.

    ``preferred`` are entity keys the discourse has just been about (recent sources or
    perpetrators), tried first. "It said …" after "…, said the Syrian Observatory …"
    resolves to the Observatory.
    """
    lower = token.lower_
    if token.pos_ == "PRON" or lower in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
        if lower not in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
            return None
        want = kind or "any"
        keywords: tuple[str, ...] = ()
    else:
        entry = anaphors().get(lower)
        if entry is None:
            return None
        want, keywords, bare = entry
        if not is_definite(token):
            return _dominant_insurgent(table) if bare and _bare_plural(token) else None
    candidates = [table.entities[k] for k in preferred if k in table.entities]
    candidates += table.before(token.i)
    for entity in candidates:
        if (
            _kind_ok(entity, want)
            and _keywords_ok(entity, keywords)
            and not _told_as_plural(entity, token, table)
        ):
            return entity
    return None


def _told_as_plural(entity: Entity, token: Token, table: EntityTable) -> bool:
    """The entity was last named before ``token`` by a plural common noun (asked only for a
    singular pronoun: the scan of the entity's tokens is no work for any other)."""
    if token.lower_ not in PRONOUNS_SINGULAR:
        return False
    last = max(
        (i for i, key in table.by_token.items() if key == entity.key and i < token.i),
        default=None,
    )
    return last is not None and number_clash(token, token.doc[last])


def number_clash(pronoun: Token, named: Token) -> bool:
    """A singular pronoun does not stand for a group named by a plural common noun: in "A
    roadside bomb killed four Iraqi soldiers … when it struck their patrol", "it" is the
    bomb. A name ("the Rapid Support Forces … it") is singular whatever its last word."""
    return pronoun.lower_ in PRONOUNS_SINGULAR and named.tag_ == "NNS"


def _bare_plural(token: Token) -> bool:
    """ "guerrillas attacked …": a plural with no article or quantifier of its own."""
    return token.tag_ == "NNS" and not any(
        c.dep_ in {"det", "nummod", "poss", "amod"} for c in token.children
    )


def _dominant_insurgent(table: EntityTable) -> Entity | None:
    """The non-state armed group the article names most, if one leads."""
    counts: dict[str, int] = {}
    for _, key in sorted(table.order):
        entity = table.entities[key]
        if entity.named and non_state_group(entity):
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    leaders = [k for k, n in counts.items() if n == best]
    # two groups named as often ("jihadist groups linked to al-Qaeda and the Islamic State
    # group"): the plural could be either's fighters
    return table.entities[leaders[0]] if len(leaders) == 1 else None
