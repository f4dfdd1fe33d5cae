#include "rrflow/io/rrd/store_info.h"

namespace rrflow {

StoreSource ChunkPipelineStoreSource() {
  return StoreSource{StoreSourceKind::kOther, "rerun-sdk-python-chunk-pipeline"};
}

StoreInfo ChunkPipelineStoreInfo(StoreId store_id) {
  return StoreInfo{std::move(store_id), ChunkPipelineStoreSource(), RerunVersion::Written(),
                   Tuid::New()};
}

}  // namespace rrflow
