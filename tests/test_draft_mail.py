"""Drafts as email: .eml files read by Python's email package and by mblaze's mshow, mailto: links
read back by urllib.parse, and the From taken in DESIGN's order."""

from __future__ import annotations

import email
import shutil
import subprocess
from email import policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import run_cli
from test_draft_cli import FROM, TODAY, draft, draft_env

NON_ASCII_WS = "partnerctl.yaml", "program: Escuela Técnica Riverside\ntimezone: America/Chicago\n"
PARTNER = """\
name: Panadería Ñandú
stage: prospect
contacts:
  - name: José Núñez-Müller
    email: jose@panaderia.example.com
    decision_maker: true
  - name: Ana Lopez
needs: [social media photos]
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A workspace whose names are not ASCII."""
    root = tmp_path / "ws"
    (root / "partners").mkdir(parents=True)
    (root / NON_ASCII_WS[0]).write_text(
        NON_ASCII_WS[1] + "pathways:\n  - id: media\n    name: Medios Digitales\n"
        "    skills: [social media photography]\n",
        encoding="utf-8",
    )
    (root / "partners" / "nandu.yaml").write_text(PARTNER, encoding="utf-8")
    return root


def eml(ws: Path, home: Path, *extra: str) -> bytes:
    target = home / "draft.eml"
    code, out, err = draft(ws, home, "nandu", "--kind", "intro", "-o", str(target), *extra)
    assert (code, out, err) == (0, "", "")
    return target.read_bytes()


def test_eml_parses_with_pythons_email_package(ws: Path, tmp_path: Path) -> None:
    raw = eml(ws, tmp_path, "--from", "Jordan Lée <jlee@riverside.example.org>")
    assert raw.isascii()  # RFC 5322: headers encoded, body quoted-printable
    assert b"\r\n" in raw and all(len(line) <= 78 for line in raw.split(b"\r\n"))
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message.defects == []
    assert message["X-Unsent"] == "1"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert str(message["To"]) == "José Núñez-Müller <jose@panaderia.example.com>"
    assert message["To"].addresses[0].display_name == "José Núñez-Müller"
    assert str(message["From"]) == "Jordan Lée <jlee@riverside.example.org>"
    assert message["Subject"] == (
        "Help with your social media photos, from Escuela Técnica Riverside students"
    )
    assert message["Date"].datetime.isoformat() == "2026-11-24T00:00:00-06:00"
    body = message.get_content().replace("\r\n", "\n")  # the file's lines end in CRLF
    assert body.startswith(
        "Dear José Núñez-Müller,\n\nWe could help with your social media photos:"
    )
    assert body.endswith("Best regards,\nJordan Lée\nEscuela Técnica Riverside\n")
    # The raw headers carry RFC 2047 words, never raw UTF-8.
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "=?utf-8?" in head and "Núñez" not in head


def test_eml_opens_in_mblaze_mshow(ws: Path, tmp_path: Path) -> None:
    mshow = shutil.which("mshow")
    if mshow is None:
        pytest.skip("mblaze's mshow is not installed (Debian: apt-get install mblaze)")
    eml(ws, tmp_path, "--from", "Jordan Lée <jlee@riverside.example.org>")
    shown = subprocess.run(
        [mshow, str(tmp_path / "draft.eml")], capture_output=True, check=True, timeout=30
    ).stdout.decode("utf-8")
    assert "From: Jordan Lée <jlee@riverside.example.org>\n" in shown
    assert "To: José Núñez-Müller <jose@panaderia.example.com>\n" in shown
    assert (
        "Subject: Help with your social media photos, from Escuela Técnica Riverside students\n"
        in shown
    )
    assert "--- 1: text/plain" in shown
    assert (
        "Dear José Núñez-Müller,\n\nWe could help with your social media photos: our Medios "
        in shown
    )
    assert "Jordan Lée\nEscuela Técnica Riverside" in shown
    headers = subprocess.run(
        [shutil.which("mhdr") or "mhdr", "-h", "X-Unsent", str(tmp_path / "draft.eml")],
        capture_output=True,
        check=False,
        timeout=30,
    )
    assert headers.stdout.decode().strip() == "1"


