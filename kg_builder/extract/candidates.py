"""What the learned argument models (``perpetrators.py``, ``places.py``) read alike: where an
entity's mentions lie in the article and which syntactic role each plays."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg_builder.extract.entities import EntityTable

#: how far into an article a wire dateline may run
DATELINE_TOKENS = 30
#: dependency roles worth telling apart; the rest are "other"
ROLES = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "conj", "appos", "attr"}
)


def sentence_position(sentence: int, sentences: int) -> str:
    """Where in the article a sentence lies: the lead, its first quarter, or later (relative,
    so that a wire brief and a long feature are read alike)."""
    if sentence == 0:
        return "lead"
    return "early" if sentence < max(sentences / 4, 2) else "late"


def story_start(doc: Doc) -> int:
    """The first token after a wire dateline that names its source in brackets and ends in
    a dash ("BOGOTA, 6 DEC 89 (EFE) -- …"); 0 without one."""
    bracket = False
    for token in doc[:DATELINE_TOKENS]:
        if token.text == "(":
            bracket = True
        elif bracket and token.text in {"--", "—", "–"}:
            return token.i + 1
    return 0


def mention_spans(doc: Doc, table: EntityTable) -> dict[str, list[Span]]:
    """Each entity's mentions as token spans, in reading order."""
    spans: dict[str, list[Span]] = {}
    for start, key in sorted(table.order):
        end = start + 1
        while end < len(doc) and table.by_token.get(end) == key:
            end += 1
        spans.setdefault(key, []).append(doc[start:end])
    return spans


def sentence_index(sentences: list[Span]) -> dict[int, int]:
    """Token index → the number of its sentence."""
    return {i: n for n, sent in enumerate(sentences) for i in range(sent.start, sent.end)}


def phrase_role(span: Span) -> str:
    """The role of the phrase a mention heads or modifies: "by Houthi rebels" is the
    phrase's ``pobj:by``, not the modifier's ``compound``; "in Deir Ezzor province" is
    ``pobj:in``."""
    root = span.root
    while root.dep_ in {"compound", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    role = root.dep_ if root.dep_ in ROLES else "other"
    if role == "pobj":
        role = f"pobj:{root.head.lower_}"
    return role


def dateline_end(doc: Doc) -> int:
    """The first token after a wire dateline's place and date ("SAN SALVADOR, 18 FEB 90
    (DPA) -- …" ends before the bracket or dash); 0 where the article has no dateline."""
    head = doc[: 2 * DATELINE_TOKENS].text[:120]  # not ``doc.text``: it joins every token
    cut = min((head.find(m) for m in ("--", "—", "(") if head.find(m) > 0), default=-1)
    if cut <= 0 or "," not in head[:cut]:
        return 0
    for token in doc:
        if token.idx >= cut:
            return token.i
    return 0
