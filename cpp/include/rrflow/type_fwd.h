// Forward declarations of rrflow's main public types and their pointer
// aliases, for headers that only name them. Include the type's own header
// (or rrflow/api.h) to use one.
#pragma once

#include <memory>

namespace rrflow {

// core
struct Tuid;
struct ChunkId;
struct RowId;
class EntityPath;
struct ComponentDescriptor;
struct Timeline;
struct StoreId;

// chunk
class TimeColumn;
struct ComponentColumn;
struct FormatOptions;
class Chunk;
using ChunkPtr = std::shared_ptr<const Chunk>;

// query
class ContentFilter;
struct FilterCriteria;
class Selector;
class DeriveLens;
class MutateLens;
class LensSet;

// store
class StoreSchema;
struct ChunkStoreConfig;
class ChunkStoreBuilder;
class ChunkStore;
using ChunkStorePtr = std::shared_ptr<const ChunkStore>;
struct OptimizationProfile;

// stream
class ChunkIterator;
class StreamNode;
using StreamNodePtr = std::shared_ptr<const StreamNode>;
class ChunkSource;
class ChunkSink;
class ExecutionContext;
struct ExecuteOptions;
struct ScanHints;
struct Problem;
class ProblemHandler;

// io/rrd
struct RerunVersion;
struct StoreInfo;
struct RrdManifest;
class RrdFile;
struct RrdFileInfo;
class RrdMessageReader;
class RrdChunkReader;
struct RrdWriterOptions;
class RrdWriter;
class RrdReader;
class RrdSink;
class LazyStore;

// io/parquet
struct ParquetReaderOptions;
class ParquetReader;

}  // namespace rrflow
