"""The one normalisation of the selection arguments of filter, drop, split and lenses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _core
from ._component_descriptor import _component_identifier

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._component_descriptor import ComponentDescriptor
    from ._content_filter import ContentFilter


def _content_filter(content: ContentFilter | str | Sequence[str] | None) -> _core.ContentFilter | None:
    """
    The parsed ``content=`` argument: one expression, a sequence of them, or a
    content filter (ours or rerun-sdk's, both have ``to_exprs()``).
    """
    if content is None:
        return None
    if isinstance(content, str):
        return _core.ContentFilter([content])
    if hasattr(content, "to_exprs"):
        return _core.ContentFilter(list(content.to_exprs()))
    return _core.ContentFilter(list(content))


def _component_identifiers(components: Any) -> list[str] | None:
    """The ``components=`` argument as identifiers: one component, or a sequence of them."""
    if components is None:
        return None
    if isinstance(components, str):
        return [components]
    if hasattr(components, "component") and not isinstance(components, (list, tuple)):
        return [components.component]
    return [_component_identifier(c) for c in components]


def _filter_criteria(
    content: ContentFilter | str | Sequence[str] | None,
    has_timeline: str | None,
    is_static: bool | None,
    components: ComponentDescriptor | str | Sequence[ComponentDescriptor | str] | None,
) -> _core.FilterCriteria:
    """What ``filter``, ``drop`` and ``split`` select, ready for the engine."""
    return _core.FilterCriteria(_content_filter(content), has_timeline, is_static, _component_identifiers(components))
