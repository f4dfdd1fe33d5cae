// The whole public C++ API of rrflow in one include, layer by layer.
// tools/layer_graph.py fails when a public header is missing here.
#pragma once

#include "rrflow/type_fwd.h"

#include "rrflow/core/component_descriptor.h"
#include "rrflow/core/entity_path.h"
#include "rrflow/core/status.h"
#include "rrflow/core/store_id.h"
#include "rrflow/core/timeline.h"
#include "rrflow/core/tuid.h"

#include "rrflow/chunk/chunk.h"
#include "rrflow/chunk/chunk_difference.h"
#include "rrflow/chunk/chunk_ops.h"
#include "rrflow/chunk/chunk_summary.h"

#include "rrflow/query/content_filter.h"
#include "rrflow/query/filter_criteria.h"
#include "rrflow/query/lens.h"
#include "rrflow/query/selector.h"

#include "rrflow/store/chunk_store.h"
#include "rrflow/store/optimization_profile.h"
#include "rrflow/store/store_schema.h"

#include "rrflow/stream/bounded_queue.h"
#include "rrflow/stream/execution_context.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "rrflow/stream/ordered_tasks.h"
#include "rrflow/stream/problem.h"
#include "rrflow/stream/producer_thread.h"
#include "rrflow/stream/scan_hints.h"
#include "rrflow/stream/stream_node.h"

#include "rrflow/io/rrd/rerun_version.h"
#include "rrflow/io/rrd/rrd_compare.h"
#include "rrflow/io/rrd/rrd_file.h"
#include "rrflow/io/rrd/rrd_info.h"
#include "rrflow/io/rrd/rrd_manifest.h"
#include "rrflow/io/rrd/rrd_message.h"
#include "rrflow/io/rrd/rrd_message_reader.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_route.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/io/rrd/rrd_verify.h"
#include "rrflow/io/rrd/rrd_writer.h"
#include "rrflow/io/rrd/store_info.h"

#include "rrflow/io/mcap/mcap_info.h"
#include "rrflow/io/mcap/mcap_reader.h"
#include "rrflow/io/parquet/parquet_reader.h"

#include "rrflow/net/grpc_sink.h"
#include "rrflow/net/net_error.h"
#include "rrflow/net/proxy_url.h"
#include "rrflow/net/viewer_client.h"
