"""Time partnerctl as whole processes (start-up included) against two yardsticks.

    python benchmarks/run.py                      # N = 20 (examples/), 1,000 and 10,000
    python benchmarks/run.py --sizes 20,1000 --runs 3

Each figure runs `--runs` times, one child process at a time; the table shows
the median, the spread (min-max), the ratio to the bare Typer app running its
command, and the child's peak memory (from os.wait4's rusage, i.e. the
ru_maxrss of that one child). Workspaces of N partners are made by
`benchmarks/generate.py N DIR --seed 1` in benchmarks/work/ (git-ignored) and
reused while the generator is unchanged. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
EXAMPLES = REPO / "examples"
GENERATOR = HERE / "generate.py"
TODAY = "2026-11-24"
SEED = "1"

# Loads every file of a workspace with PyYAML's C loader and nothing else.
PARSE_ONLY = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = [root / "partnerctl.yaml"]
for folder in ("partners", "events"):
    files += sorted(p for p in (root / folder).glob("*") if p.suffix in (".yaml", ".yml"))
for path in files:
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


@dataclass
class Figure:
    """One timed command: its runs (seconds), peak memory (MiB) and a note when it failed."""

    name: str
    times: list[float] = field(default_factory=list)
    peak_mib: float | None = None
    note: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and self.note is None else None


def partnerctl_command() -> list[str]:
    """The console script beside this Python, else `python -m partnerctl`."""
    script = Path(sys.executable).with_name("partnerctl")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "partnerctl"]


def base_env(cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERCTL_")}
    env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"})
    env["PARTNERCTL_CACHE_DIR"] = str(cache_dir)
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float | None, int, str]:
    """Run one child; its wall time, peak RSS in MiB, exit code and stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is KiB on Linux, bytes on macOS.
            scale = 1024 * 1024 if sys.platform == "darwin" else 1024
            peak: float | None = usage.ru_maxrss / scale
        else:  # pragma: no cover - Windows: no per-child rusage
            child.wait()
            elapsed = time.perf_counter() - start
            peak = None
        err.seek(0)
        return elapsed, peak, child.returncode, err.read().decode(errors="replace")


def measure(
    name: str,
    argv: list[str],
    env: dict[str, str],
    runs: int,
    *,
    ok: tuple[int, ...] = (0,),
    before: object = None,
) -> Figure:
    """Time `argv` `runs` times; `before()` runs untimed before each run."""
    figure = Figure(name)
    for _ in range(runs):
        if callable(before):
            before()
        elapsed, peak, code, stderr = run_once(argv, env)
        if code not in ok:
            lines = [line for line in stderr.splitlines() if line.strip()]
            if code == 2 and any("No such command" in line for line in lines):
                figure.note = "n/a (no such command yet)"
            else:
                figure.note = f"error: exit {code}: " + (lines[-1][:70] if lines else "")
            break
        figure.times.append(elapsed)
        if peak is not None:
            figure.peak_mib = max(figure.peak_mib or 0.0, peak)
    return figure


def settle(root: Path) -> None:
    """Wait until every file is 2 s old, so that the cache trusts what it stores."""
    newest = max(
        (max(p.stat().st_mtime, p.stat().st_ctime) for p in root.rglob("*") if p.is_file()),
        default=0.0,
    )
    time.sleep(max(0.0, newest + 2.1 - time.time()))


def workspace(size: int, generator: Path) -> tuple[Path | None, str | None]:
    """The workspace of `size` partners (made when missing), or None and why not."""
    target = WORK / f"ws{size}"
    if size == 20:
        if not (EXAMPLES / "partnerctl.yaml").exists():
            return None, "examples/ has no workspace yet"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(EXAMPLES, target)
        return target, None
    if not generator.exists():
        return None, f"{generator.name} does not exist yet"
    stamp = f"{size} {SEED} {hashlib.sha256(generator.read_bytes()).hexdigest()}"
    marker = WORK / f"ws{size}.stamp"
    if target.exists() and marker.exists() and marker.read_text() == stamp:
        return target, None
    if target.exists():
        shutil.rmtree(target)
    print(f"generating {size} partners in {target} ...", file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, str(generator), str(size), str(target), "--seed", SEED],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not (target / "partnerctl.yaml").exists():
        tail = (done.stderr.strip().splitlines() or ["no partnerctl.yaml made"])[-1]
        return None, f"generate.py failed: {tail[:80]}"
    marker.write_text(stamp)
    return target, None


