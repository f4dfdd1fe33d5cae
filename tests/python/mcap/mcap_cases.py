"""Import cases: a sample file and the `McapReader` options to read it with.

Every sample is read with the default options (case name = sample name); the
variants below add decoder subsets, timeline types, offsets, topic filters and
invalid arguments (case name = `<sample>--<variant>`). The sample `missing` is a
path that does not exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mcap_samples import SAMPLES

MISSING = "missing"

VARIANTS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "fox_log": [
        ("no_decoders", {"decoders": []}),
        ("protobuf", {"decoders": ["protobuf"]}),
        ("protobuf_foxglove", {"decoders": ["protobuf", "foxglove"]}),
        ("foxglove", {"decoders": ["foxglove"]}),
        ("raw", {"decoders": ["raw"]}),
        ("schema", {"decoders": ["schema"]}),
        ("stats_recording_info", {"decoders": ["stats", "recording_info"]}),
        ("duration", {"timeline_type": "duration"}),
        ("offset", {"timestamp_offset_ns": 1_000}),
        ("duration_offset", {"timeline_type": "duration", "timestamp_offset_ns": 1_000}),
        ("include_all", {"include_topic_regex": [".*"]}),
        ("include_none", {"include_topic_regex": ["^/nothing$"]}),
        ("exclude_substring", {"exclude_topic_regex": ["text"]}),
        ("bad_include", {"include_topic_regex": ["("]}),
        ("bad_exclude", {"exclude_topic_regex": ["["]}),
        ("unknown_decoder", {"decoders": ["protobuf", "nope"]}),
        ("bad_timeline_type", {"timeline_type": "bogus"}),
    ],
    "mcap_json_schemaless_binary": [
        ("include_json", {"include_topic_regex": ["json"]}),
        ("include_exclude", {"include_topic_regex": ["json"], "exclude_topic_regex": ["^/json$"]}),
        ("raw", {"decoders": ["raw"]}),
        ("schema", {"decoders": ["schema"]}),
        ("protobuf", {"decoders": ["protobuf"]}),
    ],
    "mcap_metadata_attachments": [
        ("metadata", {"decoders": ["metadata"]}),
        ("attachments", {"decoders": ["attachments"]}),
        ("include_none", {"include_topic_regex": ["^/nothing$"]}),
    ],
    "fox_point_cloud": [("protobuf", {"decoders": ["protobuf"]})],
    "proto_struct_value": [
        ("dynamic_only", {"include_topic_regex": ["^/dynamic$"]}),
        ("struct_only", {"include_topic_regex": ["^/struct$"]}),
        ("raw", {"decoders": ["raw", "schema"]}),
    ],
    "proto_recursive": [
        ("protobuf", {"decoders": ["protobuf"]}),
        ("excluded", {"exclude_topic_regex": ["tree"]}),
    ],
    "proto_timestamp_duration": [("offset", {"timestamp_offset_ns": -5})],
    "proto_bad_descriptor": [
        ("raw", {"decoders": ["raw"]}),
        ("exclude_bad", {"exclude_topic_regex": ["bad"]}),
    ],
    "mcap_chunk_size_200": [("json_only", {"include_topic_regex": ["^/json$"]})],
    "damaged_not_mcap": [("unknown_decoder", {"decoders": ["nope"]})],
    MISSING: [],
}


def all_cases(directory: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Writes every sample into `directory`; returns case name → (path, options)."""
    cases: dict[str, tuple[Path, dict[str, Any]]] = {}
    for name, write in SAMPLES.items():
        path = write(directory)
        cases[name] = (path, {})
        for variant, options in VARIANTS.get(name, []):
            cases[f"{name}--{variant}"] = (path, options)
    cases[MISSING] = (Path(directory) / "does_not_exist.mcap", {})
    return cases
