"""The dependency floors of pyproject.toml, which CI installs once and runs the suite on.

`.ci/floors.py` turns each `name>=X` into `name==X`; `.ci/run` installs those
into a second venv and runs this suite there with PARTNERCTL_EXPECT_FLOORS=1,
so that this file can check it really got the lowest versions.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tomllib
from importlib.metadata import version

import pytest
from tests.conftest import ROOT


def _floors_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("floors", ROOT / ".ci" / "floors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _release(text: str) -> tuple[int, ...]:
    """`0.22` → (0, 22, 0): a release number, padded so that 13 == 13.0.0."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:3]]
    return tuple(numbers + [0] * (3 - len(numbers)))


def test_every_dependency_has_a_floor_and_floors_py_pins_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _floors_module().floors(ROOT / "pyproject.toml")
    assert len(pins) == len(project["dependencies"])
    for requirement, pin in zip(project["dependencies"], pins, strict=True):
        name, floor = requirement.split(">=")
        assert pin == f"{name}=={floor}"


def test_installed_versions_meet_the_floors() -> None:
    for pin in _floors_module().floors(ROOT / "pyproject.toml"):
        name, floor = pin.split("==")
        assert _release(version(name)) >= _release(floor), (name, version(name), floor)


@pytest.mark.skipif(
    not os.environ.get("PARTNERCTL_EXPECT_FLOORS"),
    reason="only in CI's run on the lowest allowed versions (.ci/run)",
)
def test_this_run_has_exactly_the_floors() -> None:
    for pin in _floors_module().floors(ROOT / "pyproject.toml"):
        name, floor = pin.split("==")
        assert _release(version(name)) == _release(floor), (name, version(name), floor)
