from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, kw_only=True)
class OptimizationProfile:
    """
    How :meth:`LazyChunkStream.collect` compacts the chunks it gathers.

    ``LIVE`` keeps chunks small for interactive viewing; ``OBJECT_STORE`` makes
    them large for bulk storage and querying. Thresholds left as ``None`` take
    ``LIVE``'s values.
    """

    LIVE: ClassVar[OptimizationProfile]
    OBJECT_STORE: ClassVar[OptimizationProfile]

    max_bytes: int | None = None
    """Largest chunk, in estimated bytes."""

    max_rows: int | None = None
    """Most rows in a chunk whose timelines are sorted."""

    max_rows_if_unsorted: int | None = None
    """Most rows in a chunk with an unsorted timeline."""

    extra_passes: int = 50
    """Re-insertion passes after the first; they stop once a pass merges nothing."""

    gop_batching: bool = True
    """Rebatch video samples so that chunks start at keyframes."""

    split_size_ratio: float | None = None
    """
    Keep archetypes whose byte sizes differ by at least this factor in separate
    chunks (large images apart from small scalars); ``None`` keeps them together.
    """

    fix_keyframe: bool = False
    """Re-derive keyframe flags from the video samples while rebatching."""

    def _fields(self) -> tuple:
        return (self.max_bytes, self.max_rows, self.max_rows_if_unsorted, self.extra_passes,
                self.gop_batching, self.split_size_ratio, self.fix_keyframe)


OptimizationProfile.LIVE = OptimizationProfile(max_bytes=393_216, max_rows=4_096, max_rows_if_unsorted=1_024)
OptimizationProfile.OBJECT_STORE = OptimizationProfile(max_bytes=2_097_152, max_rows=65_536, max_rows_if_unsorted=8_192)