def test_eml_to_stdout_and_a_hostile_name_cannot_add_headers(ws: Path, tmp_path: Path) -> None:
    partner = ws / "partners" / "nandu.yaml"
    partner.write_text(
        PARTNER.replace("José Núñez-Müller", '"José\\r\\nBcc: evil@example.com"'), encoding="utf-8"
    )
    code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--format", "eml",
                           "--from", "jlee@riverside.example.org")  # fmt: skip
    assert (code, err) == (0, "")
    message = email.message_from_string(out, policy=policy.default)
    assert message["Bcc"] is None
    assert [k for k in message if k.lower() == "bcc"] == []
    assert message["To"].addresses[0].addr_spec == "jose@panaderia.example.com"


def test_mailto_round_trips_through_urllib(ws: Path, tmp_path: Path) -> None:
    code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--format", "mailto")
    assert (code, err) == (0, "")
    link = out.rstrip("\n")
    assert "\n" not in link and len(link) <= 2000 and link.isascii()
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "jose@panaderia.example.com"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == [
        "Help with your social media photos, from Escuela Técnica Riverside students"
    ]
    body = query["body"][0]
    assert body.startswith("Dear José Núñez-Müller,\r\n\r\nWe could help")
    assert "\n" not in body.replace("\r\n", "")  # RFC 6068: line breaks are %0D%0A
    plain = draft(ws, tmp_path, "nandu", "--kind", "intro")[1]
    assert body.replace("\r\n", "\n") == plain.split("\n\n", 1)[1]
    assert "+" not in parts.query  # a space is %20, so `+` readers and `%20` readers agree


def test_a_long_mailto_is_shortened_with_a_line_saying_so(ws: Path, tmp_path: Path) -> None:
    needs = "".join(f"  - social media photos for shop number {n}\n" for n in range(40))
    (ws / "partners" / "nandu.yaml").write_text(
        PARTNER.replace("needs: [social media photos]\n", "needs:\n" + needs), encoding="utf-8"
    )
    whole = draft(ws, tmp_path, "nandu", "--kind", "intro")[1]
    code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--format", "mailto")
    assert (code, err) == (0, "")
    link = out.rstrip("\n")
    assert len(link) <= 2000
    body = parse_qs(urlsplit(link).query)["body"][0].replace("\r\n", "\n")
    assert body.endswith(
        "\n\n[Shortened to fit a mail link. The whole message: "
        "partnerctl draft nandu --kind intro]\n"
    )
    kept = body.rsplit("\n\n[Shortened", 1)[0]
    assert whole.split("\n\n", 1)[1].startswith(kept)
    assert len(kept) < len(whole)


def test_mailto_and_eml_refuse_a_recipient_without_an_email(ws: Path, tmp_path: Path) -> None:
    for fmt, what in (("mailto", "a mailto"), ("eml", "an .eml")):
        code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--to", "Ana Lopez",
                               "--format", fmt, "--from", FROM)  # fmt: skip
        assert (code, out) == (2, "")
        assert err == (
            f"error: Ana Lopez (nandu) has no email address on file: {what} draft needs one (add "
            "it: partnerctl contact nandu --name 'Ana Lopez' --email \"…\"; or write to another "
            "contact with --to NAME)\n"
        )
    # Plain text still works, and says who it is to.
    code, out, _err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--to", "Ana Lopez")
    assert code == 0 and out.startswith("To: Ana Lopez (no email on file)\n")


def test_eml_refuses_an_address_it_cannot_carry(ws: Path, tmp_path: Path) -> None:
    text = PARTNER.replace("jose@panaderia.example.com", "josé@panadería.example.com")
    (ws / "partners" / "nandu.yaml").write_text(text, encoding="utf-8")
    code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro", "-o",
                           str(tmp_path / "x.eml"), "--from", FROM)  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        "error: José Núñez-Müller's email 'josé@panadería.example.com' has letters an .eml file "
        "cannot carry (use --format mailto, which can)\n"
    )
    assert not (tmp_path / "x.eml").exists()
    code, out, _err = draft(ws, tmp_path, "nandu", "--kind", "intro", "--format", "mailto")
    assert code == 0
    assert unquote(urlsplit(out.strip()).path) == "josé@panadería.example.com"


