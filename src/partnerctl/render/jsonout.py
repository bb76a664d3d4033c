"""JSON documents: `{"version": 1, ...}`, dates as ISO strings, stable key order."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from partnerctl.errors import Problem

JSON_VERSION = 1


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def document(body: dict[str, Any], errors: list[Problem] | None = None) -> str:
    """A versioned JSON document; `errors` adds DESIGN's `errors` list when given."""
    doc: dict[str, Any] = {"version": JSON_VERSION}
    doc.update(body)
    if errors is not None:
        doc["errors"] = [problem.as_json() for problem in errors]
    return json.dumps(doc, default=_default, ensure_ascii=False, indent=2) + "\n"
