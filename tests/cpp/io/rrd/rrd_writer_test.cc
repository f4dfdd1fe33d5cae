// Writing: round trips, stores, options, atomic replacement and the manifest.
#include "rrflow/io/rrd/rrd_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "io/rrd/rrd_test_util.h"
#include "rrflow/io/rrd/rrd_file.h"

namespace rrflow {
namespace {

using namespace rrflow::testing;
namespace fs = std::filesystem;

std::vector<StoreChunk> ReadChunks(const std::string& path) {
  std::vector<StoreChunk> chunks;
  auto reader = RrdChunkReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  while (true) {
    auto next = (*reader)->Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || next->chunk == nullptr) return chunks;
    chunks.push_back(*std::move(next));
  }
}

std::vector<std::string> FilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(RrdWriter, RoundTripsChunksOfSeveralStores) {
  const auto path = (TestDirectory() / "out.rrd").string();
  const StoreId blueprint{StoreKind::kBlueprint, "app", "bp"};
  const std::vector<StoreChunk> written = {{blueprint, StaticChunk("/view")},
                                           {Recording(), StaticChunk("/text")},
                                           {Recording(), TemporalChunk("/points", 0, 5)},
                                           {blueprint, TemporalChunk("/view", 0, 1)},
                                           {Recording(), TemporalChunk("/points", 5, 3)}};
  ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open(path));
  for (const auto& entry : written) ASSERT_OK(writer->WriteChunk(entry.store_id, entry.chunk));
  ASSERT_OK(writer->WriteBlueprintActivation({blueprint, true, true}));
  ASSERT_OK(writer->Finish());

  const auto read = ReadChunks(path);
  ASSERT_EQ(read.size(), written.size());
  for (size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].store_id, written[i].store_id);
    EXPECT_TRUE(read[i].chunk->ToRecordBatch()->Equals(*written[i].chunk->ToRecordBatch(), true));
  }

  ASSERT_OK_AND_ASSIGN(auto messages, RrdMessageReader::Open(path));
  ASSERT_OK_AND_ASSIGN(auto stores, ScanRrdStores(*messages));
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[0].store_id, blueprint);
  EXPECT_EQ(stores[0].num_chunks, 2);
  EXPECT_EQ(stores[1].num_chunks, 3);
  for (const auto& store : stores) {
    ASSERT_TRUE(store.info.has_value());
    EXPECT_EQ(store.info->store_source, ChunkPipelineStoreSource());
    EXPECT_EQ(store.info->store_version, RerunVersion::Written());
  }

  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(path));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  ASSERT_EQ(footer->size(), 2u);
  EXPECT_EQ((*footer)[0].store_id, blueprint);
  EXPECT_EQ((*footer)[0].data->num_rows(), 2);
  EXPECT_EQ((*footer)[1].data->num_rows(), 3);
}

TEST(RrdWriter, WritesTheStreamHeaderOf0_33_1) {
  const auto path = (TestDirectory() / "out.rrd").string();
  const Bytes bytes = WriteChunks(path, {StaticChunk("/s")});
  EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 12),
            HexBytes("52 52 46 32 00 21 01 00 01 02 00 00"));
}

TEST(RrdWriter, OptionsWithoutFooterAndCompression) {
  const auto dir = TestDirectory();
  RrdWriterOptions options;
  options.write_footer = false;
  options.compression = RrdCompression::kNone;
  const auto path = (dir / "plain.rrd").string();
  const Bytes bytes = WriteChunks(path, {TemporalChunk("/a", 0, 2), StaticChunk("/s")}, options);
  EXPECT_EQ(bytes[8], 0);  // header compression byte
  std::vector<RrdMessage> messages;
  ASSERT_OK(ReadAllMessages(bytes, &messages));
  EXPECT_NE(messages.back().kind, RrdMessageKind::kEnd);
  EXPECT_EQ(ReadChunks(path).size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(path));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  EXPECT_FALSE(footer.has_value());
}