def bench_size(size: int, root: Path, runs: int) -> dict[str, Figure]:
    """Every per-workspace figure at one size."""
    cmd = partnerctl_command()
    warm_cache = WORK / "cache" / str(size)
    shutil.rmtree(warm_cache, ignore_errors=True)
    env = base_env(warm_cache)
    at = [*cmd, "-C", str(root), "--today", TODAY]
    figures: dict[str, Figure] = {}

    figures["parse"] = measure(
        "C-loader parse", [sys.executable, "-c", PARSE_ONLY, str(root)], env, runs
    )

    cold_base = WORK / "cache-cold"

    def empty_cache() -> None:
        shutil.rmtree(cold_base, ignore_errors=True)

    cold_env = base_env(cold_base)
    figures["due-cold"] = measure("due (cold)", [*at, "due"], cold_env, runs, before=empty_cache)
    settle(root)
    run_once([*at, "due"], env)  # fill the warm cache, untimed
    figures["due-warm"] = measure("due (warm)", [*at, "due"], env, runs)
    figures["validate"] = measure("validate (warm)", [*at, "validate"], env, runs, ok=(0, 1))
    figures["calendar"] = measure("calendar", [*at, "calendar"], env, runs)
    figures["report"] = measure("report", [*at, "report"], env, runs)
    figures["export-csv"] = measure("export (csv)", [*at, "export"], env, runs)
    figures["export-xlsx"] = measure(
        "export (xlsx)", [*at, "export", "--format", "xlsx"], env, runs
    )
    sheet = WORK / f"ws{size}.xlsx"
    run_once([*at, "export", "-o", str(sheet)], env)  # the file to import, untimed
    figures["import-xlsx"] = measure(
        "import xlsx --dry-run", [*at, "import", str(sheet), "--dry-run"], env, runs
    )

    scratch = WORK / f"ws{size}-log"
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(root, scratch)
    partners = sorted((scratch / "partners").glob("*.y*ml"))
    if not partners:
        figures["log"] = Figure("log", note="n/a (no partner files)")
        return figures
    target = partners[0]
    original = target.read_bytes()

    def reset() -> None:
        target.write_bytes(original)

    log_argv = [*cmd, "-C", str(scratch), "--today", TODAY, "log", target.stem, "Benchmark call"]
    figures["log"] = measure("log", [*log_argv, "--channel", "phone"], env, runs, before=reset)
    reset()
    return figures


def cpu_name() -> str:
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def fmt_time(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.0f} ms"


def fmt_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def ratio(a: Figure | None, b: Figure | None) -> float | None:
    if a is None or b is None or a.median is None or b.median is None or b.median == 0:
        return None
    return a.median / b.median


def targets(
    yard: dict[str, Figure], sized: dict[int, dict[str, Figure]]
) -> list[tuple[str, float | None, float, str]]:
    """The issue's targets: (what, measured, limit, unit)."""
    s20, s1k, s10k = sized.get(20, {}), sized.get(1000, {}), sized.get(10000, {})
    bare = yard["bare-run"]
    rows: list[tuple[str, float | None, float, str]] = [
        ("--help / bare app --help", ratio(yard["help"], yard["bare-help"]), 1.1, "x"),
        ("due warm, N=20 / bare app", ratio(s20.get("due-warm"), bare), 1.2, "x"),
        ("due cold, N=20 / bare app", ratio(s20.get("due-cold"), bare), 1.5, "x"),
        ("due warm, N=10k / bare app", ratio(s10k.get("due-warm"), bare), 4.0, "x"),
        (
            "due cold, N=10k / C-loader parse",
            ratio(s10k.get("due-cold"), s10k.get("parse")),
            1.3,
            "x",
        ),
        ("log N=10k / log N=20", ratio(s10k.get("log"), s20.get("log")), 1.5, "x"),
    ]
    peaks = [
        f.peak_mib
        for k, f in s10k.items()
        if k != "parse" and f.peak_mib is not None and f.note is None
    ]
    rows.append(("peak memory, N=10k", max(peaks) if peaks else None, 300.0, "MiB"))
    for key in ("validate", "due-cold", "due-warm", "calendar", "report", "log"):
        rows.append((f"{key} N=1k -> N=10k growth", ratio(s10k.get(key), s1k.get(key)), 12.0, "x"))
    return rows


