"""`log` racing `import` and `plan --apply`: every write of every process is kept.

Each test starts its processes together (see tests/processes.py) on a
workspace whose files carry comments, then reads the files back: every
touchpoint logged, every imported field, every planned `next`, every comment,
and a clean `validate`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml
from tests.conftest import run_cli
from tests.processes import comments, run_together

TODAY = "2026-11-24"
LOGGERS = 8

SETTINGS = """\
# Test program for racing writers
program: Race High CTE
timezone: America/Chicago
pathways:
  - {id: automotive, name: Automotive Technology, skills: [engine diagnostics]}
"""

PARTNER = """\
# {pid}: met at the autumn career fair
name: {name}                  # as on their sign
industry: automotive
pathways: [automotive]
stage: prospect               # see Stages
distance_miles: {distance}
tags: [fair]
notes: first notes
touchpoints:                  # appended by partnerctl log
  - date: 2026-09-01
    channel: email
    summary: Met at the fair
    # outcome: replied
# end of {pid}
"""


def make_workspace(tmp_path: Path, ids: list[str]) -> Path:
    ws = tmp_path / "ws"
    (ws / "partners").mkdir(parents=True)
    (ws / "partnerctl.yaml").write_text(SETTINGS, encoding="utf-8")
    for index, pid in enumerate(ids):
        text = PARTNER.format(pid=pid, name=f"Shop {pid.upper()}", distance=index + 1)
        (ws / "partners" / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return ws


def partner_files(ws: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ws / "partners").iterdir())}


def data(text: str) -> dict[str, object]:
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def summaries(doc: dict[str, object]) -> list[str]:
    touches = doc.get("touchpoints") or []
    assert isinstance(touches, list)
    return [str(t["summary"]) for t in touches]


def assert_valid(ws: Path) -> None:
    result = run_cli(["-C", str(ws), "--today", TODAY, "validate"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert list((ws / "partners").glob(".*.tmp")) == []


def test_log_racing_import_keeps_every_touchpoint_and_every_imported_field(
    tmp_path: Path,
) -> None:
    ids = [f"shop-{i}" for i in range(LOGGERS)]
    ws = make_workspace(tmp_path, [*ids, "hub"])
    before = partner_files(ws)
    new_ids = [f"new-{i}" for i in range(4)]
    rows = ["id,name,stage,tags,notes"]
    rows += [f"{pid},Shop {pid.upper()},contacted,fair;imported,imported for {pid}" for pid in ids]
    rows += ["hub,Shop HUB,meeting,hub;imported,imported for hub"]
    rows += [f"{pid},New {pid},prospect,new,created by import" for pid in new_ids]
    sheet = tmp_path / "partners.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # Half the loggers also set a follow-up: import's rows say nothing of `next`.
    logs = [
        ["log", pid, "hub", f"touch {i}", "--channel", "phone"]
        + (["--next", "+1w", "--action", f"call back {i}"] if i % 2 else [])
        for i, pid in enumerate(ids)
    ]
    outcomes = run_together(ws, [["import", str(sheet)], *logs], today=TODAY)

    assert [(o.args[0], o.code, o.stderr) for o in outcomes] == [
        (o.args[0], 0, "") for o in outcomes
    ]
    assert outcomes[0].stdout.endswith(f"{len(new_ids)} new, {len(ids) + 1} updated, 0 unchanged\n")
    after = partner_files(ws)
    assert sorted(after) == sorted([*ids, "hub", *new_ids])
    for i, pid in enumerate(ids):
        doc = data(after[pid])
        assert summaries(doc) == ["Met at the fair", f"touch {i}"]
        assert (doc["stage"], doc["tags"], doc["notes"]) == (
            "contacted",
            ["fair", "imported"],
            f"imported for {pid}",
        )
        assert doc.get("next") == (
            {"date": date(2026, 12, 1), "action": f"call back {i}"} if i % 2 else None
        )
        assert comments(after[pid]) == comments(before[pid])
    hub = data(after["hub"])
    assert sorted(summaries(hub)) == sorted(
        ["Met at the fair", *(f"touch {i}" for i in range(LOGGERS))]
    )
    assert (hub["stage"], hub["tags"], hub["notes"]) == (
        "meeting",
        ["hub", "imported"],
        "imported for hub",
    )
    assert comments(after["hub"]) == comments(before["hub"])
    for pid in new_ids:
        assert data(after[pid]) == {
            "name": f"New {pid}",
            "stage": "prospect",
            "tags": ["new"],
            "notes": "created by import",
        }
    assert_valid(ws)


def test_log_racing_plan_apply_keeps_touchpoints_and_the_right_next(tmp_path: Path) -> None:
    ids = [f"shop-{i}" for i in range(LOGGERS)]
    ws = make_workspace(tmp_path, ids)
    before = partner_files(ws)
    # Odd loggers set their own `next`; even ones log without --next, which keeps any `next`
    # dated after today (DESIGN's log rule), so the plan's `next` must survive them.
    logs = [
        ["log", pid, f"touch {i}"] + (["--next", "+3d", "--action", f"own {i}"] if i % 2 else [])
        for i, pid in enumerate(ids)
    ]
    plan = ["plan", "--apply", "--format", "json", "--weeks", "8", "--per-week", "20"]
    outcomes = run_together(ws, [plan, *logs], today=TODAY)

    assert [o.code for o in outcomes] == [0] * len(outcomes), [o.stderr for o in outcomes]
    assert [o.stderr for o in outcomes[1:]] == [""] * LOGGERS
    proposed = {item["partner"]: item for item in json.loads(outcomes[0].stdout)["items"]}
    # The plan saw each even partner with no `next`, before or after its touch: all are planned.
    evens = [pid for i, pid in enumerate(ids) if i % 2 == 0]
    assert set(evens) <= set(proposed)
    written = {
        line.split()[1] for line in outcomes[0].stderr.splitlines() if line.startswith("wrote")
    }
    skipped = {
        line.split()[1] for line in outcomes[0].stderr.splitlines() if line.startswith("skipped")
    }
    assert written | skipped == {f"partners/{pid}.yaml:" for pid in proposed}
    after = partner_files(ws)
    for i, pid in enumerate(ids):
        doc = data(after[pid])
        assert summaries(doc) == ["Met at the fair", f"touch {i}"]
        if i % 2:
            # log's own `next` wins: plan skips a partner that has one, log replaces plan's.
            assert doc["next"] == {"date": date(2026, 11, 27), "action": f"own {i}"}
        else:
            item = proposed[pid]
            assert doc["next"] == {
                "date": date.fromisoformat(item["date"]),
                "action": item["action"],
            }
            assert f"partners/{pid}.yaml:" in written
        assert comments(after[pid]) == comments(before[pid])
    assert_valid(ws)
