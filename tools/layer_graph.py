"""Check that rrflow's C++ folders respect the layer order.

Reads every `#include "..."` in cpp/src, cpp/include/rrflow, cpp/bindings and
cpp/cli, maps each file to its folder and each folder to its layer, prints the
folder-level include graph (edges with counts) and exits non-zero on:

  (a) a cycle between folders;
  (b) an include from a lower layer into a higher one;
  (c) a cpp/src/X/..._internal.h included from outside folder X (internal
      headers stay inside their folder), unless X is one of the
      SHARED_INTERNAL_FOLDERS;
  (d) a public header (cpp/include/rrflow/**.h) including a cpp/src header;
  (e) a public header missing from the umbrella rrflow/api.h, or a type or
      alias in rrflow/type_fwd.h that no public header defines the same way;

and on a quoted include it cannot resolve, since that would hide an edge.

Run: python3 tools/layer_graph.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE_ROOT = ROOT / "cpp/include"
SOURCE_ROOT = ROOT / "cpp/src"
SCANNED = [ROOT / "cpp/src", ROOT / "cpp/include/rrflow", ROOT / "cpp/bindings", ROOT / "cpp/cli"]
SUFFIXES = {".h", ".cc", ".inc"}

# Bottom to top; a layer may include only its own and lower layers. The
# bindings and the CLI are peers on top; "api" is the umbrella header.
LAYERS = ["core", "text", "chunk", "query", "store", "stream", "io", "net", "dataframe", "api"]
TOP_LAYERS = ["bindings", "cli"]
RANK = {layer: rank for rank, layer in enumerate(LAYERS)} | {layer: len(LAYERS) for layer in TOP_LAYERS}
# Source folders named after what they hold rather than after their layer.
FOLDER_LAYER = {"selector": "query", "lens": "query", "filter": "query"}
# The top-level public headers: api.h includes everything; type_fwd.h includes
# nothing of ours, so any layer may use it.
UMBRELLA = "rrflow/api.h"
FORWARD_DECLARATIONS = "rrflow/type_fwd.h"
TOP_LEVEL_HEADER_LAYER = {"api.h": "api", "type_fwd.h": "core"}

# Folders whose internal headers are the library's private toolkit for the
# layers above (Unicode tables, value rendering, column builders): shared
# inside cpp/src, never installed. Every other folder's internal headers stay
# inside it; what another folder needs from it belongs in a public header
# (as the stream seam does for the formats).
SHARED_INTERNAL_FOLDERS = {"src/core", "src/text", "src/chunk"}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
# Namespace-level declarations start in the first column.
FORWARD_DECLARATION_RE = re.compile(r"^(class|struct) (\w+);", re.MULTILINE)
DEFINITION_RE = re.compile(r"^(class|struct) (\w+)\b[^;{]*\{", re.MULTILINE)
ALIAS_RE = re.compile(r"^using \w+ = [^;]+;", re.MULTILINE)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def folder_of(path: Path) -> str:
    """The folder a file belongs to: include/<layer>, include/io/<format>,
    src/<folder>, src/io/<format>, bindings or cli; top-level public headers
    are folders of their own."""
    for root, prefix in ((INCLUDE_ROOT / "rrflow", "include"), (SOURCE_ROOT, "src")):
        if path.is_relative_to(root):
            parts = path.relative_to(root).parts
            if len(parts) == 1:
                return f"{prefix}/{parts[0]}"
            depth = 2 if parts[0] == "io" and len(parts) > 2 else 1
            return "/".join((prefix, *parts[:depth]))
    return path.relative_to(ROOT / "cpp").parts[0]


def layer_of(folder: str) -> str:
    head, _, rest = folder.partition("/")
    if head in TOP_LAYERS:
        return head
    if head == "include" and rest in TOP_LEVEL_HEADER_LAYER:
        return TOP_LEVEL_HEADER_LAYER[rest]
    first = rest.split("/")[0]
    return FOLDER_LAYER.get(first, first)


def generated_protobuf_source(name: str) -> Path | None:
    """The .proto that a generated `<dir>/<stem>.pb.h` (or gRPC's
    `<stem>.grpc.pb.h`) comes from."""
    if not name.endswith(".pb.h"):
        return None
    proto = name.removesuffix(".pb.h").removesuffix(".grpc") + ".proto"
    matches = list(SOURCE_ROOT.rglob(proto))
    return matches[0] if len(matches) == 1 else None


def resolve(including: Path, name: str) -> Path | None:
    """Where the compiler finds a quoted include: next to the including file,
    then in the public and the private include directories."""
    for base in (including.parent, INCLUDE_ROOT, SOURCE_ROOT):
        candidate = (base / name).resolve()
        if candidate.is_file():
            return candidate
    return generated_protobuf_source(name)


def scanned_files() -> list[Path]:
    return sorted(p for root in SCANNED for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def check_forward_declarations() -> list[str]:
    """Each type in type_fwd.h is defined by a public header with the same
    class-key, and each alias there is spelt the same in a public header."""
    forward = INCLUDE_ROOT / FORWARD_DECLARATIONS
    headers = [h for h in (INCLUDE_ROOT / "rrflow").rglob("*.h") if h != forward]
    texts = [h.read_text(encoding="utf-8") for h in headers]
    defined = {name: key for text in texts for key, name in DEFINITION_RE.findall(text)}
    aliases = {alias for text in texts for alias in ALIAS_RE.findall(text)}
    errors = []
    forward_text = forward.read_text(encoding="utf-8")
    for key, name in FORWARD_DECLARATION_RE.findall(forward_text):
        if name not in defined:
            errors.append(f"{FORWARD_DECLARATIONS} declares {key} {name}, which no public header defines")
        elif defined[name] != key:
            errors.append(f"{FORWARD_DECLARATIONS} declares {key} {name}, but it is defined as {defined[name]} {name}")
    for alias in ALIAS_RE.findall(forward_text):
        if alias not in aliases:
            errors.append(f"{FORWARD_DECLARATIONS} has `{alias}`, which no public header has")
    return errors


def find_cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one folder (Tarjan)."""
    graph: dict[str, list[str]] = {}
    for source, target in sorted(edges):
        graph.setdefault(source, []).append(target)
        graph.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return components


