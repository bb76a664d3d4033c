"""Output under narrow encodings: a Latin-1 locale (cron on an older server), cp1252 (Windows).

Documents (json, csv, ics, md, html) are UTF-8 bytes whatever the locale;
text for people degrades where the stream cannot hold a character (`→` to
`->`, `Ł` to `\\u0141`) and never crashes. The in-process tests give the CLI a
stdout in each encoding; the real-locale tests generate a Latin-1 locale with
glibc's `localedef` into a temporary folder (LOCPATH, no root needed) and run
`python -m partnerctl` in it, skipping with a message where that cannot be done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import CLI_ENV, EXAMPLES
from typer.testing import CliRunner

from partnerctl.cli.streams import ERRORS

TODAY = "2026-11-24"
# A partner whose text Latin-1 can partly hold (é, ë, Ñ) and partly not (Ł, →, 日本, ☕, “ ”).
WORLD_PARTNER = """\
name: "Café Łódź → 日本 Co"
stage: contacted
owner: jlee
since: 2026-11-01
contacts:
  - {name: "Zoë Ñúñez", decision_maker: true}
touchpoints:
  - {date: 2026-11-20, channel: email, summary: "Sent the “flyer” — thanks ✓"}
next: {date: 2026-11-22, action: "Call Zoë → confirm 10:30 ☕"}
"""
COMMANDS = {
    "due": ("table", "plain", "json", "csv", "md"),
    "report": ("table", "plain", "md", "html", "json"),
    "calendar": ("table", "plain", "json", "csv", "md", "ics"),
}
DOCUMENTS = {"json", "csv", "ics", "md", "html"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/ with one partner written in several scripts."""
    root = tmp_path_factory.mktemp("locales") / "ws"
    shutil.copytree(EXAMPLES, root)
    (root / "partners" / "cafe-lodz.yaml").write_text(WORLD_PARTNER, encoding="utf-8")
    return root


