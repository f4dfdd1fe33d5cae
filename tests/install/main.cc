// Uses the installed rrflow package: reads an .rrd, keeps one entity subtree,
// writes the result with WriteRrd and checks the written file.
//
// usage: app INPUT OUTPUT
#include <rrflow/api.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kKept = "+/world/**";

struct Counts {
  int64_t chunks = 0;
  int64_t rows = 0;
};

Counts Count(const std::vector<rrflow::ChunkPtr>& chunks) {
  Counts counts;
  for (const auto& chunk : chunks) {
    counts.chunks += 1;
    counts.rows += chunk->num_rows();
  }
  return counts;
}

arrow::Status Check(bool ok, const std::string& what) {
  return ok ? arrow::Status::OK() : arrow::Status::Invalid("check failed: ", what);
}

arrow::Status FilterAndCheck(const std::string& input, const std::string& output) {
  ARROW_ASSIGN_OR_RAISE(auto reader, rrflow::RrdReader::Open(input));
  ARROW_ASSIGN_OR_RAISE(auto stores, reader->Stores());
  ARROW_RETURN_NOT_OK(Check(!stores.empty(), input + " has a store"));
  const rrflow::StoreId store = stores.front();

  const auto content = rrflow::ContentFilter::Parse(kKept);
  ARROW_ASSIGN_OR_RAISE(auto all, rrflow::ToChunks(reader->Stream(store)));
  std::vector<rrflow::ChunkPtr> expected;
  for (const auto& chunk : all) {
    if (content.Matches(chunk->entity_path())) expected.push_back(chunk);
  }

  rrflow::FilterCriteria criteria;
  criteria.content = content;
  ARROW_RETURN_NOT_OK(rrflow::WriteRrd(rrflow::MakeFilter(reader->Stream(store), criteria), output, store));

  ARROW_ASSIGN_OR_RAISE(auto written, rrflow::RrdReader::Open(output));
  ARROW_ASSIGN_OR_RAISE(auto written_stores, written->Stores());
  ARROW_RETURN_NOT_OK(Check(written_stores == std::vector<rrflow::StoreId>{store}, "the written file holds the store"));
  ARROW_ASSIGN_OR_RAISE(auto read_back, rrflow::ToChunks(written->Stream(store)));
  const Counts want = Count(expected);
  const Counts got = Count(read_back);
  ARROW_RETURN_NOT_OK(Check(want.chunks > 0 && want.chunks < Count(all).chunks, "the filter keeps some chunks"));
  ARROW_RETURN_NOT_OK(Check(got.chunks == want.chunks, "chunk count"));
  ARROW_RETURN_NOT_OK(Check(got.rows == want.rows, "row count"));
  for (const auto& chunk : read_back) {
    ARROW_RETURN_NOT_OK(Check(content.Matches(chunk->entity_path()), chunk->entity_path().ToString() + " kept"));
  }
  // The footer's manifest lists the same chunks.
  ARROW_ASSIGN_OR_RAISE(auto lazy, written->Store(store));
  ARROW_RETURN_NOT_OK(Check(lazy->num_chunks() == want.chunks, "chunks in the footer"));

  std::cout << "kept " << got.chunks << " of " << Count(all).chunks << " chunks (" << got.rows << " rows) of "
            << store.ToString() << " in " << output << "\n";
  return arrow::Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: app INPUT OUTPUT\n";
    return 2;
  }
  const arrow::Status status = FilterAndCheck(argv[1], argv[2]);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
