"""Fuzz every reading command with mutated workspace files.

    python benchmarks/fuzz.py [--cases N] [--seed S] [--case I] [--save DIR] [--base DIR]

Each case copies a valid workspace (tests/data/due-basic/, small so a case is
quick; `--base examples` for the bigger example workspace), mutates one or two
of its files (random bytes, cut lines, swapped types, huge numbers and dates,
deep nesting, odd Unicode, duplicate keys, broken indentation, tabs, ...) and
runs every reading command in-process with `--today 2026-11-24`, each in a
format picked at random from the ones the command has. A case fails when a
command

- raises (a traceback; partnerctl would exit 3), or exits other than 0, 1, 2;
- prints an `error:` line on stderr that names no FILE:LINE (only the
  workspace-level errors in FILELESS_OK may stand without a file);
- prints a raw control, escape or bidi character in table, plain or md
  output, or on stderr; or prints JSON that does not parse.

In a share of the cases (CACHE_SHARE) the record cache is damaged too: the
case's workspace fills a cache, then before each command the cache file gets
fresh random damage (flipped bits, random bytes, a cut, a copied span, zeroed
bytes, or none) and the command runs with the cache on. Its exit code, stdout
and stderr must equal those of the same command without the cache.

Every case is reproducible from (seed, index): a failure prints both, the
files the case changed, and the command; `--case I --save DIR` writes that
case's workspace to DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.conftest

from fuzz_mutations import mutate_workspace
from tests.conftest import CLI_ENV, build_commands_once

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"
# Commands that do not write (plan without --apply), in the brief's order.
READING = (
    "validate",
    "due",
    "list",
    "show",
    "calendar",
    "prospects",
    "plan",
    "pitch",
    "spotlight",
    "report",
    "export",
    "placement",
    "advisory",
    "schema",
)
# Commands that read no workspace file: run once, not per case.
FILE_FREE = ("schema",)
# The tests' environment, but a bug escapes as an exception, with its traceback.
ENV: dict[str, str | None] = {**CLI_ENV, "PARTNERCTL_DEBUG": "1"}
CACHE_SHARE = 0.3  # cases whose commands also run on a damaged record cache
# `error:` lines that may name no file: they are about the workspace or the
# command line, not about a place in a file.
FILELESS_OK = (
    re.compile(r"^error: partner '[^']*' could not be read: .+ has errors"),
    re.compile(r"^error: no partner '"),
    # About a whole file, not a place in it: its name, its size.
    re.compile(r"^partners/[^:]+: error: '[^']*' is not a valid partner id"),
    re.compile(r"^[^:]+: error: the file is too big"),
)
LOCATED = re.compile(r"^[^\s:][^:]*:\d+(?::\d+)?: (?:error|warning): ")
# What must never reach a terminal raw: C0/C1 controls but tab and newline,
# DEL, bidi overrides and isolates.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TERMINAL_FORMATS = ("table", "plain", "md")


@dataclass(frozen=True)
class Command:
    """A reading command: its name, whether it takes a partner id, its formats."""

    name: str
    takes_id: bool
    formats: tuple[str, ...]


@dataclass
class Outcome:
    """What one command did in one case."""

    argv: list[str]
    exit_code: int
    stdout: str
    stderr: str
    error: str | None  # a traceback when it raised


@dataclass
class Failure:
    """One broken promise, with everything needed to reproduce it."""

    seed: int
    index: int
    argv: list[str]
    problem: str
    changed: dict[str, bytes] = field(default_factory=dict)
    detail: str = ""

    def report(self) -> str:
        """A reproducer: how to rerun the case, the command, the files it changed."""
        lines = [
            f"FAIL seed={self.seed} case={self.index}: {self.problem}",
            f"  rerun: python benchmarks/fuzz.py --seed {self.seed} --case {self.index} --save DIR",
            f"  then:  partnerctl -C DIR {shlex.join(self.argv)}",
        ]
        for name, data in self.changed.items():
            lines.append(f"  --- {name} ({len(data)} bytes) ---")
            lines.append("  " + repr(data[:600]) + (" ..." if len(data) > 600 else ""))
        if self.detail:
            detail = self.detail.rstrip()
            if len(detail) > 4000:
                detail = detail[:1000] + "\n...\n" + detail[-2500:]
            lines.append("  " + detail.replace("\n", "\n  "))
        return "\n".join(lines)


def base_workspace() -> Path:
    """The workspace every case starts from unless --base says otherwise."""
    return ROOT / "tests" / "data" / "due-basic"


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every YAML file under `folder`, by path relative to it (with `/`)."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def _format_choices(runner: Any, app: Any, argv: list[str]) -> tuple[str, ...]:
    """A command's formats, read from the hint of the usage error a bad --format gets."""
    result = runner.invoke(app, [*argv, "--format", "no-such-format"], env=ENV)
    found = re.search(r"choose one of ([a-z, ]+)", result.stderr)
    if found is None:
        return ("",)  # the command has no --format: run it with none
    return tuple(name.strip() for name in found.group(1).split(","))