def invoke(ws: Path, args: list[str], charset: str = "utf-8") -> tuple[int, bytes, bytes]:
    """Run partnerctl in-process with stdout and stderr in `charset`."""
    from partnerctl.cli.main import app

    runner = CliRunner(charset=charset)
    result = runner.invoke(
        app, ["-C", str(ws), "--today", TODAY, *args], env=CLI_ENV, prog_name="partnerctl"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


def degraded(text: str, encoding: str) -> bytes:
    """What a stream in `encoding` must write for `text`."""
    return text.encode(encoding, ERRORS)


@pytest.mark.parametrize("charset", ["latin-1", "cp1252", "ascii"])
def test_plain_text_degrades_to_what_the_stream_can_hold(world: Path, charset: str) -> None:
    for command in ("due", "calendar"):
        code, wide, _ = invoke(world, [command, "--format", "plain"])
        assert code == 0
        code, out, err = invoke(world, [command, "--format", "plain"], charset)
        assert (code, err) == (0, b"")
        assert out == degraded(wide.decode("utf-8"), charset)
        text = out.decode(charset)
        assert "Call Zo\u00eb -> confirm 10:30 \\u2615".encode(charset, ERRORS) in out
        if command == "due":
            assert "  -> partnerctl log cafe-lodz" in text  # partnerctl's own arrow
        else:
            name = "Caf\u00e9 \\u0141\u00f3d\u017a -> \\u65e5\\u672c Co"
            assert name.encode(charset, ERRORS).decode(charset) in text
    if charset == "ascii":
        assert "Cafe \\u0141odz -> \\u65e5\\u672c Co: follow up: Call Zoe ->" in text


@pytest.mark.parametrize("charset", ["latin-1", "cp1252"])
def test_documents_are_utf8_bytes_in_any_locale(world: Path, charset: str) -> None:
    for command, formats in COMMANDS.items():
        for fmt in sorted(DOCUMENTS & set(formats)):
            args = [command, "--format", fmt]
            code, out, err = invoke(world, args, charset)
            assert (code, err) == (0, b""), (command, fmt, err)
            assert out == invoke(world, args)[1], (command, fmt)
            out.decode("utf-8")  # strict


def test_table_and_help_degrade_too(world: Path) -> None:
    code, out, err = invoke(world, ["due", "--format", "table"], "latin-1")
    assert (code, err) == (0, b"")
    assert b"Call Zo\xeb -> confirm" in out
    assert b"\xe2" not in out  # no UTF-8 box drawing or arrows
    code, out, _ = invoke(world, ["pitch", "--help"], "latin-1")
    assert code == 0
    assert b"([x])" in out and b"([ ])" in out  # the checklist signs in the help


def test_errors_and_usage_errors_degrade_on_stderr(world: Path) -> None:
    code, out, err = invoke(world, ["show", "łódź"], "latin-1")
    assert (code, out) == (2, b"")
    assert b"no partner '\\u0142\xf3dz'" in err  # \u0142 has no plain form; \u017a is z
    code, _, err = invoke(world, ["due", "--wíthin→"], "cp1252")
    assert code == 2
    # Click's own usage error, same stream (its wording differs between Click releases)
    assert b"no such option" in err and b"--w\xedthin->" in err
    code, _, err = invoke(world, ["due", "--owner", "→Ł"], "cp1252")
    assert code == 2
    assert b"--owner: '->\\u0141' is not one of partnerctl.yaml's owners" in err


def test_json_error_document_is_utf8_while_stderr_degrades(world: Path) -> None:
    code, out, err = invoke(world, ["show", "łódź", "--format", "json"], "latin-1")
    assert code == 2
    assert "'łódź'".encode() in out  # the document: UTF-8
    assert b"\\u0142" in err


# --- a real Latin-1 locale ---------------------------------------------------

LATIN1 = "en_US.ISO-8859-1"


@pytest.fixture(scope="module")
def latin1_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process running in a Latin-1 locale, built with localedef."""
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("no localedef on this machine (Debian: libc-bin) to build a Latin-1 locale")
    folder = tmp_path_factory.mktemp("locale")
    done = subprocess.run(
        [localedef, "-i", "en_US", "-f", "ISO-8859-1", str(folder / LATIN1)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if not (folder / LATIN1).is_dir():
        pytest.skip(f"localedef could not build {LATIN1} (Debian: locales): {done.stderr[-300:]}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARTNERCTL_", "PYTHON"))}
    env.update({k: v for k, v in CLI_ENV.items() if v is not None})
    env.update({"LOCPATH": str(folder), "LC_ALL": LATIN1, "LANG": LATIN1})
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if probe.stdout.strip() != "iso8859-1":
        pytest.skip(f"the {LATIN1} locale did not take effect: {probe.stdout or probe.stderr}")
    return env


def run_in(env: dict[str, str], ws: Path, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "partnerctl", "-C", str(ws), "--today", TODAY, *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_in_a_real_latin1_locale(
    command: str, world: Path, latin1_env: dict[str, str]
) -> None:
    for fmt in COMMANDS[command]:
        done = run_in(latin1_env, world, [command, "--format", fmt])
        assert (done.returncode, done.stderr) == (0, b""), (fmt, done.stderr[-500:])
        wide = invoke(world, [command, "--format", fmt])[1]
        if fmt in DOCUMENTS:
            assert done.stdout == wide, fmt  # UTF-8, byte for byte
        elif fmt == "plain":
            assert done.stdout == degraded(wide.decode("utf-8"), "latin-1"), fmt
            assert command == "report" or b"Call Zo\xeb -> confirm 10:30 \\u2615" in done.stdout
        else:  # table: Rich draws its rules in ASCII for a Latin-1 stream
            assert b"\xe2" not in done.stdout and b"\xc3" not in done.stdout, fmt


def test_cp1252_pipe_in_a_real_process(world: Path) -> None:
    """Windows pipes output in the ANSI code page: PYTHONIOENCODING=cp1252 does the same here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARTNERCTL_", "PYTHON"))}
    env.update({k: v for k, v in CLI_ENV.items() if v is not None})
    env["PYTHONIOENCODING"] = "cp1252"
    plain = run_in(env, world, ["due"])
    assert (plain.returncode, plain.stderr) == (0, b"")
    assert plain.stdout == degraded(invoke(world, ["due"])[1].decode("utf-8"), "cp1252")
    assert "Sent the “flyer”".encode("cp1252") not in plain.stdout  # (not shown by due)
    feed = run_in(env, world, ["calendar", "--format", "ics"])
    assert feed.returncode == 0
    assert "Café Łódź → 日本 Co".encode() in feed.stdout.replace(b"\r\n ", b"")
