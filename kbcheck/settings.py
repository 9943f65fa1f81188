"""``@settings``: a settings class that becomes a dataclass only when pydantic needs one.

The dataclass decorator compiles an ``__init__``, ``__repr__`` and ``__eq__``
for every class as its module is imported (for the settings classes, 7 % of
the instructions of a run on one page); yet a run whose settings are kept validated (see
``kbcheck.validation``) only makes their defaults and compares them. So a
settings class gets methods that read its fields instead, with the same
behaviour (keyword or positional arguments, defaults and ``field()`` with
``default_factory``, ``init``, ``repr`` and ``compare``, ``__post_init__``, no
hash), and is made a real dataclass, for pydantic and ``dataclasses.fields``,
by :func:`as_dataclasses`.
"""

from __future__ import annotations

from dataclasses import MISSING, Field
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")
_WAITING: list[type] = []  # settings classes not yet made dataclasses, in definition order


class _Field(NamedTuple):
    name: str
    default: Any
    factory: Any
    init: bool
    repr: bool
    compare: bool


def settings(cls: type[T]) -> type[T]:
    """Give ``cls`` the methods of a dataclass with the fields it annotates."""
    found = [f for base in reversed(cls.__mro__[1:]) for f in base.__dict__.get("_fields_", ())]
    for name in vars(cls).get("__annotations__", {}):  # its own, not its bases'
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            spec = (value.default, value.default_factory, value.init, value.repr, value.compare)
            found.append(_Field(name, *spec))
        else:
            found.append(_Field(name, value, MISSING, True, True, True))
    cls._fields_ = tuple(found)  # type: ignore[attr-defined]
    for name, method in (("__init__", _init), ("__repr__", _repr), ("__eq__", _eq)):
        if name not in cls.__dict__:
            setattr(cls, name, method)
    cls.__hash__ = None  # type: ignore[assignment]  # as a dataclass with eq and not frozen
    _WAITING.append(cls)
    return cls


def as_dataclasses() -> None:
    """Make every settings class a dataclass (its methods stay): pydantic is about to read them."""
    from dataclasses import dataclass

    while _WAITING:
        dataclass(_WAITING.pop(0))


def _init(self: Any, *args: Any, **values: Any) -> None:
    fields = type(self)._fields_
    if args:
        names = [f.name for f in fields if f.init]
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} positional arguments")
        for name, value in zip(names, args, strict=False):
            if name in values:
                raise TypeError(f"{type(self).__name__}() got multiple values for {name!r}")
            values[name] = value
    for f in fields:
        if f.init and f.name in values:
            value = values.pop(f.name)
        elif f.factory is not MISSING:
            value = f.factory()
        elif f.default is not MISSING:
            value = f.default
        else:
            raise TypeError(f"{type(self).__name__}() missing required argument: {f.name!r}")
        self.__dict__[f.name] = value
    if values:
        unknown = next(iter(values))
        raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {unknown!r}")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in type(self)._fields_ if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = [f.name for f in type(self)._fields_ if f.compare]
    return [getattr(self, n) for n in compared] == [getattr(other, n) for n in compared]
