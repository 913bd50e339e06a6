"""The model's attribute rules, decided once per kind of token instead of by a Matcher.

en_core_web_sm's ``attribute_ruler`` maps each token's fine-grained tag (with its word or
dependency, for some exceptions) to its coarse part of speech, morphology and a few
lemmas, with 179 Matcher patterns. A Matcher tries every pattern at every token and calls
a Python predicate for every set or regex test, so on news text the ruler costs about a
sixth of the model's whole time, more than the parser.

Nearly all of its patterns look at one token, and whether they match depends only on the
few attributes they test (tag, lower-case form, dependency, whether it is a space). So
``ckg_attribute_rules`` decides those patterns once for each combination of values and
remembers the answer. The few patterns that span tokens ("there is", "gon na") still run
through a Matcher. Each token then gets the rules' attributes in the ruler's own order, so a
later rule wins as before, with spaCy's own ``set_token_attrs``: every token ends with the
same attributes as from the ruler (``tests/nlp/test_attributes.py`` compares both on real
articles). A ruler whose single-token patterns test anything else (an operator such as
``OP``, an extension attribute, another kind of test) is left in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: the token attributes a single-token pattern may test, as the Matcher reads them
TESTED_ATTRIBUTES = {
    "ORTH": "orth_",
    "TEXT": "text",
    "LOWER": "lower_",
    "NORM": "norm_",
    "TAG": "tag_",
    "POS": "pos_",
    "DEP": "dep_",
    "LEMMA": "lemma_",
    "IS_SPACE": "is_space",
    "IS_PUNCT": "is_punct",
    "IS_DIGIT": "is_digit",
}
#: combinations remembered before the memory starts afresh (a million articles bring new
#: words for ever; a few hundred thousand combinations are a few tens of megabytes)
MEMO_LIMIT = 300_000

#: attributes with an open set of values (words): a value no pattern names or matches
#: behaves in every test like any other such value
OPEN_ATTRIBUTES = frozenset({"orth_", "text", "lower_", "norm_", "lemma_"})
#: the attributes whose required value picks a pattern's candidates best, the most telling first
ANCHOR_ORDER = ("orth_", "text", "lower_", "norm_", "lemma_", "tag_", "pos_", "dep_")

ValueTest = Callable[[Any], bool]


def _required_value(spec: object) -> bool:
    return isinstance(spec, str | bool | int)


def _value_test(spec: object) -> ValueTest | None:
    """A test of one attribute's value as the Matcher makes it, or None if not supported."""
    if _required_value(spec):
        return lambda value: bool(value == spec)
    if isinstance(spec, dict) and len(spec) == 1:
        ((operator, argument),) = spec.items()
        if operator == "IN" and isinstance(argument, list):
            members = frozenset(argument)
            return lambda value: value in members
        if operator == "NOT_IN" and isinstance(argument, list):
            outsiders = frozenset(argument)
            return lambda value: value not in outsiders
        if operator == "REGEX" and isinstance(argument, str):
            pattern = re.compile(argument)
            return lambda value: isinstance(value, str) and pattern.search(value) is not None
    return None


TokenTests = list[tuple[str, ValueTest]]