def print_report(
    yard: dict[str, Figure], sized: dict[int, dict[str, Figure]], notes: dict[int, str]
) -> None:
    bare = yard["bare-run"]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"partnerctl benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {cpu_name()}, {os.cpu_count()} CPUs, "
        f"load average {load}"
    )
    print()
    header = f"{'figure':<34} {'median':>9} {'spread (min-max)':>18} {'x typer':>8} {'peak':>9}"
    print(header)
    print("-" * len(header))

    def line(label: str, fig: Figure, extra: str = "") -> None:
        if fig.note is not None:
            print(f"{label:<34} {fig.note}")
            return
        spread = f"{fmt_time(min(fig.times))}-{fmt_time(max(fig.times))}" if fig.times else ""
        peak = "" if fig.peak_mib is None else f"{fig.peak_mib:.0f} MiB"
        times = f"{fmt_time(fig.median):>9} {spread:>18}"
        print(f"{label:<34} {times} {fmt_ratio(ratio(fig, bare)):>8} {peak:>9}{extra}")

    for key in ("python", "bare-help", "bare-run", "help", "version"):
        line(yard[key].name, yard[key])
    for size, figures in sized.items():
        for key, fig in figures.items():
            extra = ""
            if key == "due-cold" and "parse" in figures:
                extra = f"   {fmt_ratio(ratio(fig, figures['parse']))} of the C-loader parse"
            line(f"N={size} {fig.name}", fig, extra)
    for size, why in notes.items():
        print(f"N={size}: skipped: {why}")
    print()
    print(f"{'target':<40} {'measured':>10} {'limit':>9}  result")
    for what, value, limit, unit in targets(yard, sized):
        shown = (
            "n/a" if value is None else (f"{value:.0f} MiB" if unit == "MiB" else f"{value:.2f}x")
        )
        bound = f"{limit:.0f} MiB" if unit == "MiB" else f"{limit:.1f}x"
        verdict = "n/a" if value is None else ("PASS" if value <= limit else "MISS")
        print(f"{what:<40} {shown:>10} {bound:>9}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="20,1000,10000", help="workspace sizes (20 = examples/)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (default 5)")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument(
        "--generator", type=Path, default=GENERATOR, help="the workspace generator (N DIR --seed S)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    WORK.mkdir(exist_ok=True)
    # Byte code for partnerctl, as an installed copy has it: with
    # PYTHONDONTWRITEBYTECODE set (CI sets it) every run would compile the
    # sources again, a cost no user pays and the yardstick's packages do not.
    import compileall

    import partnerctl

    compileall.compile_dir(Path(partnerctl.__file__).parent, quiet=1)
    cmd = partnerctl_command()
    env = base_env(WORK / "cache" / "none")
    bare = [sys.executable, str(HERE / "bare_typer_app.py")]
    yard = {
        "python": measure("python -c pass", [sys.executable, "-c", "pass"], env, args.runs),
        "bare-help": measure("bare Typer app --help", [*bare, "--help"], env, args.runs),
        "bare-run": measure("bare Typer app (its command)", bare, env, args.runs),
        "help": measure("partnerctl --help", [*cmd, "--help"], env, args.runs),
        "version": measure("partnerctl --version", [*cmd, "--version"], env, args.runs),
    }
    sized: dict[int, dict[str, Figure]] = {}
    notes: dict[int, str] = {}
    for size in sizes:
        root, why = workspace(size, args.generator)
        if root is None:
            notes[size] = why or "no workspace"
            continue
        print(f"timing N={size} ...", file=sys.stderr, flush=True)
        sized[size] = bench_size(size, root, args.runs)
    print_report(yard, sized, notes)
    if args.json:
        raw = {
            "yardsticks": {k: vars(f) for k, f in yard.items()},
            "sizes": {str(n): {k: vars(f) for k, f in figs.items()} for n, figs in sized.items()},
        }
        args.json.write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