# --- From: --from, else PARTNERCTL_FROM, else git's user.email, else `from:` ------------------


def eml_from(ws: Path, home: Path, env: dict[str, str | None], *extra: str) -> tuple[int, str, str]:
    merged = {**draft_env(home), **env}
    result = run_cli(["-C", str(ws), "--today", TODAY, "draft", "nandu", "--kind", "intro",
                      "--format", "eml", *extra], env=merged)  # fmt: skip
    if result.exit_code != 0:
        return result.exit_code, "", result.stderr
    message = email.message_from_string(result.stdout, policy=policy.default)
    return 0, str(message["From"]), result.stderr


def git_workspace(ws: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    for args in (["init", "-q"], ["config", "user.email", "tina@riverside.example.org"],
                 ["config", "user.name", "Tina Nguyễn"]):  # fmt: skip
        subprocess.run([git, *args], cwd=ws, check=True, capture_output=True, timeout=30)


def test_from_follows_designs_order(ws: Path, tmp_path: Path) -> None:
    settings = ws / "partnerctl.yaml"
    text = settings.read_text(encoding="utf-8") + "from: office@riverside.example.org\n"
    settings.write_text(text, encoding="utf-8")
    assert eml_from(ws, tmp_path, {}) == (0, "office@riverside.example.org", "")
    git_workspace(ws)
    assert eml_from(ws, tmp_path, {}) == (0, "Tina Nguyễn <tina@riverside.example.org>", "")
    env = {"PARTNERCTL_FROM": "Maria Ortiz <mortiz@riverside.example.org>"}
    assert eml_from(ws, tmp_path, env) == (0, "Maria Ortiz <mortiz@riverside.example.org>", "")
    assert eml_from(ws, tmp_path, env, "--from", FROM) == (0, FROM, "")


def test_no_from_and_bad_froms_are_refused(ws: Path, tmp_path: Path) -> None:
    assert eml_from(ws, tmp_path, {}) == (
        2,
        "",
        "error: an .eml draft needs a From address (give --from, set PARTNERCTL_FROM, set git's "
        "user.email in this workspace, or add `from:` to partnerctl.yaml)\n",
    )
    assert eml_from(ws, tmp_path, {}, "--from", "Jordan Lee") == (
        2,
        "",
        "error: --from: 'Jordan Lee' is not an email address (for example \"Jordan Lee "
        '<jlee@example.org>" or jlee@example.org)\n',
    )
    code, _from, err = eml_from(ws, tmp_path, {"PARTNERCTL_FROM": "a@b.org, c@d.org"})
    assert code == 2
    assert err.startswith("error: PARTNERCTL_FROM: 'a@b.org, c@d.org' is not an email address")
    # A plain draft needs no From: a bad git address does not stop it.
    git_workspace(ws)
    subprocess.run(["git", "config", "user.email", "not an address"], cwd=ws, check=True)
    code, out, err = draft(ws, tmp_path, "nandu", "--kind", "intro")
    assert code == 0 and out.endswith("Best regards,\nTina Nguyễn\nEscuela Técnica Riverside\n")
    assert eml_from(ws, tmp_path, {})[2] == (
        "error: git config user.email: 'not an address' is not an email address (an .eml draft "
        "needs a From: give --from, set PARTNERCTL_FROM, set git's user.email in this workspace, "
        "or add `from:` to partnerctl.yaml)\n"
    )


def test_a_from_setting_that_is_no_address_is_a_located_error(ws: Path, tmp_path: Path) -> None:
    settings = ws / "partnerctl.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "from: Jordan Lee\n", encoding="utf-8"
    )
    result = run_cli(["-C", str(ws), "validate"], env=draft_env(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "partnerctl.yaml:7:7: error: from: 'Jordan Lee' is not an email address (for example "
        '"Jordan Lee <jlee@example.org>" or jlee@example.org)\n'
    )