class MemoisedAttributeRules:
    """The rules of an ``AttributeRuler``, applied with the same result and order."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.rule_attrs = ruler.attrs
        #: (rule, the token the rule sets, the tests of each token) for every pattern
        self.patterns: list[tuple[int, int, list[TokenTests]]] = []
        #: the patterns whose first token requires (attribute, value), each under one such
        #: pair (its most telling), and those whose first token requires no one value
        self.anchored: dict[tuple[str, object], list[int]] = {}
        self.unanchored: list[int] = []
        self.supported = True
        tested: set[str] = set()
        #: the values of open attributes that some first token's test names or matches
        self.named_values: dict[str, set[object]] = {}
        self.value_patterns: dict[str, list[re.Pattern[str]]] = {}
        for rule, index in enumerate(ruler.indices):
            # the ruler keeps rule i's patterns under the key "i" (AttributeRuler.add)
            patterns: list[list[dict[str, Any]]] = ruler.matcher.get(str(rule))[1]
            for pattern in patterns:
                sequence: list[TokenTests] = []
                required: dict[str, object] = {}
                for position, token_pattern in enumerate(pattern):
                    tests: TokenTests = []
                    for key, spec in token_pattern.items():
                        attribute = TESTED_ATTRIBUTES.get(key.upper())
                        test = _value_test(spec)
                        if attribute is None or test is None:  # an operator, "_", …
                            self.supported = False
                            continue
                        tests.append((attribute, test))
                        if position == 0:
                            tested.add(attribute)
                            if _required_value(spec):
                                required[attribute] = spec
                            self._note_values(attribute, spec)
                    sequence.append(tests)
                if not -len(sequence) <= index < len(sequence):
                    self.supported = False  # the ruler itself fails on such a match
                    continue
                number = len(self.patterns)
                self.patterns.append((rule, index % len(sequence), sequence))
                telling = [a for a in ANCHOR_ORDER if a in required] + list(required)
                anchor = telling[0] if telling else None
                if anchor is None:
                    self.unanchored.append(number)
                else:
                    self.anchored.setdefault((anchor, required[anchor]), []).append(number)
        self.tested = tuple(sorted(tested))
        self.values_of = attrgetter(*self.tested) if self.tested else (lambda _token: ())
        #: tested values -> (rules of the one-token patterns that match, numbers of the
        #: longer patterns whose first token matches)
        self.memo: dict[object, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        #: the same, by values in which an open attribute's untested value is None
        self.memo_by_telling: dict[tuple[object, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _note_values(self, attribute: str, spec: object) -> None:
        if attribute not in OPEN_ATTRIBUTES:
            return
        if _required_value(spec):
            self.named_values.setdefault(attribute, set()).add(spec)
        elif isinstance(spec, dict) and "REGEX" in spec:
            self.value_patterns.setdefault(attribute, []).append(re.compile(spec["REGEX"]))
        elif isinstance(spec, dict):
            self.named_values.setdefault(attribute, set()).update(*spec.values())

    def _telling(self, attribute: str, value: object) -> object:
        """The value itself where a test names or matches it, else None (which every test
        treats as it treats the value: not equal, not in, not matched)."""
        if attribute not in OPEN_ATTRIBUTES or value in self.named_values.get(attribute, ()):
            return value
        patterns = self.value_patterns.get(attribute, ())
        return value if any(p.search(str(value)) for p in patterns) else None

    def first_token_matches(self, values: object) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """What the memo keeps for a token with these tested values."""
        values = values if len(self.tested) > 1 else (values,)
        telling = tuple(map(self._telling, self.tested, values))  # type: ignore[call-overload]
        found = self.memo_by_telling.get(telling)
        if found is None:
            if len(self.memo_by_telling) >= MEMO_LIMIT:
                self.memo_by_telling.clear()
            found = self.memo_by_telling[telling] = self._decide(telling)
        return found

    def _decide(self, values: tuple[object, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        named = dict(zip(self.tested, values, strict=True))
        candidates = set(self.unanchored)
        for attribute, value in named.items():
            candidates.update(self.anchored.get((attribute, value), ()))
        rules: set[int] = set()
        openings: list[int] = []
        for number in sorted(candidates):
            rule, _, sequence = self.patterns[number]
            if all(test(named[attribute]) for attribute, test in sequence[0]):
                if len(sequence) == 1:
                    rules.add(rule)
                else:
                    openings.append(number)
        return tuple(sorted(rules)), tuple(openings)

    def _rest_matches(self, doc: Doc, start: int, sequence: list[TokenTests]) -> bool:
        if start + len(sequence) > len(doc):
            return False
        return all(
            test(getattr(doc[start + offset], attribute))
            for offset in range(1, len(sequence))
            for attribute, test in sequence[offset]
        )

    def __call__(self, doc: Doc) -> Doc:
        # every match is found before any attribute is set, as the ruler does
        memo, values_of = self.memo, self.values_of
        token_rules: list[tuple[int, ...]] = []
        spanning: dict[int, set[int]] = {}
        for token in doc:
            values = values_of(token)
            found = memo.get(values)
            if found is None:
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                found = memo[values] = self.first_token_matches(values)
            rules, openings = found
            token_rules.append(rules)
            for number in openings:
                rule, index, sequence = self.patterns[number]
                if self._rest_matches(doc, token.i, sequence):
                    spanning.setdefault(token.i + index, set()).add(rule)
        rule_attrs = self.rule_attrs
        for token, rules in zip(doc, token_rules, strict=True):
            if token.i in spanning:
                rules = tuple(sorted(spanning[token.i].union(rules)))
            for rule in rules:
                set_token_attrs(token, rule_attrs[rule])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("ckg_attribute_rules", default_config={"ruler": "attribute_ruler"})
def make_attribute_rules(nlp: Language, name: str, ruler: str) -> MemoisedAttributeRules:
    """The memoised rules of the pipeline's component ``ruler`` (which must be in it)."""
    component = nlp.get_pipe(ruler)
    if not isinstance(component, AttributeRuler):
        raise ValueError(f"{ruler!r} is not an attribute_ruler")
    return MemoisedAttributeRules(component)


def memoise_attribute_rules(nlp: Language, ruler: str = "attribute_ruler") -> bool:
    """Put ``ckg_attribute_rules`` in the place of the pipeline's ``ruler`` when every
    pattern of it is one the memo decides the same way; says whether it did."""
    if ruler not in nlp.pipe_names or not isinstance(nlp.get_pipe(ruler), AttributeRuler):
        return False
    if not MemoisedAttributeRules(nlp.get_pipe(ruler)).supported:  # type: ignore[arg-type]
        return False
    nlp.add_pipe("ckg_attribute_rules", after=ruler, config={"ruler": ruler})
    nlp.remove_pipe(ruler)
    return True
