// The lazy pipeline engine's operators and terminals: immutable stream
// descriptions that are executed (pulled) on demand, each execution
// independent of the others.
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <arrow/result.h>

#include "rrflow/chunk/chunk.h"
#include "rrflow/query/content_filter.h"
#include "rrflow/query/filter_criteria.h"
#include "rrflow/query/lens.h"
#include "rrflow/store/chunk_store.h"
#include "rrflow/stream/stream_node.h"

namespace rrflow {

/// A pull function producing chunks: returns nullptr at the end.
using ChunkPull = std::function<arrow::Result<ChunkPtr>()>;
/// Opens a fresh pull function for each execution.
using ChunkPullFactory = std::function<arrow::Result<ChunkPull>()>;
/// A per-chunk transformation producing zero or more chunks, in order.
using ChunkTransform = std::function<arrow::Result<std::vector<ChunkPtr>>(const ChunkPtr&)>;

/// Source: the given chunks, in order, at every execution.
StreamNodePtr MakeChunkListSource(std::vector<ChunkPtr> chunks);

/// Source: the chunks of an in-memory store in store order; leading filters
/// skip whole chunks before they reach the pipeline.
StreamNodePtr MakeChunkStoreSource(ChunkStorePtr store);

/// Source: a fresh pull function per execution, run on the pulling thread.
StreamNodePtr MakePullSource(ChunkPullFactory factory);

/// filter(criteria): what each chunk's matched part keeps. Its criteria
/// reach the source below as a scan hint.
StreamNodePtr MakeFilter(StreamNodePtr input, FilterCriteria criteria);
/// drop(criteria): what each chunk's unmatched part keeps.
StreamNodePtr MakeDrop(StreamNodePtr input, FilterCriteria criteria);

/// split(criteria): (matched, unmatched). Within one execution that reaches
/// both branches the input runs once, routed into two bounded queues; an
/// execution reaching one branch runs it as filter or drop (and reports so).
std::pair<StreamNodePtr, StreamNodePtr> MakeSplit(StreamNodePtr input, FilterCriteria criteria);

/// merge(inputs...): every input drained concurrently into one bounded
/// queue; each input's order is kept.
StreamNodePtr MakeMerge(std::vector<StreamNodePtr> inputs);

/// Several inputs, each in its own order, as one stream ordered by time: at
/// each step the input whose next chunk comes first: static chunks first,
/// then temporal ones by their first time on `timeline` (a chunk without it
/// goes out as soon as it is next in its input); ties go to the earlier input.
/// Holds one chunk per input. Inputs ordered by that time give a stream
/// ordered by it.
StreamNodePtr MakeTimeOrderedMerge(std::vector<StreamNodePtr> inputs, std::string timeline);

/// Applies `transform` to each chunk, emitting its outputs in order.
StreamNodePtr MakeTransform(StreamNodePtr input, ChunkTransform transform);

/// lenses(...): applies `lenses` to the chunks whose entity matches
/// `content` (all when absent), several chunks at a time on the CPU pool,
/// emitting the outputs in input order.
StreamNodePtr MakeLenses(StreamNodePtr input, LensSet lenses, LensOutputMode mode,
                         std::optional<ContentFilter> content);

/// Starts an execution of `node`.
arrow::Result<std::unique_ptr<ChunkIterator>> Execute(const StreamNodePtr& node,
                                                      const ExecuteOptions& options = {});

/// Runs `node` to the end, writing every chunk to `sink`, then finishes it.
arrow::Status Drain(const StreamNodePtr& node, ChunkSink& sink,
                    const ExecuteOptions& options = {});

/// Runs `node` to the end and returns every chunk. An error ends it; when
/// chunks came before it, its message says how many (iterate to receive them).
arrow::Result<std::vector<ChunkPtr>> ToChunks(const StreamNodePtr& node,
                                              const ExecuteOptions& options = {});

/// Runs `node` to the end, inserting every chunk into a new ChunkStore with
/// the given insert-time compaction thresholds.
arrow::Result<ChunkStorePtr> Collect(const StreamNodePtr& node,
                                     const ChunkStoreConfig& config = ChunkStoreConfig::Default(),
                                     const ExecuteOptions& options = {});

}  // namespace rrflow
