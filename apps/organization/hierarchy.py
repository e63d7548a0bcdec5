"""Pure derivation of unit heads, leaders and raters over an in-memory snapshot.

Used twice with the same rules: by the importer on the merged (database + file) view keyed by
unit code and NIP, before anything is written, to find ambiguous heads and supervisor cycles;
and by ``services.refresh_derived_relations`` keyed by primary keys, to refresh the cached
``OrgUnit.leader`` and ``Employee.rater`` columns. No queries happen here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .models import HEAD_CLASS_RANK

# The keys are primary keys for services, unit codes, NIPs and (unit code, title) posts for the importer.
E = TypeVar("E", bound=Hashable)  # an employee
U = TypeVar("U", bound=Hashable)  # a unit
P = TypeVar("P", bound=Hashable)  # a post (position)
K = TypeVar("K", bound=Hashable)  # a node of find_cycles (a unit or an employee)


@dataclass
class Member(Generic[E, U, P]):
    """What the derivation needs to know about one employee."""

    key: E
    unit: U
    position: P
    position_class: str
    override: E | None = None       # explicit supervisor
    acting_position: P | None = None
    active: bool = True


@dataclass
class OrgSnapshot(Generic[E, U, P]):
    unit_parent: dict[U, U | None]
    unit_head: dict[U, P | None]            # unit -> head position
    members: dict[E, Member[E, U, P]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.holders: dict[P, list[E]] = defaultdict(list)
        self.acting: dict[P, E] = {}
        for m in self.members.values():
            if not m.active:
                continue
            self.holders[m.position].append(m.key)
            if m.acting_position is not None:
                self.acting[m.acting_position] = m.key

    def occupant(self, position: P | None) -> tuple[E | None, bool]:
        """Who fills a post: its acting official (Plt) if one is appointed, else its holder."""
        if position is None:
            return None, False
        if position in self.acting:
            return self.acting[position], True
        holders = self.holders.get(position) or []
        return (holders[0], False) if holders else (None, False)

    def leader(self, unit: U) -> tuple[E | None, bool]:
        return self.occupant(self.unit_head.get(unit))

    def derive_rater(self, key: E) -> tuple[E | None, bool]:
        """(rater, rater acts as Plt) for one employee."""
        m = self.members[key]
        if m.override is not None:
            override = self.members.get(m.override)
            return m.override, bool(override and override.acting_position is not None
                                    and self.acting.get(override.acting_position) == m.override)
        unit: U | None = m.unit
        seen: set[U] = set()
        while unit is not None and unit not in seen:
            seen.add(unit)
            head = self.unit_head.get(unit)
            # The head post's own holder or Plt is rated from the unit above.
            if head is not None and head not in (m.position, m.acting_position):
                occupant, acting = self.occupant(head)
                if occupant is not None and occupant != key:
                    return occupant, acting
            unit = self.unit_parent.get(unit)
        return None, False

    def raters(self) -> dict[E, tuple[E | None, bool]]:
        return {key: self.derive_rater(key) for key, m in self.members.items() if m.active}

    def leaders(self) -> dict[U, tuple[E | None, bool]]:
        return {unit: self.leader(unit) for unit in self.unit_parent}


def find_cycles(raters: dict[K, K | None]) -> list[list[K]]:
    """Every cycle in the rater relation, each listed once from its first member found."""
    state: dict[K, int] = {}  # 1 = on the current walk, 2 = done
    cycles: list[list[K]] = []
    for start in raters:
        walk: list[K] = []
        node: K | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = raters.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(walk[walk.index(node):])
        for visited in walk:
            state[visited] = 2
    return cycles


@dataclass
class HeadChoice(Generic[P]):
    head: P | None
    ambiguous: list[P] = field(default_factory=list)


def choose_head_position(members: Iterable[Member[E, U, P]]) -> HeadChoice[P]:
    """The unit's head post: the highest structural post whose holders report outside the unit.

    Posts whose holders have an explicit supervisor inside the same unit are not heads (e.g. a
    sekretaris camat next to the camat). Two or more remaining top posts are ambiguous.
    """
    members = [m for m in members if m.active]
    inside = {m.key for m in members}
    ranked: dict[P, int] = {}
    for m in members:
        rank = HEAD_CLASS_RANK.get(m.position_class)
        if rank is None or m.override in inside:
            continue
        ranked[m.position] = rank
    if not ranked:
        return HeadChoice(None)
    top = max(ranked.values())
    tops = sorted((p for p, r in ranked.items() if r == top), key=str)
    if len(tops) > 1:
        return HeadChoice(None, ambiguous=tops)
    return HeadChoice(tops[0])
