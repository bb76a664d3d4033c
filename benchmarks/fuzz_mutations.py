"""The mutations of benchmarks/fuzz.py: ways a workspace file goes wrong.

Two families. Text mutations work on the file's bytes, so they reach the
YAML reader and its error locations: random bytes, cut lines, broken
indentation, tabs, duplicate keys, odd Unicode, deep nesting, tags, anchors.
Data mutations parse the (valid) file, change one value deep inside and dump
it again, so the file still parses and the change reaches validation and the
commands: swapped types, huge numbers, extreme dates, odd text, deep nesting.
Edge-date mutations put dates at the calendar's edges (0001-01-01, 9999-12-31),
repeat rules that never or rarely match, and day counts that carry date
arithmetic past the edges. Every mutation is a function of a `random.Random`,
so a case is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

Text = bytes
Data = Any

ODD_TEXT = [
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "e\u0301\u0301\u0301\u0301",
    "\U0001f600\U0001f469\u200d\U0001f4bb",
    "\ufeff",
    "\ufffe",
    "\u2028",
    "\x85",
    "\r",
    "[bold red]X[/]",
    "[link=https://evil.example]click[/link]",
    '=HYPERLINK("http://x")',
    "",
    " ",
    "x" * 5000,
    "é" * 300,
    "\t",
    "'\"",
    "%s%n{0}{}",
]
ODD_BYTES = [
    b"\x00",
    b"\xed\xa0\x80",  # a UTF-16 surrogate encoded as UTF-8: not valid UTF-8
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xae",  # U+202E
    b"\xe2\x81\xa6",  # U+2066
    b"\xcc\x81\xcc\x81",  # combining acute accents
    b"\xf0\x9f\x98\x80",  # emoji
    b"\xef\xbb\xbf",  # a BOM in the middle
    b"\x1b[31m",
    b"\x1b]0;t\x07",
    b"\r",
    b"\r\n",
    b"\t",
    b"\x85",
    b"\xe2\x80\xa8",
]
HUGE = [
    "1" + "0" * 30,
    "9" * 400,
    "9" * 5000,
    "-1",
    "-" + "9" * 30,
    "0",
    "1e309",
    ".inf",
    "-.inf",
    ".nan",
    "0x7fffffffffffffff",
    "1_000_000",
    "2147483648",
    "3.5",
    "-0",
]
DATES = [
    "9999-12-31",
    "0001-01-01",
    "0000-01-01",
    "2026-02-30",
    "2026-13-01",
    "10000-01-01",
    "2026-11-24T10:30:00",
    "2026-11-24 10:30",
    "2026-1-2",
    "12-31",
    "02-29",
    "00-00",
    "13-40",
    "99-99",
    "-2026-01-01",
    "today",
    "FREQ=DAILY",
    "FREQ=SECONDLY;COUNT=100000",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;UNTIL=99991231",
    "FREQ=MINUTELY",
    "FREQ=WEEKLY;BYDAY=XX",
]
SHAPES: list[Callable[[random.Random], Data]] = [
    lambda rng: [],
    lambda rng: {},
    lambda rng: None,
    lambda rng: ["a", "b"],
    lambda rng: {"x": "1"},
    lambda rng: "text",
    lambda rng: [[["deep"]]],
    lambda rng: [{"date": "2026-01-01"}],
    lambda rng: {"from": "11-15", "to": "01-10"},
    lambda rng: rng.choice(HUGE),
    lambda rng: rng.choice(DATES),
    lambda rng: rng.choice(ODD_TEXT),
    lambda rng: True,
]
KEY_LINE = re.compile(rb"^(\s*(?:- )?)([A-Za-z_]+):(.*)$")


# --- text mutations -------------------------------------------------------------


def _lines(text: Text) -> list[bytes]:
    return text.split(b"\n")


def random_bytes(rng: random.Random, text: Text) -> Text:
    data = bytearray(text)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.5 and at < len(data):
            data[at : at + len(noise)] = noise
        else:
            data[at:at] = noise
    return bytes(data)


def cut(rng: random.Random, text: Text) -> Text:
    choice = rng.randrange(3)
    if choice == 0:
        return text[: rng.randrange(len(text) + 1)]
    lines = _lines(text)
    start = rng.randrange(len(lines))
    end = start + (1 if choice == 1 else rng.randint(1, 6))
    return b"\n".join(lines[:start] + lines[end:])


def indentation(rng: random.Random, text: Text) -> Text:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        shift = rng.choice([-3, -2, -1, 1, 2, 3, 7])
        stripped = lines[i].lstrip(b" ")
        indent = max(0, len(lines[i]) - len(stripped) + shift)
        lines[i] = b" " * indent + stripped
    return b"\n".join(lines)


def tabs(rng: random.Random, text: Text) -> Text:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] = re.sub(rb"^( +)", lambda m: b"\t" * max(1, len(m.group(1)) // 2), lines[i])
    if rng.random() < 0.5:
        lines[i] = lines[i].replace(b": ", b":\t", 1)
    return b"\n".join(lines)


def duplicate_key(rng: random.Random, text: Text) -> Text:
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keyed:
        return text + b"\nname: again\nname: twice\n"
    i = rng.choice(keyed)
    copy = lines[i].lstrip(b" -")
    indent = KEY_LINE.match(lines[i])
    pad = b" " * len(indent.group(1)) if indent else b""
    lines.insert(i + rng.randint(1, 3), pad + copy)
    return b"\n".join(lines)


def odd_unicode(rng: random.Random, text: Text) -> Text:
    data = bytearray(text)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data) + 1)
        data[at:at] = rng.choice(ODD_BYTES)
    return bytes(data)


def odd_value(rng: random.Random, text: Text) -> Text:
    """A keyed line's value becomes odd text, quoted so that it still parses."""
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keyed:
        return text
    i = rng.choice(keyed)
    match = KEY_LINE.match(lines[i])
    assert match is not None
    value = rng.choice(ODD_TEXT + HUGE + DATES)
    if rng.random() < 0.5:
        encoded = value.encode("utf-8", "surrogatepass")
    else:  # a YAML double-quoted escape, which reaches the data as the raw character
        encoded = (
            '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        ).encode()
    lines[i] = match.group(1) + match.group(2) + b": " + encoded
    return b"\n".join(lines)


def deep_text(rng: random.Random, text: Text) -> Text:
    depth = rng.choice([50, 99, 101, 500, 3000, 20000])
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    i = rng.choice(keyed) if keyed else 0
    style = rng.randrange(3)
    if style == 0:
        nested = b"[" * depth + b"x" + b"]" * depth
    elif style == 1:
        nested = b"{a: " * depth + b"x" + b"}" * depth
    else:
        nested = b"\n" + b"\n".join(b"  " * (k + 1) + b"- " for k in range(min(depth, 1000)))
    match = KEY_LINE.match(lines[i]) if lines else None
    head = (match.group(1) + match.group(2) + b": ") if match else b"name: "
    lines[i] = head + nested
    return b"\n".join(lines)


def yaml_features(rng: random.Random, text: Text) -> Text:
    extras = [
        b"--- \n" + text + b"\n---\nname: second document\n",
        b"\xef\xbb\xbf" + text,
        text.replace(b"\n", b"\r\n"),
        text.replace(b"\n", b"\r"),
        b"",
        b"---\n",
        b"- just\n- a list\n",
        b"plain text\n",
        b"!!python/object/apply:os.system ['echo hi']\n",
        text + b"\nextra: !custom tag\n",
        text + b"\nbomb: &a [x, x]\nb2: &b [*a, *a, *a, *a]\nb3: [*b, *b, *b, *b]\n",
        text + b"\nloop: &l [*l]\n",
        b"&a name: x\n" + text,
        text + b"\n? [complex, key]\n: value\n",
        text + b"\n" + b"# comment \x00\n",
        text.replace(b"\n", b"\n\n\n"),
        text + b"\n" + b"a" * 100_000 + b": 1\n",
        b"\n".join(line + b" # c" for line in _lines(text)),
        b"{" + text[:50] + b"\n",
        b"name: x\nname: y\nstage: active\nstage: lapsed\n",
    ]
    return rng.choice(extras)


TEXT_MUTATIONS: dict[str, Callable[[random.Random, Text], Text]] = {
    "bytes": random_bytes,
    "cut": cut,
    "indent": indentation,
    "tabs": tabs,
    "duplicate-key": duplicate_key,
    "unicode": odd_unicode,
    "odd-value": odd_value,
    "deep-text": deep_text,
    "yaml": yaml_features,
}


# --- data mutations ---------------------------------------------------------------


def _paths(data: Data, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: Data, path: tuple[Any, ...], value: Data) -> Data:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


def _deep(rng: random.Random) -> Data:
    value: Data = "x"
    for _ in range(rng.choice([5, 30, 99, 150])):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def data_mutation(rng: random.Random, data: Data) -> tuple[Data, str]:
    """One change deep inside parsed data: (new data, what was done)."""
    paths = _paths(data)
    path = rng.choice(paths[1:] or paths)
    kind = rng.randrange(6)
    where = ".".join(str(p) for p in path)
    if kind == 0:
        return _replace(data, path, rng.choice(SHAPES)(rng)), f"swap-type {where}"
    if kind == 1:
        return _replace(data, path, rng.choice(HUGE)), f"huge {where}"
    if kind == 2:
        return _replace(data, path, rng.choice(DATES)), f"date {where}"
    if kind == 3:
        return _replace(data, path, rng.choice(ODD_TEXT)), f"odd-text {where}"
    if kind == 4:
        return _replace(data, path, _deep(rng)), f"deep-data {where}"
    parent, last = path[:-1], path[-1] if path else None
    container = data
    for step in parent:
        container = container[step]
    if isinstance(container, dict):
        trimmed = {k: v for k, v in container.items() if k != last}
        if rng.random() < 0.5:
            trimmed[rng.choice(["nmae", "extra", "Name", "stage ", "1", ""])] = "x"
        return _replace(data, parent, trimmed), f"drop-key {where}"
    if isinstance(container, list):
        return _replace(data, parent, container * rng.choice([0, 2, 50])), f"repeat {where}"
    return rng.choice(SHAPES)(rng), "replace-root"


def mutate_data(rng: random.Random, text: Text) -> tuple[Text, str]:
    """Parse, change a value or two, dump: the file still parses."""
    import yaml

    data = yaml.load(text.decode("utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
    notes = []
    for _ in range(rng.choice([1, 1, 2])):
        data, note = data_mutation(rng, data)
        notes.append(note)
    dumped = yaml.safe_dump(
        data, allow_unicode=rng.random() < 0.5, sort_keys=False, default_flow_style=None, width=1000
    )
    return dumped.encode("utf-8", "surrogatepass"), "; ".join(notes)


# Dates at the calendar's edges, and settings that push date arithmetic past them.
EDGE_DATES = [
    "0001-01-01",
    "0001-01-02",
    "0001-12-31",
    "1899-12-31",
    "2999-12-31",
    "9999-01-01",
    "9999-12-25",
    "9999-12-30",
    "9999-12-31",
]
EDGE_RULES = [
    "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",  # never
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",  # every 28 years or so
    "FREQ=WEEKLY",
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=1000000",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
    "FREQ=WEEKLY;UNTIL=99991231",
]
EDGE_NUMBERS = ["0", "1", "366", "367", "3660", "2999999", "999999999", "100000000000"]
DATE_KEYS = frozenset({"date", "since", "expires", "until"})
NUMBER_KEYS = frozenset({"prepare", "spotlight_every", "agreements_notice", "ideal", "max"})


def edge_dates(rng: random.Random, text: Text) -> tuple[Text, str]:
    """Put dates at the calendar's edges (and rules and day counts that reach them)."""
    import yaml

    data = yaml.load(text.decode("utf-8"), Loader=yaml.BaseLoader)
    paths = [p for p in _paths(data) if p and p[-1] in DATE_KEYS | NUMBER_KEYS | {"repeat"}]
    if not paths:
        paths = [("since",)] if isinstance(data, dict) and "stage" in data else []
    notes = []
    for path in rng.sample(paths, min(len(paths), rng.choice([1, 2, 3]))):
        key = path[-1]
        if key == "repeat":
            value = rng.choice(EDGE_RULES)
        elif key in NUMBER_KEYS:
            value = rng.choice(EDGE_NUMBERS)
        else:
            value = rng.choice(EDGE_DATES)
        data = _replace(data, path, value) if _exists(data, path) else {**data, key: value}
        notes.append(f"{'.'.join(map(str, path))}={value}")
    dumped = yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=1000)
    return dumped.encode("utf-8", "surrogatepass"), "; ".join(notes) or "nothing dated"


def _exists(data: Data, path: tuple[Any, ...]) -> bool:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def mutate_workspace(
    rng: random.Random, base: dict[str, bytes]
) -> tuple[dict[str, bytes], list[str]]:
    """The files one case changes (name → new bytes) and a note per mutation."""
    names = sorted(base)
    changed: dict[str, bytes] = {}
    notes: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2])):
        name = rng.choice(names)
        text = changed.get(name, base[name])
        roll = rng.random()
        if roll < 0.2:
            try:
                text, note = edge_dates(rng, text)
                notes.append(f"edge-date {name}: {note}")
            except Exception as err:  # an earlier text mutation left it unparsable
                notes.append(f"edge-date {name}: skipped ({type(err).__name__})")
        elif roll < 0.5:
            try:
                text, note = mutate_data(rng, text)
                notes.append(f"data {name}: {note}")
            except Exception as err:  # an earlier text mutation left it unparsable
                notes.append(f"data {name}: skipped ({type(err).__name__})")
        else:
            kind = rng.choice(sorted(TEXT_MUTATIONS))
            text = TEXT_MUTATIONS[kind](rng, text)
            notes.append(f"{kind} {name}")
        changed[name] = text
    if rng.random() < 0.03:  # a partner file whose name is not a valid id, or .yml
        name = rng.choice([n for n in names if n.startswith("partners/")] or names)
        new = rng.choice(["partners/Bad Name.yaml", "partners/-x.yaml", "partners/dup.yml"])
        changed[new] = changed.get(name, base[name])
        notes.append(f"copy {name} to {new}")
    return changed, notes
