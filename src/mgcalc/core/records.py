"""`Record`: an immutable value class declared by its annotations, like a NamedTuple.

Defining a NamedTuple costs about a million instructions at import (typing and
collections generate and compile code for each one), which adds up over mgcalc's two
dozen value classes at every start. Defining a Record costs a thirtieth of that: its
fields are read from the class's annotations once, and one shared __init__ fills them
in. The classes made once per row of a batch stay NamedTuples, whose instances are
quicker to make.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Any:  # only type checkers read it
        return lambda cls: cls


@dataclass_transform(frozen_default=True)
class Record:
    """Fields are the annotated names, in order; a value in the class body is a default."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(cls.__annotations__)  # its own, not a base's (Python 3.10+)
        cls._defaults = {name: cls.__dict__[name] for name in cls._fields if name in cls.__dict__}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields, defaults, values = self._fields, self._defaults, self.__dict__
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}: {len(args)} values for {len(fields)} fields")
        values.update(zip(fields, args, strict=False))
        for name in fields[len(args) :]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in defaults:
                values[name] = defaults[name]
            else:
                raise TypeError(f"{type(self).__name__}: no value for {name}")
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unexpected {', '.join(kwargs)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"