def main() -> int:
    errors: list[str] = []
    # (including file, included file) for every resolved include.
    includes: list[tuple[Path, Path]] = []
    files = scanned_files()
    for path in files:
        for name in INCLUDE_RE.findall(path.read_text(encoding="utf-8")):
            target = resolve(path, name)
            if target is None:
                errors.append(f"unresolved include: {relative(path)} includes \"{name}\"")
            else:
                includes.append((path, target))

    # A folder without a layer is reported once, and its includes are not judged.
    folders = {folder_of(path) for path in files} | {folder_of(target) for _, target in includes}
    unplaced = {folder for folder in folders if layer_of(folder) not in RANK}
    for folder in sorted(unplaced):
        errors.append(f"folder {folder} has no layer: add it to LAYERS or FOLDER_LAYER")
    includes = [(p, t) for p, t in includes if folder_of(p) not in unplaced and folder_of(t) not in unplaced]

    edge_counts: Counter[tuple[str, str]] = Counter()
    # Known leak -> the files that commit it.
    for path, target in includes:
        source_folder, target_folder = folder_of(path), folder_of(target)
        if source_folder != target_folder:
            edge_counts[(source_folder, target_folder)] += 1
        what = f"{relative(path)} includes {relative(target)}"
        if RANK[layer_of(target_folder)] > RANK[layer_of(source_folder)]:
            errors.append(f"upward include ({layer_of(source_folder)} -> {layer_of(target_folder)}): {what}")
        if target.name.endswith("_internal.h") and target.is_relative_to(SOURCE_ROOT) and source_folder != target_folder:
            if target_folder not in SHARED_INTERNAL_FOLDERS:
                errors.append(f"internal header used outside its folder: {what}")
        if path.is_relative_to(INCLUDE_ROOT) and target.is_relative_to(SOURCE_ROOT):
            errors.append(f"public header includes a private one: {what}")

    for component in find_cycles(set(edge_counts)):
        errors.append(f"include cycle between folders: {' <-> '.join(component)}")

    umbrella = INCLUDE_ROOT / UMBRELLA
    in_umbrella = {target for path, target in includes if path == umbrella}
    for header in sorted((INCLUDE_ROOT / "rrflow").rglob("*.h")):
        if header != umbrella and header not in in_umbrella:
            errors.append(f"{UMBRELLA} does not include public header {relative(header)}")
    errors += check_forward_declarations()

    print(f"Folder include graph ({len(edge_counts)} edges, count = #include lines):")
    by_rank = sorted(edge_counts.items(), key=lambda item: (RANK[layer_of(item[0][0])], item[0]))
    for (source, target), count in by_rank:
        print(f"  {source:<22} -> {target:<22} {count:>3}")
    for error in errors:
        print(f"error: {error}")
    print(f"layer check: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
