"""The base of every pydantic model of a user's file: unknown keys refused, values frozen."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A model of a mapping a user wrote: `extra="forbid"` so a typo is an error, not lost."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
