"""The shapes of the plain records, checked on each record read back from the cache.

A record from the cache is used only if it has exactly the keys of its
TypedDict in :mod:`partnerctl.records`, and every value the type it declares:
a damaged or foreign entry that still unpickles (a key dropped, a date turned
into text) is then a cache miss, never a KeyError in `due`.

The checks are generated once per process from the TypedDicts themselves (so
a key added to records.py is checked with no change here), as plain Python
functions: a warm run checks some 100,000 records and sub-records at 10,000
partners, and closures nested per value took seconds where this takes tens of
milliseconds.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from datetime import date
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from partnerctl import records
from partnerctl.records import EventRec, PartnerRec, PlacementRec, SettingsRec

Check = Callable[[Any], bool]
# The Python types a value of each plain type may have (a float field holds `90` as written).
_PLAIN = {str: "(str,)", int: "(int,)", float: "(float, int)", bool: "(bool,)", date: "(date,)"}


class _Generator:
    """Writes one check function per TypedDict, as Python source."""

    def __init__(self) -> None:
        self.source: list[str] = []
        self.names: dict[type, str] = {}
        self.namespace: dict[str, Any] = {"date": date}

    def function(self, typed: type) -> str:
        """The name of the check function of a TypedDict (written on first use)."""
        if typed in self.names:
            return self.names[typed]
        name = f"check_{typed.__name__}"
        self.names[typed] = name
        hints = get_type_hints(typed, vars(records))
        self.namespace[f"keys_{typed.__name__}"] = frozenset(hints)
        body = [
            f"def {name}(v):",
            f"    if type(v) is not dict or v.keys() != keys_{typed.__name__}:",
            "        return False",
        ]
        for field, hint in hints.items():
            body.append(f"    x = v[{field!r}]")
            body.extend(self.lines(hint, "x", "    "))
        body.append("    return True")
        self.source.extend([*body, ""])
        return name

    def lines(self, hint: Any, var: str, indent: str) -> list[str]:
        """Lines that `return False` unless `var` has the type `hint`."""
        optional = False
        if get_origin(hint) in (Union, types.UnionType):
            args = [arg for arg in get_args(hint) if arg is not type(None)]
            optional = len(args) < len(get_args(hint))
            if len(args) != 1:  # pragma: no cover - records.py has X | None unions only
                raise TypeError(f"no shape check for {hint!r}")
            hint = args[0]
        if hint is Any:  # a value that is any of YAML's (a conflict's side): nothing to check
            return []
        inner = indent + "    " if optional else indent
        found: list[str]
        origin = get_origin(hint)
        if origin is Literal:
            allowed = f"allowed_{len(self.namespace)}"
            self.namespace[allowed] = frozenset(get_args(hint))
            found = [f"{inner}if {var} not in {allowed}:", f"{inner}    return False"]
        elif hint in _PLAIN:
            found = [f"{inner}if type({var}) not in {_PLAIN[hint]}:", f"{inner}    return False"]
        elif origin is list:
            item = var + "_"
            found = [
                f"{inner}if type({var}) is not list:",
                f"{inner}    return False",
                f"{inner}for {item} in {var}:",
                *self.lines(get_args(hint)[0], item, inner + "    "),
            ]
        elif origin is dict:
            key, value = var + "_k", var + "_v"
            found = [
                f"{inner}if type({var}) is not dict:",
                f"{inner}    return False",
                f"{inner}for {key}, {value} in {var}.items():",
                *self.lines(get_args(hint)[0], key, inner + "    "),
                *self.lines(get_args(hint)[1], value, inner + "    "),
            ]
        elif isinstance(hint, type) and issubclass(hint, dict):  # a TypedDict
            found = [f"{inner}if not {self.function(hint)}({var}):", f"{inner}    return False"]
        else:  # pragma: no cover - every type records.py uses is above
            raise TypeError(f"no shape check for {hint!r}")
        if optional:
            return [f"{indent}if {var} is not None:", *found]
        return found


@functools.cache
def _checks() -> dict[str, Check]:
    generator = _Generator()
    names = {
        "settings": generator.function(SettingsRec),
        "partner": generator.function(PartnerRec),
        "event": generator.function(EventRec),
        "placement": generator.function(PlacementRec),
    }
    exec("\n".join(generator.source), generator.namespace)  # our own source, built above
    return {kind: generator.namespace[name] for kind, name in names.items()}


def fits(kind: str, value: Any, file: str) -> bool:
    """Whether `value` is a record of `kind` (settings, partner, placement, events) from `file`.

    Beyond the types: a partner's or placement's `file` and `id` must be its file's, and each
    event's `file` too, so that one file's entry can never stand in for another.
    """
    checks = _checks()
    if kind == "events":
        event = checks["event"]
        return type(value) is list and all(
            type(pair) is tuple
            and len(pair) == 2
            and event(pair[0])
            and pair[0]["file"] == file
            and type(pair[1]) is int
            for pair in value
        )
    if not checks[kind](value):
        return False
    if kind in ("partner", "placement"):
        stem = file.rpartition("/")[2].rpartition(".")[0]
        return bool(value["file"] == file and value["id"] == stem)
    return True
