"""Damaged RRD files, generated here (truncations, byte flips, zeroed regions, appended garbage,
concatenations, invalid UTF-8): rrflow never crashes or hangs, prints nothing, every error names
the file and a byte offset,
iteration delivers an unchanged prefix of the intact file's chunks before it raises, and
`to_chunks()` says how many chunks came before the error (issue: robustness, fault 6).

rerun-sdk 0.33.1's `to_chunks()` on a file cut in half returns the intact chunks and raises
nothing, so the damage goes unnoticed; rrflow raises, and says how to get those chunks.

All cases run in one child process with a timeout, so a crash or a hang fails this test instead
of the whole run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"
SOURCE = DATA / "rerun_0_33_1_recording.rrd"


def _damaged_files(directory: Path) -> dict[str, Path]:
    intact = SOURCE.read_bytes()
    size = len(intact)
    variants: dict[str, bytes] = {}
    for fraction in (0.05, 0.2, 0.5, 0.8, 0.97):
        cut = int(size * fraction)
        variants[f"truncated_at_{cut}"] = intact[:cut]
    for offset in range(40, size, size // 12):
        flipped = bytearray(intact)
        flipped[offset] ^= 0xFF
        variants[f"flipped_at_{offset}"] = bytes(flipped)
    for start in (100, size // 3, size // 2):
        zeroed = bytearray(intact)
        zeroed[start:start + 64] = bytes(64)
        variants[f"zeroed_at_{start}"] = bytes(zeroed)
    # Invalid UTF-8 in a protobuf string (the store id in every message): libprotobuf
    # refuses it and, before the fix, also printed "[libprotobuf ERROR ...]" lines.
    # The footer, which names the store too, stays intact (its checksum would fail first).
    for occurrence in (1, 3):
        at = -1
        for _ in range(occurrence):
            at = intact.index(b"recording_1", at + 1)
        variants[f"recording_id_not_utf8_{occurrence}"] = intact[:at] + b"\xff" + intact[at + 1:]
    variants["garbage_appended"] = intact + b"\x00garbage" * 16
    variants["concatenated_twice"] = intact + intact
    variants["concatenated_after_cut"] = intact[: size // 2] + intact
    paths = {}
    for name, content in variants.items():
        path = directory / f"{name}.rrd"
        path.write_bytes(content)
        paths[name] = path
    return paths


_CHILD = textwrap.dedent("""
    import json, sys, warnings
    import rrflow
    warnings.simplefilter("ignore")
    def ids(path):
        delivered, error = [], None
        try:
            for chunk in rrflow.RrdReader(path).stream():
                delivered.append(chunk.id)
        except Exception as exception:
            error = f"{type(exception).__name__}: {exception}"
        return delivered, error
    def to_chunks(path):
        try:
            return len(rrflow.RrdReader(path).stream().to_chunks()), None
        except Exception as exception:
            return None, f"{type(exception).__name__}: {exception}"
    intact, _ = ids(sys.argv[1])
    results = {}
    for line in sys.stdin:
        name, path = json.loads(line)
        delivered, error = ids(path)
        count, terminal_error = to_chunks(path)
        results[name] = {"delivered": delivered, "error": error, "count": count,
                         "terminal_error": terminal_error}
    print(json.dumps({"intact": intact, "results": results}))
    """)


def test_damaged_files_fail_cleanly(tmp_path: Path) -> None:
    files = _damaged_files(tmp_path)
    lines = "".join(json.dumps([name, str(path)]) + "\n" for name, path in files.items())
    child = subprocess.run([sys.executable, "-c", _CHILD, str(SOURCE)], input=lines,
                           capture_output=True, text=True, timeout=300, check=False)
    assert child.returncode == 0, child.stderr
    # Library code reports problems as errors and warnings, never by printing.
    assert child.stderr == "", child.stderr
    report = json.loads(child.stdout)
    intact = report["intact"]
    assert intact
    for name, result in report["results"].items():
        path = str(files[name])
        delivered = result["delivered"]
        if name.startswith("concatenated"):
            # Every chunk of the later, intact copy is read too.
            assert len(delivered) >= len(intact), name
        else:
            assert delivered == intact[: len(delivered)], name
        if result["error"] is None:
            assert result["terminal_error"] is None, name
            assert result["count"] == len(delivered), name
            continue
        assert result["error"].startswith("RuntimeError: "), (name, result["error"])
        assert path in result["error"] and " at byte " in result["error"], (name, result["error"])
        terminal = result["terminal_error"]
        assert terminal is not None, name
        if delivered:
            assert f"(after {len(delivered)} chunk" in terminal, (name, terminal)
