"""No network access anywhere: partner files hold contact details and stay on the computer.

Three layers: every reading command works with sockets refused; src/ imports
no networking module; and a run of every command loads none.
"""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, run_cli
from test_injection import formats_of, registered

TODAY = "2026-11-24"
WS = DATA / "due-basic"
READING: dict[str, list[str]] = {
    "validate": [],
    "due": [],
    "list": [],
    "show": ["riverside-auto"],
    "calendar": [],
    "prospects": [],
    "plan": [],
    "pitch": ["riverside-auto"],
    "spotlight": [],
    "report": [],
    "export": [],
    "schema": [],
}
NETWORK_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "webbrowser",
    "asyncio",
)
# Loaded by a run of every command: any of these means something could talk to a network.
NEVER_LOADED = ("ssl", "http.client", "urllib.request", "requests", "httpx", "urllib3", "aiohttp")


class NetworkUsed(AssertionError):
    """Raised by the patched socket functions."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way to open a connection or resolve a name raises NetworkUsed, and is recorded.

    Recorded too, so that code which swallowed the error still fails the test.
    """
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args)[:200])
        raise NetworkUsed(f"network access attempted: {args!r}")

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse)
    yield attempts


def test_the_guard_refuses_connections(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    with pytest.raises(NetworkUsed), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == 2


@pytest.mark.parametrize("command", sorted(READING))
def test_reading_commands_work_offline(no_network: list[str], command: str) -> None:
    if command not in registered():
        pytest.skip(f"`{command}` is not registered yet")
    argv = READING[command]
    formats = formats_of(command, argv) or ("",)
    for fmt in formats:
        extra = ["--format", fmt] if fmt else []
        # run_cli re-raises what escapes, so a NetworkUsed anywhere fails the test.
        result = run_cli(["-C", str(WS), "--today", TODAY, command, *argv, *extra])
        assert result.exit_code == 0, (command, fmt, result.stderr)
        assert result.stdout or command == "validate", (command, fmt)
        assert "internal error" not in result.stderr
    assert no_network == []


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call) and call_name(node) in ("import_module", "__import__"):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield node.lineno, arg.value


def call_name(node: ast.Call) -> str:
    """`f` of `f(...)` or `m.f(...)`."""
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def is_network(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in NETWORK_MODULES)


def test_source_imports_no_network_module() -> None:
    sources = sorted((ROOT / "src" / "partnerctl").rglob("*.py"))
    assert len(sources) > 10
    found = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in sources
        for line, module in imported_modules(path)
        if is_network(module)
    ]
    assert found == []


def test_the_import_check_sees_network_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import socket\nfrom urllib.request import urlopen\nimport http.client as h\n"
        "from urllib import request\nimport importlib\nimportlib.import_module('requests')\n"
        "from urllib.parse import quote\n",
        encoding="utf-8",
    )
    hits = sorted({m for _, m in imported_modules(sample) if is_network(m)})
    assert hits == ["http.client", "requests", "socket", "urllib.request", "urllib.request.urlopen"]


def test_a_run_of_every_command_loads_no_network_client() -> None:
    """In a fresh interpreter: run every reading command, then look at sys.modules."""
    script = f"""
import sys
from typer.testing import CliRunner
from partnerctl.cli.main import app
runner = CliRunner()
env = {{"NO_COLOR": "1", "PARTNERCTL_NO_CACHE": "1", "PARTNERCTL_DIR": None}}
for argv in {[[c, *a] for c, a in READING.items()]!r}:
    runner.invoke(app, ["-C", {str(WS)!r}, "--today", {TODAY!r}, *argv], env=env)
for argv in (["calendar", "--format", "ics"], ["report", "--format", "html"]):
    runner.invoke(app, ["-C", {str(WS)!r}, "--today", {TODAY!r}, *argv], env=env)
print(" ".join(sorted(m for m in sys.modules if m in {NEVER_LOADED!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


CONTACT_DETAILS = ("dana@example.com", "555-0142")  # riverside-auto's decision maker
NO_CONTACTS = [("export", "csv"), ("export", "json")] + [
    ("report", fmt) for fmt in ("plain", "table", "json", "md", "html")
]


@pytest.mark.parametrize(("command", "fmt"), NO_CONTACTS)
def test_no_contacts_leaves_out_emails_and_phones(command: str, fmt: str) -> None:
    if command not in registered():
        pytest.skip(f"`{command}` is not registered yet")
    if fmt not in formats_of(command, []):
        pytest.skip(f"`{command}` has no {fmt} format")
    # From January: every partner is new in the period, so the report lists contacts.
    period = ["--from", "2026-01-01"] if command == "report" else []
    argv = ["-C", str(WS), "--today", TODAY, command, *period, "--format", fmt]
    shown = run_cli(argv)
    assert shown.exit_code == 0, shown.stderr
    assert any(detail in shown.stdout for detail in CONTACT_DETAILS), "fixture shows none"
    hidden = run_cli([*argv, "--no-contacts"])
    assert hidden.exit_code == 0, hidden.stderr
    for detail in CONTACT_DETAILS:
        assert detail not in hidden.stdout