def reading_commands(runner: Any, app: Any, workspace: Path, some_id: str) -> list[Command]:
    """The reading commands registered now (others are being written), with their formats."""
    import typer.main

    group: Any = typer.main.get_command(app)
    commands: list[Command] = []
    for name in READING:
        command = group.commands.get(name)
        if command is None:
            continue  # not registered yet: skip, do not fail
        takes_id = any(
            getattr(p, "param_type_name", "") == "argument" and p.name == "partner_id"
            for p in command.params
        )
        argv = ["-C", str(workspace), "--today", TODAY, name]
        if takes_id:
            argv.append(some_id)
        commands.append(Command(name, takes_id, _format_choices(runner, app, argv)))
    return commands


def run_one(
    runner: Any, app: Any, argv: list[str], env: dict[str, str | None] | None = None
) -> Outcome:
    """Run partnerctl ARGV in-process and capture what it did."""
    result = runner.invoke(app, argv, env=env or ENV, prog_name="partnerctl")
    error = None
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(*result.exc_info))
        code = 3  # what a user would see: PARTNERCTL_DEBUG is set here only to get the traceback
    return Outcome(argv, code, result.stdout, result.stderr, error)


def check(outcome: Outcome, fmt: str) -> Iterator[tuple[str, str]]:
    """Every broken promise in one command's outcome, as (problem, detail)."""
    if outcome.error is not None:
        yield "raised (exit 3 for a user)", outcome.error
        return
    if outcome.exit_code not in (0, 1, 2):
        yield f"exit code {outcome.exit_code}", outcome.stderr
    if "Traceback" in outcome.stderr or "internal error" in outcome.stderr:
        yield "traceback or internal error on stderr", outcome.stderr
    for line in outcome.stderr.splitlines():
        located = LOCATED.match(line) or any(p.match(line) for p in FILELESS_OK)
        if "error:" in line and not located:
            yield "error line names no FILE:LINE", line
    if RAW_UNSAFE.search(outcome.stderr):
        yield "raw control character on stderr", repr(outcome.stderr[:500])
    if fmt in TERMINAL_FORMATS or fmt == "":
        hit = RAW_UNSAFE.search(outcome.stdout)
        if hit is not None:
            around = outcome.stdout[max(0, hit.start() - 60) : hit.end() + 60]
            yield f"raw control character U+{ord(hit.group()):04X} in {fmt} output", repr(around)
    if fmt == "json" and outcome.stdout.strip():
        try:
            json.loads(outcome.stdout)
        except ValueError as err:
            yield "invalid JSON output", f"{err}: {outcome.stdout[:300]!r}"


@contextmanager
def scratch(base: dict[str, bytes]) -> Iterator[Path]:
    """A temporary workspace holding the base files."""
    with tempfile.TemporaryDirectory(prefix="partnerctl-fuzz-") as tmp:
        root = Path(tmp) / "ws"
        write_tree(root, base)
        yield root


def damage(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """The cache file's bytes with one kind of random damage (or none), and its name."""
    if not data:
        return data, "empty"
    body = bytearray(data)
    kind = rng.choice(["bits", "bytes", "cut", "copy", "zeros", "none"])
    if kind == "bits":
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(body))
            body[at] ^= 1 << rng.randrange(8)
    elif kind == "bytes":
        for _ in range(rng.randint(1, 8)):
            body[rng.randrange(len(body))] = rng.randrange(256)
    elif kind == "cut":
        del body[rng.randrange(len(body)) :]
    elif kind == "copy":
        start = rng.randrange(len(body))
        span = bytes(body[start : start + rng.randint(1, 64)])
        at = rng.randrange(len(body))
        body[at : at + len(span)] = span
    elif kind == "zeros":
        at = rng.randrange(len(body))
        body[at : at + rng.randint(1, 32)] = bytes(rng.randint(1, 32))
    return bytes(body), kind


