"""Drafts and the outside world: no network ever, and hostile partner text stays text.

The no-network guard is test_privacy's; the hostile workspace is
tests/data/inject-basic, whose partner `evil-co` carries Rich markup,
terminal escapes, bidi overrides and HTML in every field.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES
from test_draft_cli import PARTNER_KINDS, TODAY, draft, draft_env
from test_injection import assert_no_raw
from test_privacy import NEVER_LOADED, no_network  # noqa: F401  (the fixture)

EVIL = DATA / "inject-basic"
FORMATS = ("plain", "md", "mailto", "eml")


def test_every_kind_and_format_works_offline(no_network: list[str], tmp_path: Path) -> None:  # noqa: F811
    runs = 0
    for kind in (*PARTNER_KINDS, "program"):
        for fmt in FORMATS:
            target = ["ironworks-fab"] if kind != "program" else []
            code, out, err = draft(EXAMPLES, tmp_path, *target, "--kind", kind, "--format", fmt,
                                   "--from", "j@example.org")  # fmt: skip
            if fmt in ("eml", "mailto") and kind in ("spotlight", "program"):
                assert code == 2 and "not an email" in err
                continue
            assert (code, err) == (0, ""), (kind, fmt, err)
            assert out
            runs += 1
    assert runs == 28  # 8 kinds in 4 formats, less eml and mailto of spotlight and program
    assert no_network == []


def test_a_run_of_draft_loads_no_network_client(tmp_path: Path) -> None:
    """In a fresh interpreter: every kind as eml and mailto, then look at sys.modules."""
    script = f"""
import sys
from typer.testing import CliRunner
from partnerctl.cli.main import app
runner = CliRunner()
env = {{"NO_COLOR": "1", "PARTNERCTL_NO_CACHE": "1", "PARTNERCTL_DIR": None}}
env.update({draft_env(tmp_path)!r})
for kind in {list(PARTNER_KINDS)!r}:
    for fmt in ("eml", "mailto", "md"):
        runner.invoke(app, ["-C", {str(EXAMPLES)!r}, "--today", {TODAY!r}, "draft",
                            "ironworks-fab", "--kind", kind, "--format", fmt, "--from", "j@x.org"],
                      env=env)
print(" ".join(sorted(m for m in sys.modules if m in {NEVER_LOADED!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("kind", [k for k in PARTNER_KINDS if k != "renewal"])
def test_hostile_text_is_shown_literally_in_plain(kind: str, tmp_path: Path) -> None:
    code, out, err = draft(EVIL, tmp_path, "evil-co", "--kind", kind)
    assert code == 0, err
    assert_no_raw(out, f"draft {kind} stdout")
    assert_no_raw(err, f"draft {kind} stderr")
    assert "[bold red]Evil[/] \\x1b[31mCo" in out or "\\x1b]0;title\\x07Dana" in out
    assert "\\u202e" in out


def test_hostile_text_in_md_renders_as_text_in_pandoc(tmp_path: Path) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install pandoc)")
    code, out, _err = draft(EVIL, tmp_path, "evil-co", "--kind", "thank-you", "--format", "md")
    assert code == 0
    assert_no_raw(out, "draft md")
    for reader in ("markdown", "commonmark", "gfm"):
        html = subprocess.run(
            [pandoc, "-f", reader, "-t", "html"],
            input=out,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert "<img" not in html and "<script" not in html, reader
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, reader
        assert "[bold]bold[/bold]" in html, reader  # no link, no emphasis made of it
        assert "<strong>To:</strong>" in html and "<strong>Subject:</strong>" in html, reader
        # The signature keeps its lines.
        assert "With gratitude,<br />" in html, reader


def test_md_keeps_markdown_in_names_literal(tmp_path: Path, example_ws: Path) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install pandoc)")
    path = example_ws / "partners" / "kxrv.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: KXRV News 7",
        'name: "*KXRV* _News_ `7` # 1. > $x$ ~sub~ ^sup^ [a](http://e.x) &amp;"',
    )
    path.write_text(text, encoding="utf-8")
    code, out, _err = draft(example_ws, tmp_path, "kxrv", "--kind", "meeting-ask", "--format", "md")
    assert code == 0
    shown = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=out,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "*KXRV* _News_ `7` # 1. > $x$ ~sub~ ^sup^ [a](http://e.x) &amp;" in shown


def test_eml_headers_carry_escapes_not_controls(tmp_path: Path) -> None:
    import email
    from email import policy

    code, out, err = draft(EVIL, tmp_path, "evil-co", "--kind", "intro", "--format", "eml",
                           "--from", "j@example.org")  # fmt: skip
    assert code == 0, err
    message = email.message_from_string(out, policy=policy.default)
    assert message.defects == []
    subject = message["Subject"]
    assert "\x1b" not in subject and "\\x1b[31mCTE" in subject
    to = message["To"].addresses[0]
    assert to.addr_spec == "dana@example.com"
    assert "\x07" not in to.display_name and "\\x07" in to.display_name
    assert "\x1b" not in message.get_content()
