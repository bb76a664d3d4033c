"""`partnerctl sync`, `join` and `init --git` on real git: the everyday path, and every
failure case with its message, its exit code, and nothing lost."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from tests.conftest import run_cli
from tests.gitteam import Team, git, identify, make_team, needs_git

pytestmark = needs_git
RIVERSIDE = "partners/riverside-auto.yaml"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    return make_team(tmp_path, monkeypatch)


def head(clone: Path) -> str:
    return git(clone, "rev-parse", "HEAD").strip()


def dirty(clone: Path) -> str:
    return git(clone, "status", "--porcelain")


# --- the everyday path --------------------------------------------------------------


def test_two_people_log_the_same_partner_the_same_day_and_both_touches_arrive(team: Team) -> None:
    team.seed()
    team.join("mortiz")
    team("jlee", "log", "riverside-auto", "Called Rick", "--channel", "phone")
    team("mortiz", "log", "riverside-auto", "Emailed Dana the dates", "--channel", "email")
    first = team("jlee", "sync")
    assert first.stdout == "committed: log riverside-auto\nsent 1 commit to origin/main\n"
    second = team("mortiz", "sync")
    assert second.stdout == (
        "committed: log riverside-auto\n"
        "from jlee: log riverside-auto\n"
        "sent 2 commits to origin/main\n"
    )
    team("jlee", "sync")
    for owner in ("jlee", "mortiz"):
        text = (team.clones[owner] / RIVERSIDE).read_text(encoding="utf-8")
        assert text.count("summary: Called Rick") == text.count("Emailed Dana the dates") == 1
        assert "<<<<<<<" not in text and "conflicts" not in text
        assert team.run(team.clones[owner], "validate").exit_code == 0
    messages = git(team.clones["mortiz"], "log", "--format=%B%x00").split("\0")
    assert "log riverside-auto\n\nPartnerctl-By: mortiz" in [m.strip() for m in messages]


def test_the_commit_message_says_what_changed(team: Team) -> None:
    first = team.seed()
    team("jlee", "log", "riverside-auto", "Called Rick")
    team("jlee", "snooze", "kxrv", "2026-12-01")
    team("jlee", "contact", "valley-vet", "--name", "Pat Doe", "--role", "Office manager")
    team("jlee", "sync")
    subject = git(first, "log", "-1", "--format=%s").strip()
    assert subject == "snooze kxrv; log riverside-auto; contact valley-vet"


def test_sync_commits_only_the_workspaces_own_files(team: Team) -> None:
    first = team.seed()
    (first / "partners.csv").write_text("id,name\n", encoding="utf-8")
    (first / "drafts").mkdir()
    (first / "drafts" / "intro.txt").write_text("Dear Rick", encoding="utf-8")
    (first / "report.html").write_text("<p>", encoding="utf-8")
    team("jlee", "log", "kxrv", "Called Marcus")
    team("jlee", "sync")
    tracked = git(first, "ls-files").split()
    assert "partners/kxrv.yaml" in tracked and ".gitattributes" in tracked
    assert not {"partners.csv", "drafts/intro.txt", "report.html", ".partnerctl.lock"} & set(
        tracked
    )
    assert "?? partners.csv" in dirty(first)  # left alone, never lost


def test_sync_sets_up_the_driver_a_committed_gitattributes_alone_does_not(team: Team) -> None:
    first = team.seed()
    assert "merge=partnerctl" in (first / ".gitattributes").read_text(encoding="utf-8")
    clone = team.root / "plain"
    git(team.root, "clone", "--quiet", str(team.remote), str(clone))  # git alone, no join
    identify(clone, "mortiz")
    assert git(clone, "config", "--get", "merge.partnerctl.driver", check=False) == ""
    done = team.run(clone, "sync")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("set up: the merge driver in this clone's git config\n")
    assert "-m partnerctl merge-file %O %A %B %P" in git(clone, "config", "merge.partnerctl.driver")


def test_sync_json(team: Team) -> None:
    team.seed()
    team("jlee", "log", "kxrv", "Called Marcus")
    doc = json.loads(team("jlee", "sync", "--format", "json").stdout)
    assert doc["committed"] == "log kxrv" and doc["files"] == ["partners/kxrv.yaml"]
    assert (doc["pushed"], doc["conflicts"], doc["errors"]) == (1, [], [])


# --- failure cases: a clear message, exit 2, nothing lost ------------------------------


def test_a_workspace_outside_git_is_refused(team: Team, example_ws: Path) -> None:
    before = sorted(p.name for p in example_ws.iterdir())
    done = team.run(example_ws, "sync")
    assert (done.exit_code, done.stdout) == (2, "")
    assert "is not in a git repository, so there is nothing to sync with" in done.stderr
    assert sorted(p.name for p in example_ws.iterdir()) == before


def test_no_remote(team: Team) -> None:
    first = team.seed()
    git(first, "remote", "remove", "origin")
    team("jlee", "log", "kxrv", "Called Marcus")
    before = head(first)
    done = team.run(first, "sync")
    assert done.exit_code == 2
    assert done.stderr.startswith("error: this clone has no remote to sync with (")
    assert head(first) == before and " M partners/kxrv.yaml" in dirty(first)


def test_git_identity_unset(team: Team) -> None:
    team.seed()
    clone = team.root / "newcomer"
    assert run_cli(["join", str(team.remote), str(clone), "--me", "mortiz"]).exit_code == 0
    assert team.run(clone, "log", "kxrv", "Called Marcus").exit_code == 0
    before = head(clone)
    done = team.run(clone, "sync")
    assert done.exit_code == 2
    assert "git does not know who you are: user.name is not set, so it cannot commit" in done.stderr
    assert head(clone) == before and " M partners/kxrv.yaml" in dirty(clone)


def test_offline_keeps_the_commit_here_and_the_next_sync_sends_it(team: Team) -> None:
    first = team.seed()
    git(first, "remote", "set-url", "origin", str(team.root / "unplugged" / "shared.git"))
    team("jlee", "log", "kxrv", "Called Marcus")
    done = team.run(first, "sync")
    assert done.exit_code == 2
    assert "error: cannot reach origin (" in done.stderr
    assert "your changes are committed in this clone (log kxrv); nothing is lost" in done.stderr
    git(first, "remote", "set-url", "origin", str(team.remote))
    assert team("jlee", "sync").stdout == "sent 1 commit to origin/main\n"


def test_offline_over_http_fails_at_once_without_a_prompt(team: Team) -> None:
    first = team.seed()
    git(first, "remote", "set-url", "origin", "http://127.0.0.1:9/shared.git")
    done = team.run(first, "sync")
    assert done.exit_code == 2
    assert "error: cannot reach origin (http://127.0.0.1:9/shared.git)" in done.stderr


def test_a_hand_edit_with_a_yaml_error_is_not_shared(team: Team) -> None:
    first = team.seed()
    broken = (
        (first / RIVERSIDE)
        .read_text(encoding="utf-8")
        .replace("stage: contacted", "stage: [contacted")
    )
    (first / RIVERSIDE).write_text(broken, encoding="utf-8")
    before = head(first)
    done = team.run(first, "sync")
    assert done.exit_code == 2
    lines = done.stderr.splitlines()
    assert lines[0] == f"{RIVERSIDE}:6:6: error: YAML syntax: did not find expected ',' or ']'"
    assert lines[-1].startswith("error: nothing was synced: these files have errors")
    assert head(first) == before
    assert (first / RIVERSIDE).read_text(encoding="utf-8") == broken


def test_a_merge_in_progress_is_left_to_the_user(team: Team) -> None:
    first = team.seed()
    git_dir = first / ".git"
    (git_dir / "MERGE_HEAD").write_text(head(first) + "\n", encoding="utf-8")
    done = team.run(first, "sync")
    assert done.exit_code == 2
    assert "git is in the middle of a merge" in done.stderr
    assert "git merge --abort" in done.stderr


def test_deleted_on_one_side_and_edited_on_the_other_keeps_the_file_as_a_conflict(
    team: Team,
) -> None:
    team.seed()
    team.join("mortiz")
    git(team.clones["mortiz"], "rm", "--quiet", "partners/valley-vet.yaml")
    team("mortiz", "sync")
    team("jlee", "log", "valley-vet", "Dr. Shah agreed to a tour")
    done = team.run(team.clones["jlee"], "sync")
    assert done.exit_code == 1
    assert "kept partners/valley-vet.yaml: edited by jlee, deleted by mortiz\n" in done.stdout
    assert (
        "conflict: partners/valley-vet.yaml file: edited (jlee, in place) or deleted (mortiz)\n"
        "  → partnerctl resolve valley-vet file --keep edited\n"
        "  → partnerctl resolve valley-vet file --keep deleted\n"
    ) in done.stdout
    text = (team.clones["jlee"] / "partners/valley-vet.yaml").read_text(encoding="utf-8")
    assert "summary: Dr. Shah agreed to a tour" in text  # the edit is kept
    back = team.run(team.clones["mortiz"], "sync")
    assert back.exit_code == 1  # the file is back, with the conflict in it
    assert "conflict: partners/valley-vet.yaml file: edited (jlee, in place)" in back.stdout
    team("mortiz", "resolve", "valley-vet", "file", "--keep", "deleted")
    assert not (team.clones["mortiz"] / "partners/valley-vet.yaml").exists()
    team("mortiz", "sync")
    team("jlee", "sync")
    assert not (team.clones["jlee"] / "partners/valley-vet.yaml").exists()


def test_a_conflict_git_cannot_merge_puts_the_clone_back(team: Team) -> None:
    team.seed()
    team.join("mortiz")
    for owner, words in (("mortiz", "Dear partner"), ("jlee", "Hello friend")):
        templates = team.clones[owner] / "templates"
        templates.mkdir(exist_ok=True)
        (templates / "intro.txt").write_text(f"Subject: Hi\n\n{words}\n", encoding="utf-8")
    team("mortiz", "sync")
    jlee = team.clones["jlee"]
    done = team.run(jlee, "sync")
    assert done.exit_code == 2
    assert "git could not merge the team's changes: templates/intro.txt" in done.stderr
    assert "nothing is lost" in done.stderr
    assert (jlee / "templates/intro.txt").read_text(encoding="utf-8").endswith("Hello friend\n")
    assert git(jlee, "log", "-1", "--format=%s").strip() == "add templates/intro.txt"
    assert not (jlee / ".git" / "MERGE_HEAD").exists()


# --- join and init --git -----------------------------------------------------------------


def test_join_refuses_what_it_cannot_use(team: Team) -> None:
    team.seed()
    busy = team.root / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli(["join", str(team.remote), str(busy)])
    assert (done.exit_code, (busy / "notes.txt").read_text(encoding="utf-8")) == (2, "mine")
    assert "busy already exists and is not an empty folder" in done.stderr
    done = run_cli(["join", str(team.root / "nowhere.git"), str(team.root / "x")])
    assert done.exit_code == 2 and "cannot clone" in done.stderr
    assert not (team.root / "x").exists()
    done = run_cli(["join", "…"])
    assert done.exit_code == 2 and "URL: '…' is a placeholder" in done.stderr
    done = run_cli(["join", str(team.remote), str(team.root / "y"), "--me", "mortz"])
    assert done.exit_code == 2
    assert (
        "--me: 'mortz' is not one of partnerctl.yaml's owners (the clone is ready in" in done.stderr
    )
    assert "did you mean 'mortiz'?" in done.stderr


def test_join_a_repository_that_is_not_a_workspace(team: Team) -> None:
    other = team.root / "other"
    other.mkdir()
    git(other, "init", "--quiet")
    identify(other, "jlee")
    (other / "README.md").write_text("hi", encoding="utf-8")
    git(other, "add", ".")
    git(other, "commit", "--quiet", "-m", "hi")
    done = run_cli(["join", str(other), str(team.root / "z")])
    assert done.exit_code == 2
    assert "holds no partnerctl.yaml: it is not a partnerctl workspace" in done.stderr


def test_init_git_then_join_then_sync(team: Team) -> None:
    start = team.root / "riverside"
    made = run_cli(["init", str(start), "--git", "--today", "2026-11-24"])
    assert made.exit_code == 0, made.stderr
    assert "git: a new repository here\n" in made.stdout
    assert "not committed yet: git's user.name and user.email are not set" in made.stdout
    identify(start, "jlee")
    git(team.root, "init", "--quiet", "--bare", str(team.remote))
    git(start, "remote", "add", "origin", str(team.remote))
    first = team.run(start, "sync")
    assert first.exit_code == 0, first.stderr
    assert git(start, "log", "--format=%s").strip() == "start the partnerctl workspace"
    joined = run_cli(["join", str(team.remote), str(team.root / "second")])
    assert joined.exit_code == 0, joined.stderr
    assert joined.stdout.startswith(f"joined {team.remote} in {team.root / 'second'}: 1 partner\n")
    assert (team.root / "second" / "partners" / "example-auto.yaml").exists()


def test_the_readmes_sync_example_is_real(team: Team) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- sync-example:start -->\n```console\n")[1].split("```")[0]
    team.seed()
    team.join("mortiz")
    who, command, shown = "jlee", None, ""
    steps: list[tuple[str, str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                steps.append((who, command, shown))
            command, _, comment = line[2:].partition("#")
            who = comment.split()[0].rstrip(",") if comment.strip() else who
            shown = ""
        else:
            shown += line + "\n"
    assert command is not None
    steps.append((who, command, shown))
    shown_error = next(line for line in readme.splitlines() if line.startswith("partners/kxrv"))
    for owner, text, output in steps:
        args = shlex.split(text)[1:]
        done = team.run(team.clones[owner], *args)
        assert done.stdout == output, f"{owner}: {text}"
        if args[0] == "sync" and "conflict:" in output:  # the README's validate line, too
            checked = team.run(team.clones[owner], "validate")
            assert checked.stderr == shown_error + "\n"


def test_the_team_commands_refuse_a_format_they_do_not_have(team: Team, tmp_path: Path) -> None:
    first = team.seed()
    before = (head(first), dirty(first))
    for args, formats in (
        (["sync", "--format", "csv"], "table, plain, json"),
        (["resolve", "kxrv", "next.date", "--keep", "1", "--format", "md"], "table, plain, json"),
        (["join", str(team.remote), "--format", "json"], "table, plain"),
        (["merge-file", "a", "b", "c", "partners/x.yaml", "--format", "json"], "plain"),
    ):
        done = team.run(first, *args)
        assert (done.exit_code, done.stdout) == (2, ""), args
        assert (
            done.stderr.startswith("error: --format: ")
            and f"(choose one of {formats})" in done.stderr
        )
    assert (head(first), dirty(first)) == before


def test_under_pull_rebase_the_authors_of_a_conflict_come_from_the_commits(team: Team) -> None:
    team.seed()
    team.join("mortiz", rebase=True)
    team("jlee", "snooze", "kxrv", "2026-12-08")
    team("mortiz", "snooze", "kxrv", "2026-12-15")
    team("jlee", "sync")
    done = team.run(team.clones["mortiz"], "sync")
    assert done.exit_code == 1
    # rebasing, git hands the remote's file (jlee's) as "ours": it stays in place
    assert (
        "conflict: partners/kxrv.yaml next.date: 2026-12-08 (jlee, in place) or 2026-12-15 (mortiz)"
    ) in done.stdout
    assert git(team.clones["mortiz"], "log", "--merges", "--format=%H") == ""  # rebased
