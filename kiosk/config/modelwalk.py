"""The declared type at a place in an editor file: walking the pydantic models along a key path."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
            return tuple(members)
        return tp


def fields_of(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def tag_of(model: type[BaseModel]) -> tuple[str, ...]:
    info = model.model_fields.get("type")
    return get_args(info.annotation) if info is not None and get_origin(info.annotation) is Literal else ()


def descend(tp: Any, part: str | int) -> tuple[Any, bool]:
    """Type one step below ``tp`` along ``part``; the flag says whether ``part`` was a union tag."""
    tp = unwrap(tp)
    if isinstance(tp, tuple):
        for member in tp:
            if isinstance(member, type) and issubclass(member, BaseModel) and part in tag_of(member):
                return member, True
        return None, False
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = fields_of(tp).get(str(part))
        return (info.annotation if info is not None else None), False
    origin = get_origin(tp)
    if origin is list:
        return get_args(tp)[0], False
    if origin is dict:
        return get_args(tp)[1], False
    return None, False


def model_at(root: Any, loc: tuple[str | int, ...]) -> Any:
    """The declared type at ``loc`` of a pydantic error location (skipping union tags)."""
    tp = root
    for part in loc:
        tp, _ = descend(tp, part)
        if tp is None:
            return None
    return unwrap(tp)


def models_in(tp: Any) -> list[type[BaseModel]]:
    """The models a value of type ``tp`` can be: itself, the members of a union, the items of a list."""
    tp = unwrap(tp)
    if get_origin(tp) is list:
        tp = unwrap(get_args(tp)[0])
    members = tp if isinstance(tp, tuple) else (tp,)
    return [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
