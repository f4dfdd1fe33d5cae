"""
Clear errors for arguments of the wrong type.

A wrong-typed argument usually fails deep inside a call: in the extension
module (nanobind's "incompatible function arguments ... Invoked with types"),
or as an ``AttributeError`` / "not iterable" where the value is first used.
Neither says which argument of which public call was wrong. Every public
function and method is wrapped so that, *when it fails* with ``TypeError`` or
``AttributeError``, its arguments are checked against its annotations; the
first that does not match is named in a new ``TypeError`` (the original is
kept as its cause). Successful calls pay for one ``try`` only, and an error
that no argument explains (say, from a user's callback) passes unchanged.
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import numbers
import os
import pathlib
import types
import typing
from typing import Any

import pyarrow as pa

# Names the annotations use but the modules import only for type checkers.
_ANNOTATION_NAMESPACE: dict[str, Any] = {
    **{name: getattr(collections.abc, name) for name in collections.abc.__all__},
    **{name: getattr(typing, name) for name in ("Any", "Literal", "Optional", "Union")},
    "Path": pathlib.Path,
    "os": os,
    "pa": pa,
    "pyarrow": pa,
}

_NOT_RESOLVED = object()


def check_arguments_of(cls_or_function: Any, public_names: dict[str, Any]) -> Any:
    """
    Wraps a public function, or every public method (and ``__init__``) of a class.

    ``public_names`` are the package's public names, which annotations refer to.
    """
    if inspect.isfunction(cls_or_function):
        return _wrap(cls_or_function, public_names)
    if not inspect.isclass(cls_or_function):
        return cls_or_function  # a type alias such as Lens
    for name, member in list(vars(cls_or_function).items()):
        if name.startswith("_") and name != "__init__":
            continue
        if isinstance(member, (staticmethod, classmethod)):
            setattr(cls_or_function, name, type(member)(_wrap(member.__func__, public_names)))
        elif inspect.isfunction(member):
            setattr(cls_or_function, name, _wrap(member, public_names))
    return cls_or_function


def require_callable(value: Any, call_name: str, argument: str) -> None:
    """For callables stored now and called later, where a late error would name nothing."""
    if not callable(value):
        raise TypeError(f"{call_name}: argument '{argument}' must be a callable, not {type(value).__name__}")


def _wrap(function: Any, public_names: dict[str, Any]) -> Any:
    if getattr(function, "__rrflow_checked__", False):
        return function
    signature = inspect.signature(function)
    call_name = function.__qualname__.removesuffix(".__init__") + "()"
    hints: dict[str, Any] | None = None

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (TypeError, AttributeError) as error:
            nonlocal hints
            if hints is None:
                hints = _resolve_hints(function, public_names)
            culprit = _wrong_argument(signature, hints, args, kwargs, str(error))
            if culprit is None:
                raise
            raise TypeError(f"{call_name}: {culprit}") from error

    checked.__rrflow_checked__ = True  # type: ignore[attr-defined]
    return checked


def _resolve_hints(function: Any, public_names: dict[str, Any]) -> dict[str, Any]:
    namespace = {**_ANNOTATION_NAMESPACE, **public_names, **function.__globals__}
    hints = {}
    for name, annotation in function.__annotations__.items():
        if not isinstance(annotation, str):
            hints[name] = annotation
            continue
        try:
            hints[name] = eval(annotation, namespace)  # noqa: S307 (our own annotation text)
        except Exception:
            hints[name] = _NOT_RESOLVED
    return hints


def _wrong_argument(
    signature: inspect.Signature, hints: dict[str, Any], args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> str | None:
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return None  # a wrong call shape: Python's own message says it best
    for name, value in bound.arguments.items():
        expected = hints.get(name, _NOT_RESOLVED)
        parameter = signature.parameters[name]
        if parameter.kind is parameter.VAR_POSITIONAL:
            values = value
        elif parameter.kind is parameter.VAR_KEYWORD:
            values = tuple(value.values())
        else:
            values = (value,)
        for item in values:
            if expected is _NOT_RESOLVED or _matches(item, expected):
                continue
            if f"'{name}'" in message:
                return None  # the original error already names this argument
            return f"argument '{name}' must be {_describe(expected)}, not {_describe_value(item)}"
    return None


def _matches(value: Any, expected: Any) -> bool:
    if expected is Any or expected is _NOT_RESOLVED or isinstance(expected, typing.TypeVar):
        return True
    if expected is None or expected is type(None):
        return value is None
    origin = typing.get_origin(expected)
    members = typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, member) for member in members)
    if origin is typing.Literal:
        return any(value == member and type(value) is type(member) for member in members)
    if origin is collections.abc.Callable:
        return callable(value)
    if origin is not None:
        return _matches_generic(value, origin, members)
    if expected is float:
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if isinstance(expected, type):
        try:
            return isinstance(value, expected)
        except TypeError:  # protocols that are not runtime-checkable
            return True
    return True


def _matches_generic(value: Any, origin: Any, members: tuple[Any, ...]) -> bool:
    try:
        if not isinstance(value, origin):
            return False
    except TypeError:
        return True
    if isinstance(value, (str, bytes)) or not members:
        return True
    if isinstance(value, collections.abc.Mapping) and len(members) == 2:
        return all(_matches(k, members[0]) and _matches(v, members[1]) for k, v in value.items())
    if isinstance(value, (list, tuple)) and (len(members) == 1 or members[-1] is Ellipsis):
        return all(_matches(item, members[0]) for item in value)
    return True  # iterators are not consumed to be checked


def _describe(expected: Any) -> str:
    if expected is None or expected is type(None):
        return "None"
    origin = typing.get_origin(expected)
    members = typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        names = [_describe(member) for member in members]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if origin is typing.Literal:
        return " or ".join(repr(member) for member in members)
    if origin is collections.abc.Callable:
        return "a callable"
    if origin is not None:
        container: str = {list: "list", tuple: "tuple", dict: "dict"}.get(origin, origin.__name__.lower())
        if not members:
            return container
        if len(members) == 2 and members[1] is not Ellipsis:
            return f"{container} of {_describe_item(members[0])} to {_describe_item(members[1])}"
        return f"{container} of {_describe_item(members[0])}"
    if expected is os.PathLike:
        return "os.PathLike"
    module = getattr(expected, "__module__", "")
    name = getattr(expected, "__qualname__", repr(expected))
    if module.startswith("pyarrow"):
        return f"pyarrow.{name}"
    return name


def _describe_value(value: Any) -> str:
    name = type(value).__name__
    if isinstance(value, (list, tuple)) and value:
        return f"{name} holding " + ", ".join(sorted({type(item).__name__ for item in value}))
    return name


def _describe_item(expected: Any) -> str:
    # "sequence of (A or B), C or None" keeps the item's alternatives apart from the argument's.
    text = _describe(expected)
    return f"({text})" if typing.get_origin(expected) in (typing.Union, types.UnionType) else text
