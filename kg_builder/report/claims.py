"""Conflicting casualty claims: the same event told with different death tolls.

Two cases are found:

* one attack node that carries two or more ``ckg:fatalities`` figures (two reports merged
  into one node, or two builds loaded into one store);
* attacks in the same place — the same first-level division, or the same place where it has
  none — on the same day or on overlapping date spans, told by different sources with
  different figures. They may be one event counted twice ("60 killed", said the monitor;
  "20 killed", said the perpetrator's outlet), so they are shown side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg_builder.report.data import AttackRecord


@dataclass
class Claim:
    attack: int  # index into the attack list
    source: str
    figure: int
    date: str | None  # when the source said it


@dataclass
class ClaimGroup:
    place: str
    start: str | None
    end: str | None
    claims: list[Claim] = field(default_factory=list)

    @property
    def figures(self) -> list[int]:
        return sorted({c.figure for c in self.claims})

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims})


def _claims_of(index: int, attack: AttackRecord) -> list[Claim]:
    figures = attack.fatalities or (
        [attack.fatalities_min] if attack.fatalities_min is not None else []
    )
    out = []
    reports = attack.reports or []
    for figure in figures:
        seen: set[str] = set()
        for report in reports:
            if report.source in seen:
                continue
            seen.add(report.source)
            out.append(Claim(index, report.source, figure, report.date))
        if not reports:
            out.append(Claim(index, "", figure, None))
    return out


def _interval(attack: AttackRecord) -> tuple[str, str] | None:
    if attack.date:
        return attack.date, attack.date
    if attack.start_date:
        return attack.start_date, attack.end_date or attack.start_date
    return None


def conflicting_claims(attacks: list[AttackRecord], max_claims: int = 40) -> list[ClaimGroup]:
    """Groups of claims about (possibly) one event with at least two figures and sources.

    A group of nearby attacks is cut at ``max_claims`` claims (the largest figures kept) so
    that a crowded province does not make one unreadable row.
    """
    groups: list[ClaimGroup] = []
    in_group: set[int] = set()
    by_region: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for index, attack in enumerate(attacks):
        if len(attack.fatalities) > 1:
            place = attack.place.label if attack.place else ""
            span = _interval(attack)
            group = ClaimGroup(place, span[0] if span else None, span[1] if span else None)
            group.claims = _claims_of(index, attack)
            groups.append(group)
            in_group.add(index)
            continue
        span = _interval(attack)
        if attack.place is None or span is None or attack.best_fatalities is None:
            continue
        region = attack.place.admin1_iri or attack.place.iri
        by_region[region].append((span[0], span[1], index))
    for items in by_region.values():
        items.sort()
        cluster: list[int] = []
        cluster_start, cluster_end = "", ""
        for start, end, index in [*items, ("\uffff", "\uffff", -1)]:
            if cluster and start <= cluster_end:
                cluster.append(index)
                cluster_end = max(cluster_end, end)
                continue
            if len(cluster) > 1:
                found = _group_of(attacks, cluster, cluster_start, cluster_end, max_claims)
                if found is not None:
                    groups.append(found)
            cluster, cluster_start, cluster_end = [index], start, end
    groups.sort(key=lambda g: (g.start or "", g.place))
    return groups


def _group_of(
    attacks: list[AttackRecord], cluster: list[int], start: str, end: str, max_claims: int
) -> ClaimGroup | None:
    claims = [claim for index in cluster for claim in _claims_of(index, attacks[index])]
    if len({c.figure for c in claims}) < 2 or len({c.source for c in claims}) < 2:
        return None
    claims.sort(key=lambda c: (-c.figure, c.source))
    first = attacks[cluster[0]].place
    place = ""
    if first is not None:
        place = first.admin1 or first.label
    return ClaimGroup(place, start, end, claims[:max_claims])
