from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from . import _core

if TYPE_CHECKING:
    from collections.abc import Callable


class Selector:
    """
    A jq-like query over Arrow arrays, evaluated column-wise by the C++ engine.

    The language:

    * ``.field`` takes a struct's field (a null struct makes the field null; a
      missing field makes the whole result absent, ``None``);
    * ``[]`` iterates a list (or fixed-size list); ``[N]`` takes element ``N``
      of each list (null when out of range);
    * ``?`` after a step turns its error into an absent result;
    * ``!`` after a step marks a group whose values are all null as null (seen
      in per-row results);
    * ``|`` pipes; adjacent steps pipe implicitly (``.a.b[0]``);
    * ``map(expr)`` runs ``expr`` on the elements of each row of a list;
    * ``name`` / ``name("arg"; ...)`` call a function (none are registered, so
      calls fail when they run).

    Example::

        Selector(".location.x").execute(struct_array)
        Selector(".values").pipe(lambda arr: pyarrow.compute.multiply(arr, 2))
    """

    __slots__ = ("_internal",)

    def __init__(self, query: str) -> None:
        """
        Parse ``query``.

        Raises
        ------
        ValueError
            ``Failed to parse selector: <reason>``, the reason naming the
            offending token or character (with its line and column).

        """
        if not isinstance(query, str):
            raise TypeError(f"argument 'query': '{type(query).__name__}' object cannot be converted to 'PyString'")
        self._internal = _core.Selector.parse(query)

    @classmethod
    def _from_internal(cls, internal: _core.Selector) -> Selector:
        selector = cls.__new__(cls)
        selector._internal = internal
        return selector

    def execute(self, source: pa.Array[Any]) -> pa.Array[Any] | None:
        """
        Run the selector on ``source`` and return the resulting values.

        The result is flat: ``[]`` concatenates the lists it iterates, so the
        length may differ from the input's. ``None`` when the result is absent
        (a missing field, or an error suppressed by ``?``).

        Raises
        ------
        RuntimeError
            ``Selector execution failed: <reason>`` (a step on a type it does
            not accept, an unknown function, a failing ``pipe`` callable).

        """
        return self._internal.execute(_as_array(source))

    def execute_per_row(self, source: pa.Array[Any]) -> pa.Array[Any] | None:
        """
        Run the selector on the elements of each row of the list array ``source``.

        The result is a list array with one row per input row: a null input
        row stays null, and a non-empty row whose groups are all null (a null
        list iterated by ``[]``, or values asserted by ``!``) becomes null.
        ``None`` when the result is absent.

        Raises
        ------
        TypeError
            If ``source`` is not a list array (32-bit offsets).
        RuntimeError
            As for :meth:`execute`.

        """
        return self._internal.execute_per_row(_as_array(source))

    def pipe(self, func: Callable[[pa.Array[Any]], pa.Array[Any] | None] | Selector) -> Selector:
        """
        A new selector that feeds this one's values to ``func``; this one is unchanged.

        ``func`` is another :class:`Selector` (the same as writing ``|``), or a
        callable that receives the values as a ``pyarrow.Array`` and returns a
        ``pyarrow.Array`` (of the same length, for per-row use) or ``None``
        for an absent result.
        """
        if isinstance(func, Selector):
            return Selector._from_internal(self._internal.pipe_selector(func._internal))
        if callable(func):
            return Selector._from_internal(self._internal.pipe_function(func))
        raise TypeError(f"Selector.pipe(): argument 'func' must be a callable or Selector, not {type(func).__name__}")

    def __str__(self) -> str:
        return str(self._internal)

    def __repr__(self) -> str:
        return repr(self._internal)

    def __reduce__(self) -> tuple[Any, ...]:
        if self._internal.has_function:
            raise TypeError(
                "Cannot pickle Selector containing a Python callable from .pipe(); "
                "pass a Selector to .pipe() instead, or use a pure-string selector."
            )
        return (Selector, (str(self),))


def _as_array(source: object) -> pa.Array[Any]:
    if not isinstance(source, pa.Array):
        kind = type(source)
        raise TypeError(f"argument 'source': Expected instance of pyarrow.lib.Array, got {kind.__module__}.{kind.__qualname__}")
    return source


def _as_selector(selector: Selector | str) -> Selector:
    return selector if isinstance(selector, Selector) else Selector(selector)