TEST(RrdWriter, AbandonedWriteLeavesNoFile) {
  const auto dir = TestDirectory();
  const auto path = (dir / "out.rrd").string();
  WriteFileBytes(path, HexBytes("01 02 03"));  // an older file stays as it was
  {
    ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open(path));
    ASSERT_OK(writer->WriteChunk(Recording(), StaticChunk("/s")));
    EXPECT_EQ(FilesIn(dir).size(), 2u);  // the target and the temporary file
  }
  EXPECT_EQ(FilesIn(dir), std::vector<std::string>{"out.rrd"});
  EXPECT_EQ(ReadFileBytes(path), HexBytes("01 02 03"));
}

TEST(RrdWriter, FinishReplacesTheTargetOnce) {
  const auto dir = TestDirectory();
  const auto path = (dir / "out.rrd").string();
  ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open(path));
  ASSERT_OK(writer->WriteChunk(Recording(), StaticChunk("/s")));
  ASSERT_OK(writer->Finish());
  EXPECT_EQ(FilesIn(dir), std::vector<std::string>{"out.rrd"});
  EXPECT_FALSE(writer->Finish().ok());
  EXPECT_FALSE(writer->WriteChunk(Recording(), StaticChunk("/s")).ok());
  EXPECT_EQ(ReadChunks(path).size(), 1u);
}

TEST(RrdWriter, AFileNamedThroughItsDescriptorIsWrittenInPlace) {
  const auto dir = TestDirectory();
  const auto path = (dir / "out.rrd").string();
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0644);
  ASSERT_GE(fd, 0);
  struct stat before {};
  ASSERT_EQ(::fstat(fd, &before), 0);
  {
    // As `rrflow filter in.rrd > out.rrd` writes to /dev/stdout: the shell's
    // file is the one written, not a new one renamed over its name.
    ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open("/proc/self/fd/" + std::to_string(fd)));
    ASSERT_OK(writer->WriteChunk(Recording(), StaticChunk("/s")));
    ASSERT_OK(writer->Finish());
  }
  struct stat after {};
  ASSERT_EQ(::stat(path.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(FilesIn(dir), std::vector<std::string>{"out.rrd"});
  EXPECT_EQ(ReadChunks(path).size(), 1u);
  ::close(fd);
}

TEST(RrdWriter, APipeNamedThroughItsDescriptorIsWritten) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  std::string received;
  std::thread reader([&] {
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(ends[0], buffer, sizeof buffer)) > 0) received.append(buffer, static_cast<size_t>(n));
  });
  {
    // The link's text is `pipe:[N]`, no path: it must not be resolved.
    ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open("/dev/fd/" + std::to_string(ends[1])));
    ASSERT_OK(writer->WriteChunk(Recording(), StaticChunk("/s")));
    ASSERT_OK(writer->Finish());
  }
  ::close(ends[1]);
  reader.join();
  ::close(ends[0]);
  std::vector<RrdMessage> messages;
  ASSERT_OK(ReadAllMessages(Bytes(received.begin(), received.end()), &messages));
  EXPECT_EQ(messages.size(), 3u);  // SetStoreInfo, ArrowMsg, End
}

TEST(RrdWriter, UnwritableDirectory) {
  EXPECT_FALSE(RrdWriter::Open("/nonexistent/dir/out.rrd").ok());
}

TEST(RrdWriter, ParallelEncodingGivesTheSameChunks) {
  const auto dir = TestDirectory();
  std::vector<ChunkPtr> chunks = {TemporalChunk("/a", 0, 3), TemporalChunk("/b", 2, 2)};
  std::vector<EncodedArrowMsg> encoded;
  for (const auto& chunk : chunks)
    encoded.push_back(EncodeArrowMsg(Recording(), chunk).ValueOrDie());
  const auto path = (dir / "out.rrd").string();
  ASSERT_OK_AND_ASSIGN(auto writer, RrdWriter::Open(path));
  for (const auto& message : encoded) ASSERT_OK(writer->WriteEncoded(message));
  ASSERT_OK(writer->Finish());
  const auto read = ReadChunks(path);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].chunk->id(), chunks[1]->id());
}

