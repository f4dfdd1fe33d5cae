from __future__ import annotations


def _path_expression(path: str, subtree: bool) -> str:
    if not path.startswith("/"):
        raise ValueError(f"Entity path expression must start with '/', got: {path!r}")
    if subtree and not path.endswith("/**"):
        path = f"{path}/**"
    return path


class ContentFilter:
    """
    An immutable list of entity-path rules for ``content=`` arguments.

    Each rule is ``/path`` (include), ``-/path`` (exclude), with a ``/**`` suffix
    covering the whole subtree. When several rules match a path, the most
    specific one decides; a path no rule matches is excluded. Property entities
    (``/__properties/**``) stay excluded unless :meth:`include_properties` (or a
    rule naming them) says otherwise. Every method returns a new filter.
    """

    __slots__ = ("_exprs",)

    def __init__(self, exprs: str | tuple[str, ...] | list[str]) -> None:
        # One string is one expression (as for ``content=``), not a sequence of characters.
        self._exprs: tuple[str, ...] = (exprs,) if isinstance(exprs, str) else tuple(exprs)
        for expr in self._exprs:
            if not isinstance(expr, str):
                raise TypeError(f"ContentFilter(): argument 'exprs' must hold str, not {type(expr).__name__}")

    @classmethod
    def everything(cls) -> ContentFilter:
        """Every entity path (properties aside): ``/**``."""
        return cls(("/**",))

    @classmethod
    def nothing(cls) -> ContentFilter:
        """No entity path at all."""
        return cls(())

    def include(self, path: str, *, subtree: bool = False) -> ContentFilter:
        """Add an include rule for ``path`` (which must start with ``/``), or its whole subtree."""
        return ContentFilter((*self._exprs, _path_expression(path, subtree)))

    def exclude(self, path: str, *, subtree: bool = False) -> ContentFilter:
        """Add an exclude rule for ``path`` (which must start with ``/``), or its whole subtree."""
        return ContentFilter((*self._exprs, f"-{_path_expression(path, subtree)}"))

    def include_properties(self) -> ContentFilter:
        """Include the ``/__properties`` subtree, which is excluded by default."""
        return ContentFilter((*self._exprs, "/__properties/**"))

    def to_exprs(self) -> list[str]:
        """The rules, as expression strings."""
        return list(self._exprs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContentFilter):
            return NotImplemented
        return self._exprs == other._exprs

    def __hash__(self) -> int:
        return hash(self._exprs)

    def __repr__(self) -> str:
        return f"ContentFilter({list(self._exprs)!r})"
