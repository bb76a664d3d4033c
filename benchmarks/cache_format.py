"""Which serialization should the record cache use? pickle 5 vs marshal, at N partners.

    python benchmarks/cache_format.py                    # 10,000 synthetic PartnerRec dicts
    python benchmarks/cache_format.py benchmarks/work/ws10000   # the records of a workspace

marshal has no date type, so its variant turns dates into (ordinal,) tuples on
the way in and walks every record on the way out; pickle keeps
`datetime.date` as is. Both are timed with the garbage collector on and
paused (the cache pauses it while loading). Best of 5, in ms.
"""

from __future__ import annotations

import gc
import marshal
import pickle
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def synthetic(count: int) -> dict[str, Any]:
    """`count` records shaped as model.PartnerRec, 0-30 touchpoints each (seeded)."""
    rnd = random.Random(1)

    def day() -> date:
        return date(2025, 1, 1) + timedelta(days=rnd.randrange(700))

    records: dict[str, Any] = {}
    for i in range(count):
        records[f"partners/p{i}.yaml"] = {
            "id": f"p{i}", "file": f"partners/p{i}.yaml", "name": f"Business {i}",
            "industry": "automotive", "pathways": ["automotive"], "stage": "active",
            "owner": "jlee", "since": day(), "distance_miles": 2.5,
            "relationship": "Owner's daughter graduated 2022", "early_adopter": False,
            "tags": ["chamber"], "busy_seasons": [{"from": "11-15", "to": "01-10", "why": "sales"}],
            "best_time": "Tue-Thu", "channel": "email",
            "contacts": [
                {"name": f"Dana {i}", "role": "Manager", "email": f"d{i}@example.com",
                 "phone": "555-0142", "decision_maker": True}
            ],
            "needs": ["Saturday shop coverage"], "openings": [],
            "research": {"business": "Family-owned", "trends": "EV service"},
            "offers": [{"kind": "tour", "pathway": None, "seats": 4, "notes": None}],
            "agreements": [{"kind": "mou", "expires": day(), "notes": None}],
            "touchpoints": [
                {"date": day(), "channel": "email", "with": f"Dana {i}",
                 "summary": f"Call {n} about shadow dates", "outcome": "replied",
                 "stage": None, "students": None}
                for n in range(rnd.randrange(31))
            ],
            "next": {"date": day(), "action": "Call about spring dates"},
            "spotlights": [{"date": day(), "where": "social", "title": "Tour",
                            "status": "published"}],
            "notes": None,
        }  # fmt: skip
    return records


def from_workspace(root: Path) -> dict[str, Any]:
    import os

    os.environ["PARTNERCTL_NO_CACHE"] = "1"
    from partnerctl.workspace import load_workspace

    loaded = load_workspace(root)
    return {rec["file"]: rec for rec in loaded.partners.values()}


def to_marshal(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {k: to_marshal(v) for k, v in value.items()}
    if kind is list:
        return [to_marshal(v) for v in value]
    if kind is date:
        return (value.toordinal(),)
    return value


def from_marshal(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {k: from_marshal(v) for k, v in value.items()}
    if kind is list:
        return [from_marshal(v) for v in value]
    if kind is tuple:
        return date.fromordinal(value[0])
    return value


def best(action: Callable[[], Any], *, collect: bool = True) -> float:
    times = []
    for _ in range(5):
        was = gc.isenabled()
        if not collect:
            gc.disable()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        if was:
            gc.enable()
    return min(times) * 1000


def main() -> None:
    records = from_workspace(Path(sys.argv[1])) if len(sys.argv) > 1 else synthetic(10_000)
    packed = pickle.dumps(records, protocol=5)
    marshalled = marshal.dumps(to_marshal(records))
    rows = [
        ("pickle 5 dump", best(lambda: pickle.dumps(records, protocol=5))),
        ("pickle 5 load", best(lambda: pickle.loads(packed))),
        ("pickle 5 load, gc paused", best(lambda: pickle.loads(packed), collect=False)),
        ("marshal dump (dates converted)", best(lambda: marshal.dumps(to_marshal(records)))),
        ("marshal load (dates restored)", best(lambda: from_marshal(marshal.loads(marshalled)))),
        (
            "marshal load (dates restored), gc paused",
            best(lambda: from_marshal(marshal.loads(marshalled)), collect=False),
        ),
    ]
    touchpoints = sum(len(r["touchpoints"]) for r in records.values())
    print(f"{len(records)} partner records, {touchpoints} touchpoints")
    print(f"pickle 5: {len(packed) / 2**20:.1f} MiB; marshal: {len(marshalled) / 2**20:.1f} MiB")
    for name, ms in rows:
        print(f"{name:<44} {ms:7.0f} ms")


if __name__ == "__main__":
    main()