@contextmanager
def trusted_cache() -> Iterator[None]:
    """Runs start 10 s later than now, so the just-written files' entries are trusted."""
    from partnerctl.workspace import cache as cache_mod

    real = cache_mod.now_ns
    cache_mod.now_ns = lambda: time.time_ns() + 10 * cache_mod.TRUST_NS
    try:
        yield
    finally:
        cache_mod.now_ns = real


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write `files` under `root`, creating folders."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


class Fuzzer:
    """Runs cases against one scratch workspace, restoring it between cases."""

    def __init__(self, root: Path, base: dict[str, bytes], seed: int) -> None:
        from typer.testing import CliRunner

        import partnerctl.cli.main  # noqa: F401  (registers every command)

        build_commands_once()
        from partnerctl.cli.app import app

        self.root = root
        self.base = base
        self.seed = seed
        self.app = app
        self.runner = CliRunner()
        self.partner_ids = sorted(Path(name).stem for name in base if name.startswith("partners/"))
        self.commands = reading_commands(self.runner, app, root, self.partner_ids[0])
        self.exit_codes: Counter[tuple[str, int]] = Counter()
        self.runs = 0
        self.cache_dir = Path(tempfile.mkdtemp(prefix="partnerctl-fuzz-cache-"))
        self.cache_runs = 0  # commands run on a damaged cache and compared
        self.cache_damage: Counter[str] = Counter()

    def case_files(self, index: int) -> tuple[dict[str, bytes], list[str]]:
        """The files case `index` changes (bytes) and what was done to them."""
        rng = random.Random(f"{self.seed}:{index}")
        return mutate_workspace(rng, self.base)

    def run_case(
        self, index: int, on_outcome: Callable[[Outcome], None] | None = None
    ) -> list[Failure]:
        """Run every reading command on case `index`; its failures."""
        changed, _notes = self.case_files(index)
        write_tree(self.root, changed)
        rng = random.Random(f"{self.seed}:{index}:commands")
        target = next(
            (Path(n).stem for n in changed if n.startswith("partners/")),
            self.partner_ids[0],
        )
        failures: list[Failure] = []
        plain: list[tuple[list[str], Outcome]] = []
        try:
            for command in self.commands:
                if command.name in FILE_FREE:
                    continue
                fmt = rng.choice(command.formats)
                argv = ["-C", str(self.root), "--today", TODAY, command.name]
                if command.takes_id:
                    argv.append(target)
                if fmt:
                    argv += ["--format", fmt]
                outcome = run_one(self.runner, self.app, argv)
                self.runs += 1
                self.exit_codes[(command.name, outcome.exit_code)] += 1
                if on_outcome is not None:
                    on_outcome(outcome)
                argv_shown = [a if a != str(self.root) else "DIR" for a in argv[2:]]
                plain.append((argv, outcome))
                for problem, detail in check(outcome, fmt):
                    failures.append(Failure(self.seed, index, argv_shown, problem, changed, detail))
            cache_rng = random.Random(f"{self.seed}:{index}:cache")
            if cache_rng.random() < CACHE_SHARE:
                failures += self.run_on_damaged_cache(index, plain, changed, cache_rng)
        finally:
            write_tree(self.root, {name: self.base[name] for name in changed if name in self.base})
            for name in changed:
                if name not in self.base:
                    (self.root / name).unlink(missing_ok=True)
        return failures

    def run_on_damaged_cache(
        self,
        index: int,
        plain: list[tuple[list[str], Outcome]],
        changed: dict[str, bytes],
        rng: random.Random,
    ) -> list[Failure]:
        """Each command again on a freshly damaged cache: the same as without the cache."""
        from partnerctl.workspace.cache import cache_file

        env: dict[str, str | None] = {
            **ENV,
            "PARTNERCTL_NO_CACHE": None,
            "PARTNERCTL_CACHE_DIR": str(self.cache_dir),
        }
        path = self.cache_dir / cache_file(self.root).name  # the runner sets the folder
        path.unlink(missing_ok=True)
        failures: list[Failure] = []
        with trusted_cache():
            filled = run_one(self.runner, self.app, ["-C", str(self.root), "list"], env)
            full = path.read_bytes() if path.exists() else b""
            for argv, expected in plain:
                damaged, kind = damage(full, rng)
                self.cache_damage[kind] += 1
                if full:
                    path.write_bytes(damaged)
                outcome = run_one(self.runner, self.app, argv, env)
                self.cache_runs += 1
                if filled.error is not None or outcome.error is not None:
                    detail = outcome.error or filled.error or ""
                    problem = f"raised on a cache damaged ({kind})"
                elif (outcome.exit_code, outcome.stdout, outcome.stderr) != (
                    expected.exit_code,
                    expected.stdout,
                    expected.stderr,
                ):
                    detail = f"with cache: {outcome.stdout[:300]!r} {outcome.stderr[:300]!r}"
                    problem = f"differs from the run without the cache (damage: {kind})"
                else:
                    continue
                argv_shown = [a if a != str(self.root) else "DIR" for a in argv[2:]]
                failures.append(Failure(self.seed, index, argv_shown, problem, changed, detail))
        return failures

    def run_file_free(self) -> list[Failure]:
        """Run the commands that read no workspace file once, in each format."""
        failures: list[Failure] = []
        for command in self.commands:
            if command.name not in FILE_FREE:
                continue
            for fmt in command.formats:
                argv = ["-C", str(self.root), command.name] + (["--format", fmt] if fmt else [])
                outcome = run_one(self.runner, self.app, argv)
                for problem, detail in check(outcome, fmt):
                    failures.append(Failure(self.seed, -1, argv[2:], problem, {}, detail))
        return failures


