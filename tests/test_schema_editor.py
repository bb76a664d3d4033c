"""The editor's own checker, yaml-language-server, driven over LSP on stdio.

Each corpus file is opened as it lies in a workspace, with the first line
`add` writes (`# yaml-language-server: $schema=../.partnerctl/schema/...`),
beside the schemas `schema --write` wrote. The server must find the schema by
that path (each diagnostic names the schema file it comes from) and must
agree with `validate`: no diagnostic for a valid file, one for a broken file
(but those of test_schema_corpus.INEXPRESSIBLE). A file whose line names a
schema that is not there gets the server's "unable to load" error, so a
wrong path cannot pass unseen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli
from tests.test_schema_corpus import CORPUS, INEXPRESSIBLE, KIND_FILES, Case, cases

from partnerctl.fileschema import modeline

# Documents the server leaves unchecked: a file of nothing but comments is no document.
NOT_CHECKED = {"partner/empty-file": "the language server does not check an empty document"}


class Server:
    """A yaml-language-server process and the diagnostics it publishes, by document URI."""

    def __init__(self, program: str, root: Path) -> None:
        self.process = subprocess.Popen(
            [program, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,  # unbuffered: select() then sees every byte the server wrote
        )
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.settings = {
            "yaml": {
                "validate": True,
                "schemaStore": {"enable": False},
                "yamlVersion": "1.2",
                "format": {"enable": False},
            }
        }
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
                "workspaceFolders": [{"uri": root.as_uri(), "name": "corpus"}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == wanted and "method" not in message:
                return message.get("result")

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("yaml-language-server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = b""
        while len(body) < length:
            chunk = self.process.stdout.read(length - len(body))
            if not chunk:
                raise AssertionError("yaml-language-server stopped")
            body += chunk
        message: dict[str, Any] = json.loads(body)
        self.answer(message)
        return message

    def answer(self, message: dict[str, Any]) -> None:
        """Reply to the server's own requests; keep the diagnostics it publishes."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        elif method is not None and "id" in message:
            result: Any = None
            if method == "workspace/configuration":
                items = message["params"]["items"]
                result = [self.settings.get(item.get("section", "")) for item in items]
            self.send({"id": message["id"], "result": result})

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        params = {
            "textDocument": {
                "uri": uri,
                "languageId": "yaml",
                "version": 1,
                "text": path.read_text(encoding="utf-8"),
            }
        }
        self.notify("textDocument/didOpen", params)
        return uri

    def settle(self, uris: list[str], timeout: float = 90.0) -> None:
        """Read messages until every document has diagnostics and the server is quiet."""
        import selectors

        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            done = all(uri in self.diagnostics for uri in uris)
            if done and time.monotonic() - quiet_since > 2.0:
                return
            if selector.select(timeout=0.5):
                self.receive()
                quiet_since = time.monotonic()
        missing = [uri for uri in uris if uri not in self.diagnostics]
        raise AssertionError(f"no diagnostics in {timeout} s for {missing[:3]}")

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def place_with_modeline(case: Case, root: Path, schemas: Path) -> Path:
    """The case as `add` would leave it: in its folder, its first line naming the schema."""
    shutil.copytree(CORPUS / "workspace", root)
    shutil.copytree(schemas, root / ".partnerctl")
    target = root / KIND_FILES[case.kind]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        modeline(case.kind) + "\n" + case.path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return target


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Any]]]:
    """Every corpus case (and one with a wrong path) opened in one server: its diagnostics."""
    program = shutil.which("yaml-language-server")
    if program is None:
        pytest.skip("yaml-language-server is not installed (npm install -g yaml-language-server)")
    tmp = tmp_path_factory.mktemp("editor")
    base = tmp / "base"
    shutil.copytree(CORPUS / "workspace", base)
    assert run_cli(["-C", str(base), "schema", "--write"]).exit_code == 0
    placed: dict[str, Path] = {}
    for index, case in enumerate(cases("valid") + cases("broken")):
        root = tmp / f"ws{index}"
        placed[f"{case.group}/{case.name}"] = place_with_modeline(case, root, base / ".partnerctl")
    wrong = tmp / "wrong" / "partners" / "acme.yaml"
    wrong.parent.mkdir(parents=True)
    wrong.write_text(modeline("partner") + "\nname: Acme\nstage: prospect\n", encoding="utf-8")
    placed["wrong-path"] = wrong
    server = Server(program, tmp)
    try:
        uris = {name: server.open(path) for name, path in placed.items()}
        server.settle(list(uris.values()))
        return {name: (placed[name], server.diagnostics[uri]) for name, uri in uris.items()}
    finally:
        server.close()


def _from_schema(diagnostics: list[Any], path: Path) -> list[Any]:
    """The diagnostics that come from the schema named by the file's first line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
    return [d for d in diagnostics if schema.as_uri() in (d.get("data") or {}).get("schemaUri", [])]


@pytest.mark.parametrize("case", cases("valid"), ids=lambda c: c.name)
def test_the_editor_accepts_valid_files(
    case: Case, editor: dict[str, tuple[Path, list[Any]]]
) -> None:
    _path, diagnostics = editor[f"valid/{case.name}"]
    assert diagnostics == []


@pytest.mark.parametrize("case", cases("broken"), ids=lambda c: c.name)
def test_the_editor_faults_broken_files(
    case: Case, editor: dict[str, tuple[Path, list[Any]]]
) -> None:
    path, diagnostics = editor[f"broken/{case.name}"]
    if case.name in INEXPRESSIBLE or case.name in NOT_CHECKED:
        assert _from_schema(diagnostics, path) == []
        return
    assert diagnostics, "the editor accepts what validate refuses"
    syntax = case.expected_path == "" and not _from_schema(diagnostics, path)
    assert syntax or _from_schema(diagnostics, path), diagnostics


def test_a_wrong_path_is_seen(editor: dict[str, tuple[Path, list[Any]]]) -> None:
    _path, diagnostics = editor["wrong-path"]
    assert any("Unable to load schema" in d["message"] for d in diagnostics), diagnostics
