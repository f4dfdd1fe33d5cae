// StoreInfo: the announcement (SetStoreInfo) that opens a store in an RRD stream.
#pragma once

#include <optional>
#include <string>

#include "rrflow/core/store_id.h"
#include "rrflow/core/tuid.h"
#include "rrflow/io/rrd/rerun_version.h"

namespace rrflow {

/// What kind of program wrote a store. Values are the protobuf enum's.
enum class StoreSourceKind {
  kUnspecified = 0,
  kCSdk = 1,
  kPythonSdk = 2,
  kRustSdk = 3,
  kFile = 4,
  kViewer = 5,
  kOther = 6,
};

/// The program that wrote a store. `extra` holds the kind-specific details
/// exactly as stored: a serialized PythonVersion / CrateInfo / FileSource
/// message, or UTF-8 text for kOther.
struct StoreSource {
  StoreSourceKind kind = StoreSourceKind::kUnspecified;  ///< the kind of program
  std::string extra;                                     ///< kind-specific details, as stored

  /// Equal kind and details.
  bool operator==(const StoreSource&) const = default;
};

/// The contents of a SetStoreInfo message.
struct StoreInfo {
  StoreId store_id;          ///< the store announced
  StoreSource store_source;  ///< the program that wrote it
  /// The version of the SDK that wrote the store, when recorded.
  std::optional<RerunVersion> store_version;
  /// The id of the announcement itself (time-ordered; later wins).
  Tuid row_id;

  /// Equal in every field.
  bool operator==(const StoreInfo&) const = default;
};

/// The `StoreSource` Rerun's chunk pipeline (`write_rrd`) records: kind
/// OTHER with the text `rerun-sdk-python-chunk-pipeline`.
StoreSource ChunkPipelineStoreSource();

/// The announcement Rerun 0.33.1's chunk pipeline writes for a store: a
/// fresh row id, ChunkPipelineStoreSource() and version 0.33.1.
StoreInfo ChunkPipelineStoreInfo(StoreId store_id);

}  // namespace rrflow
