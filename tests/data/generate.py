"""Writes the small .rrd test files in this folder with the real rerun-sdk.

Run with the project's environment (rerun-sdk 0.33.1):

    .venv/bin/python tests/data/generate.py

It also writes the files of older SDKs when run by them, each from a
throwaway environment, e.g.

    python3 -m venv /tmp/rerun-0.23 && /tmp/rerun-0.23/bin/pip install rerun-sdk==0.23.4 numpy
    /tmp/rerun-0.23/bin/python tests/data/generate.py

(likewise for 0.24.1 and 0.28.2).

Every file gets a fixed application and recording id; times logged with
`rr.log` (log_time) differ from run to run, so regenerated files differ in
bytes but not in shape. Files (rerun_<version>_<what>.rrd):

- recording:       several archetypes, static and temporal data, sequence,
                   duration and timestamp timelines (rr.save, with footer)
- no_footer:       the same data written with write_footer=False
- with_blueprint:  a default blueprint and the recording in one file
- chunk_pipeline:  the recording collected and written back by
                   ChunkStore.write_rrd (Rerun's chunk pipeline)

Older SDKs write only `recording`: 0.23.4 (dotted sorbet metadata, indicator
columns, no footer), 0.24.1 (sorbet 0.1.0 with indicators, no footer) and
0.28.2 (the first footers, manifests without compression fields).
"""

import sys
from pathlib import Path

import numpy as np
import rerun as rr
import rerun.blueprint as rrb

OUT = Path(__file__).parent
VERSION = rr.__version__.replace(".", "_")
APP = "rrflow_test_app"


def log_recording() -> None:
    """A few archetypes on three timelines, and static data. `send_columns`
    keeps the automatic log_time/log_tick timelines (and the size) out."""
    rr.log("world/description", rr.TextDocument("static text"), static=True)
    indexes = [
        rr.TimeColumn("frame", sequence=[0, 1, 2]),
        rr.TimeColumn("sim time", duration=[0.0, 0.25, 0.5]),
        rr.TimeColumn("wall_clock", timestamp=[1_700_000_000.0, 1_700_000_001.0, 1_700_000_002.0]),
    ]
    positions = np.arange(18, dtype=np.float32).reshape(-1, 3)
    rr.send_columns(
        "world/points",
        indexes=indexes,
        columns=rr.Points3D.columns(positions=positions).partition([2, 2, 2]),
    )
    # A sparse component: colors on the first and last frame only.
    rr.send_columns("world/points", indexes=[rr.TimeColumn("frame", sequence=[0, 2])],
                    columns=rr.Points3D.columns(colors=[0xFF0000FF, 0x00FF00FF]))
    rr.send_columns("plots/sine", indexes=indexes, columns=rr.Scalars.columns(scalars=np.sin([0.0, 1.0, 2.0])))
    rr.log("world/extra", rr.AnyValues(confidence=[0.5, 0.75]), static=True)
    rr.log("plots/sine", rr.SeriesLines(colors=[255, 0, 0], names="sine"), static=True)


def write_recording(path: Path, **save_kwargs) -> None:
    rec = rr.RecordingStream(APP, recording_id="recording_1")
    with rec:
        rec.save(str(path), **save_kwargs)
        log_recording()
    rec.disconnect()


def write_with_blueprint(path: Path) -> None:
    rec = rr.RecordingStream(APP, recording_id="recording_2")
    blueprint = rrb.Blueprint(rrb.TimePanel(state="collapsed"))
    with rec:
        rec.save(str(path), default_blueprint=blueprint)
        log_recording()
    rec.disconnect()


def write_current() -> None:
    from rerun.experimental import RrdReader

    write_recording(OUT / f"rerun_{VERSION}_recording.rrd")
    write_recording(OUT / f"rerun_{VERSION}_no_footer.rrd", write_footer=False)
    write_with_blueprint(OUT / f"rerun_{VERSION}_with_blueprint.rrd")
    store = RrdReader(OUT / f"rerun_{VERSION}_recording.rrd").stream().collect()
    store.write_rrd(OUT / f"rerun_{VERSION}_chunk_pipeline.rrd", application_id=APP, recording_id="recording_3")


if __name__ == "__main__":
    major, minor = (int(part) for part in rr.__version__.split(".")[:2])
    if (major, minor) >= (0, 33):
        write_current()
    else:
        write_recording(OUT / f"rerun_{VERSION}_recording.rrd")
    print("wrote test files for rerun-sdk", rr.__version__, file=sys.stderr)