def distinct(failures: list[Failure]) -> list[Failure]:
    """One failure per (case, problem, command), naming the formats that shared it."""
    shown: dict[tuple[int, str, str], Failure] = {}
    formats: dict[tuple[int, str, str], list[str]] = {}
    for failure in failures:
        command = failure.argv[2] if len(failure.argv) > 2 else "?"
        key = (failure.index, failure.problem, command)
        shown.setdefault(key, failure)
        formats.setdefault(key, []).append(failure.argv[-1])
    for key, failure in shown.items():
        if len(formats[key]) > 1:
            failure.problem += f" (also with {', '.join(formats[key][1:])})"
    return list(shown.values())


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; exit 1 when any case failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", type=int, help="run only this case (with --seed)")
    parser.add_argument("--save", type=Path, help="with --case: write its workspace here")
    parser.add_argument("--max-failures", type=int, default=50, help="failing cases")
    parser.add_argument("--base", type=Path, help="the valid workspace to mutate")
    args = parser.parse_args(argv)

    base = read_tree(args.base or base_workspace())
    if args.save is not None:
        if args.case is None:
            parser.error("--save needs --case")
        fuzzer_files, notes = mutate_workspace(random.Random(f"{args.seed}:{args.case}"), base)
        shutil.rmtree(args.save, ignore_errors=True)
        write_tree(args.save, {**base, **fuzzer_files})
        print(f"wrote {args.save}: " + "; ".join(notes))
        return 0

    indexes = [args.case] if args.case is not None else list(range(args.cases))
    failures: list[Failure] = []
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    with scratch(base) as root:
        fuzzer = Fuzzer(root, base, args.seed)
        print("commands: " + ", ".join(f"{c.name}[{'|'.join(c.formats)}]" for c in fuzzer.commands))
        failures += fuzzer.run_file_free()
        for done, index in enumerate(indexes, 1):
            _files, notes = fuzzer.case_files(index)
            kinds.update(note.split(" ", 1)[0] for note in notes)
            failures += fuzzer.run_case(index)
            if done % 500 == 0:
                elapsed = time.perf_counter() - started
                print(
                    f"{done} cases, {fuzzer.runs} runs, {elapsed:.0f} s, {len(failures)} failures",
                    flush=True,
                )
            if len({f.index for f in failures}) >= args.max_failures:
                print(f"stopping after {args.max_failures} failing cases")
                break
    elapsed = time.perf_counter() - started
    for failure in distinct(failures):
        print(failure.report())
    codes = Counter(code for (_name, code) in fuzzer.exit_codes.elements())
    print(
        f"{done} cases, {fuzzer.runs} command runs in {elapsed:.1f} s "
        f"({elapsed / max(done, 1) * 1000:.0f} ms a case)"
    )
    print("mutations: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())))
    damages = ", ".join(f"{k} {n}" for k, n in sorted(fuzzer.cache_damage.items()))
    differ = sum(1 for f in failures if "without the cache" in f.problem or "damaged" in f.problem)
    print(
        f"damaged cache: {fuzzer.cache_runs} command runs compared with the run without the "
        f"cache ({damages}); {differ} differed"
    )
    print(f"failures: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
