from __future__ import annotations

import numbers
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

    def _fields(self) -> tuple[int | None, int | None, int | None, int, bool, float | None, bool]:
        # Checked when a profile is used, as rerun-sdk does (it accepts any value when
        # the profile is made): TypeErrors naming the field, and for the counts, which
        # are unsigned 64-bit in the engine as in rerun-sdk, the same OverflowErrors.
        for name in ("max_bytes", "max_rows", "max_rows_if_unsorted", "extra_passes"):
            count = getattr(self, name)
            if count is None and name != "extra_passes":
                continue
            if not isinstance(count, numbers.Integral) or isinstance(count, bool):
                raise TypeError(f"OptimizationProfile.{name} must be an int, not {type(count).__name__}")
            if int(count) < 0:
                raise OverflowError("can't convert negative int to unsigned")
            if int(count) >= 2**64:
                raise OverflowError("int too big to convert")
        for name in ("gop_batching", "fix_keyframe"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"OptimizationProfile.{name} must be a bool, not {type(getattr(self, name)).__name__}")
        ratio = self.split_size_ratio
        if ratio is not None and (not isinstance(ratio, numbers.Real) or isinstance(ratio, bool)):
            raise TypeError(f"OptimizationProfile.split_size_ratio must be a float or None, not {type(ratio).__name__}")
        # Counts past the engine's signed 64-bit range mean no limit there.
        def clamped(count: int | None) -> int | None:
            return None if count is None else min(count, 2**63 - 1)

        return (clamped(self.max_bytes), clamped(self.max_rows), clamped(self.max_rows_if_unsorted),
                min(self.extra_passes, 2**63 - 1), self.gop_batching, self.split_size_ratio, self.fix_keyframe)


OptimizationProfile.LIVE = OptimizationProfile(max_bytes=393_216, max_rows=4_096, max_rows_if_unsorted=1_024)
OptimizationProfile.OBJECT_STORE = OptimizationProfile(max_bytes=2_097_152, max_rows=65_536, max_rows_if_unsorted=8_192)
