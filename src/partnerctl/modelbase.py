"""The base of every pydantic model of a user's file: unknown keys refused, values frozen."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class Strict(BaseModel):
    """A model of a mapping a user wrote: `extra="forbid"` so a typo is an error, not lost."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class WithLists(Strict):
    """A model with list fields: a list key with nothing after it is an empty list.

    People write `touchpoints:` before they fill one in; YAML reads it as null.
    (Only the models with lists have this check: it runs for every instance.)
    """

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        empty = [key for key in _list_keys(cls) if key in data and data[key] is None]
        return {**data, **{key: [] for key in empty}} if empty else data


@functools.cache
def _list_keys(model: type[BaseModel]) -> frozenset[str]:
    """The keys (as written in files) of a model's list fields."""
    return frozenset(
        field.alias or name
        for name, field in model.model_fields.items()
        if typing.get_origin(field.annotation) is list
    )
