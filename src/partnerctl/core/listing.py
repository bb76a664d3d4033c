"""`list` and `show`: filtering partners, searching their text, and one partner's profile."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from partnerctl.core.due import DueItem
from partnerctl.core.facts import decision_maker, last_touch
from partnerctl.core.matching import same_industry
from partnerctl.core.placements import PlacementRow
from partnerctl.records import PartnerRec, TouchpointRec


@dataclass(frozen=True)
class PartnerFilter:
    """`list`'s filters; each given one must match (an empty filter keeps everyone)."""

    stages: tuple[str, ...] = ()
    pathways: tuple[str, ...] = ()
    owner: str | None = None
    tags: tuple[str, ...] = ()
    industry: str | None = None
    grep: str | None = None

    def keeps(self, partner: PartnerRec) -> bool:
        """Whether `partner` passes every filter given."""
        if self.stages and partner["stage"] not in self.stages:
            return False
        if self.pathways and not set(self.pathways) & set(partner["pathways"]):
            return False
        if self.owner is not None and partner["owner"] != self.owner:
            return False
        if self.tags:
            have = {tag.casefold() for tag in partner["tags"]}
            if not all(tag.casefold() in have for tag in self.tags):
                return False
        if self.industry is not None and not same_industry(self.industry, partner["industry"]):
            return False
        return self.grep is None or matches_text(partner, self.grep)


def searchable_texts(partner: PartnerRec) -> Iterator[str]:
    """Every piece of a partner's text that `list --grep` searches."""
    yield partner["id"]
    yield partner["name"]
    for contact in partner["contacts"]:
        for key in ("name", "role", "email", "phone"):
            value = contact[key]
            if value:
                yield value
    yield from partner["needs"]
    yield from partner["openings"]
    for text in (partner["notes"], partner["relationship"], partner["industry"]):
        if text:
            yield text
    for touch in partner["touchpoints"]:
        if touch["summary"]:
            yield touch["summary"]
        if touch["with"]:
            yield touch["with"]
    step = partner["next"]
    if step is not None and step["action"]:
        yield step["action"]


def matches_text(partner: PartnerRec, needle: str) -> bool:
    """Case-insensitive substring search over :func:`searchable_texts`."""
    wanted = needle.casefold()
    return any(wanted in text.casefold() for text in searchable_texts(partner))


def filter_partners(
    partners: Mapping[str, PartnerRec] | Iterable[PartnerRec], keep: PartnerFilter
) -> list[PartnerRec]:
    """The partners `keep` keeps, sorted by name then id."""
    records = partners.values() if isinstance(partners, Mapping) else partners
    found = [partner for partner in records if keep.keeps(partner)]
    return sorted(found, key=lambda p: (p["name"].casefold(), p["id"]))


@dataclass(frozen=True)
class ListRow:
    """One partner's line in `list`."""

    id: str
    name: str
    stage: str
    owner: str | None
    industry: str | None
    pathways: tuple[str, ...]
    tags: tuple[str, ...]
    last_touch: date | None
    next_date: date | None
    next_action: str | None

    def as_json(self) -> dict[str, object]:
        """The row for `list --format json`."""
        return {
            "id": self.id,
            "name": self.name,
            "stage": self.stage,
            "owner": self.owner,
            "industry": self.industry,
            "pathways": list(self.pathways),
            "tags": list(self.tags),
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
            "next": (
                {"date": self.next_date.isoformat(), "action": self.next_action}
                if self.next_date
                else None
            ),
        }


def list_row(partner: PartnerRec) -> ListRow:
    """The `list` row of a partner."""
    step = partner["next"]
    return ListRow(
        id=partner["id"],
        name=partner["name"],
        stage=partner["stage"],
        owner=partner["owner"],
        industry=partner["industry"],
        pathways=tuple(partner["pathways"]),
        tags=tuple(partner["tags"]),
        last_touch=last_touch(partner),
        next_date=step["date"] if step is not None else None,
        next_action=step["action"] if step is not None else None,
    )


@dataclass(frozen=True)
class Profile:
    """Everything `show ID` prints about one partner."""

    partner: PartnerRec
    history: tuple[TouchpointRec, ...]  # newest first
    decision_maker: str | None
    due: tuple[DueItem, ...] = field(default=())
    placements: tuple[PlacementRow, ...] = field(default=())  # the students it hosts, by code
    students: bool = True  # student codes shown (not with --no-students)


def profile(
    partner: PartnerRec,
    due: Iterable[DueItem],
    placements: Iterable[PlacementRow] = (),
    *,
    students: bool = True,
) -> Profile:
    """The profile of `partner`, with the due items that concern it (events naming it too)."""
    pid = partner["id"]
    mine = tuple(item for item in due if item.partner == pid or pid in item.partners)
    history = tuple(
        touch
        for _, touch in sorted(
            enumerate(partner["touchpoints"]),
            key=lambda pair: (pair[1]["date"], pair[0]),
            reverse=True,
        )
    )
    maker = decision_maker(partner)
    return Profile(
        partner, history, maker["name"] if maker else None, mine, tuple(placements), students
    )