// The manifest of one temporal chunk (rows 0..3, "value" on even rows) and
// one static chunk, column by column.
TEST(RrdWriter, ManifestContents) {
  const auto path = (TestDirectory() / "out.rrd").string();
  const auto temporal = TemporalChunk("/points", 10, 4);
  const auto fixed = StaticChunk("/text");
  WriteChunks(path, {temporal, fixed});
  ASSERT_OK_AND_ASSIGN(auto file, RrdFile::Open(path));
  ASSERT_OK_AND_ASSIGN(auto footer, file->ReadFooter());
  const auto& manifest = (*footer)[0];
  const auto& batch = *manifest.data;

  std::vector<std::string> names;
  for (const auto& field : batch.schema()->fields()) names.push_back(field->name());
  const std::vector<std::string> expected_names = {"chunk_entity_path",
                                                   "chunk_id",
                                                   "chunk_is_static",
                                                   "chunk_num_rows",
                                                   "chunk_byte_offset",
                                                   "chunk_byte_size",
                                                   "chunk_byte_size_uncompressed",
                                                   "value:has_static_data",
                                                   "Points2D:positions:has_static_data",
                                                   "TextDocument:text:has_static_data",
                                                   "frame:start",
                                                   "frame:end",
                                                   "log_time:start",
                                                   "log_time:end",
                                                   "frame:value:start",
                                                   "frame:value:end",
                                                   "frame:value:num_rows",
                                                   "frame:Points2D:positions:start",
                                                   "frame:Points2D:positions:end",
                                                   "frame:Points2D:positions:num_rows",
                                                   "log_time:value:start",
                                                   "log_time:value:end",
                                                   "log_time:value:num_rows",
                                                   "log_time:Points2D:positions:start",
                                                   "log_time:Points2D:positions:end",
                                                   "log_time:Points2D:positions:num_rows"};
  EXPECT_EQ(names, expected_names);

  auto column = [&](const std::string& name) { return batch.GetColumnByName(name); };
  EXPECT_EQ(column("chunk_is_static")->ToString(), "[\n  false,\n  true\n]");
  EXPECT_EQ(column("frame:start")->ToString(), "[\n  10,\n  null\n]");
  EXPECT_EQ(column("frame:end")->ToString(), "[\n  13,\n  null\n]");
  EXPECT_EQ(column("frame:value:start")->ToString(), "[\n  10,\n  null\n]");
  EXPECT_EQ(column("frame:value:end")->ToString(), "[\n  12,\n  null\n]");
  EXPECT_EQ(column("frame:value:num_rows")->ToString(), "[\n  2,\n  0\n]");
  EXPECT_EQ(column("frame:Points2D:positions:num_rows")->ToString(), "[\n  4,\n  0\n]");
  EXPECT_EQ(column("TextDocument:text:has_static_data")->ToString(), "[\n  false,\n  true\n]");
  EXPECT_EQ(column("value:has_static_data")->ToString(), "[\n  false,\n  false\n]");
  EXPECT_TRUE(column("log_time:start")->type()->Equals(arrow::timestamp(arrow::TimeUnit::NANO)));

  const auto& metadata =
      *batch.schema()->GetFieldByName("frame:Points2D:positions:start")->metadata();
  EXPECT_EQ(metadata.keys(), (std::vector<std::string>{"rerun:archetype", "rerun:component",
                                                       "rerun:component_type", "rerun:index"}));
  EXPECT_EQ(metadata.Get("rerun:index").ValueOrDie(), "frame");
  EXPECT_EQ(
      batch.schema()->GetFieldByName("log_time:start")->metadata()->Get("rerun:index").ValueOrDie(),
      "log time");
  EXPECT_EQ(batch.schema()
                ->GetFieldByName("value:has_static_data")
                ->metadata()
                ->Get("rerun:index")
                .ValueOrDie(),
            "rerun:static");
  EXPECT_FALSE(batch.schema()->GetFieldByName("value:has_static_data")->nullable());

  // The sorbet schema: row id, timelines, then entity-qualified components.
  const auto& schema = *manifest.sorbet_schema;
  EXPECT_EQ(schema.field(0)->name(), "rerun.controls.RowId");
  EXPECT_NE(schema.GetFieldByName("log time"), nullptr);
  const auto text = schema.GetFieldByName("/text:TextDocument:text");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->metadata()->Get("rerun:is_static").ValueOrDie(), "true");
  EXPECT_EQ(text->metadata()->Get("rerun:entity_path").ValueOrDie(), "/text");
  EXPECT_NE(schema.GetFieldByName("/points:value"), nullptr);
}

}  // namespace
}  // namespace rrflow
