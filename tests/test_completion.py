"""Shell completion of partner ids (file names only, no YAML read)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
import typer
from tests.conftest import CLI_ENV, DATA, copy_data
from typer.testing import CliRunner

from partnerctl.cli.app import PartnerctlGroup
from partnerctl.cli.complete import complete_partner_id
from partnerctl.cli.invocation import _STATE

WS = DATA / "report-basic"
ALL = ["bolt-electric", "harbor-bakery", "old-mill", "pixel-studio", "riverside-auto"]


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    _STATE.set(None)
    monkeypatch.delenv("PARTNERCTL_DIR", raising=False)


def test_from_partnerctl_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNERCTL_DIR", str(WS))
    assert complete_partner_id("") == ALL
    assert complete_partner_id("p") == ["pixel-studio"]
    assert complete_partner_id("zzz") == []


def test_from_the_current_folder_upward(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(WS / "partners")
    assert complete_partner_id("b") == ["bolt-electric"]


def test_no_workspace_completes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete_partner_id("") == []
    monkeypatch.setenv("PARTNERCTL_DIR", str(tmp_path / "missing"))
    assert complete_partner_id("") == []


def test_names_only_no_yaml_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ws = copy_data("report-basic", tmp_path)
    (ws / "partners" / "broken.yml").write_text("name: [unclosed\n", encoding="utf-8")
    (ws / "partners" / "notes.txt").write_text("not a partner\n", encoding="utf-8")
    (ws / "partners" / ".riverside-auto.yaml.123.tmp").write_text("", encoding="utf-8")
    monkeypatch.setenv("PARTNERCTL_DIR", str(ws))
    assert complete_partner_id("") == sorted([*ALL, "broken"])
    assert complete_partner_id("r") == ["riverside-auto"]


def _demo_app() -> typer.Typer:
    demo = typer.Typer(cls=PartnerctlGroup, add_completion=True)

    @demo.callback()
    def root() -> None:
        """Demo."""

    @demo.command()
    def show(pid: Annotated[str, typer.Argument(autocompletion=complete_partner_id)]) -> None:
        """Demo."""

    return demo


def _complete(app: typer.Typer, words: str, monkeypatch: pytest.MonkeyPatch) -> str:
    env = {k: v for k, v in CLI_ENV.items() if v is not None}
    env.update({"_PARTNERCTL_COMPLETE": "complete_bash", "COMP_WORDS": words})
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    result = CliRunner().invoke(app, [], prog_name="partnerctl", env=env)
    assert result.exit_code == 0
    return result.output


def test_through_the_shell_with_dir_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _demo_app()
    assert _complete(app, f"partnerctl -C {WS} show ri", monkeypatch) == "riverside-auto\n"
    assert _complete(app, f"partnerctl show --dir {WS} ", monkeypatch) == "\n".join(ALL) + "\n"


def test_real_show_command_completes_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """`partnerctl show ri<Tab>`: the ID arguments of the real commands have it attached."""
    from partnerctl.cli.main import app

    assert _complete(app, f"partnerctl -C {WS} show ri", monkeypatch) == "riverside-auto\n"


def test_placement_ids_complete_in_the_placement_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """`partnerctl placement hours bo<Tab>`: placement ids, from the names in placements/."""
    from partnerctl.cli.main import app

    wbl = Path(__file__).parent / "data" / "wbl-basic"
    words = f"partnerctl -C {wbl} placement hours bo"
    assert _complete(app, words, monkeypatch) == "bolt-motors-2026-10\n"
    words = f"partnerctl -C {wbl} placement add pi"
    assert _complete(app, words, monkeypatch) == "pine-clinic\n"  # a partner id there
