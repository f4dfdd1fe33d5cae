#include "split_command.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cli_support.h"
#include "rrflow/chunk/chunk_ops.h"
#include "rrflow/io/rrd/rrd_reader.h"
#include "rrflow/io/rrd/rrd_sink.h"
#include "rrflow/stream/lazy_chunk_stream.h"
#include "standard_input.h"

namespace rrflow::cli {
namespace {

// How chunks are assigned to parts.
struct SplitRule {
  enum class Kind { kEntity, kSize, kTime } kind = Kind::kEntity;
  int64_t max_bytes = 0;        // kSize
  std::string timeline;         // kTime
  std::vector<int64_t> cuts;    // kTime: sorted; part i is [cuts[i-1], cuts[i])
};

// "100MB", "1.5GB", "512kB", "64MiB" or plain bytes.
std::optional<int64_t> ParseBytes(std::string_view text) {
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1.0}};
  double scale = 1.0;
  for (const auto& [unit, factor] : kUnits) {
    if (text.size() > unit.size() && text.ends_with(unit)) {
      text.remove_suffix(unit.size());
      scale = factor;
      break;
    }
  }
  const std::string number(text);
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != number.size() || !std::isfinite(value) || value * scale < 1 || value * scale > 9e18) return std::nullopt;
  return static_cast<int64_t>(value * scale);
}

arrow::Result<SplitRule> ParseRule(const std::string& by) {
  SplitRule rule;
  if (by == "entity") return rule;
  if (by.starts_with("size=")) {
    rule.kind = SplitRule::Kind::kSize;
    const auto bytes = ParseBytes(std::string_view(by).substr(5));
    if (!bytes) return arrow::Status::Invalid("--by ", by, ": expected a size such as size=100MB");
    rule.max_bytes = *bytes;
    return rule;
  }
  if (by.starts_with("time=")) {
    rule.kind = SplitRule::Kind::kTime;
    const std::string spec = by.substr(5);
    const size_t colon = spec.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return arrow::Status::Invalid("--by ", by, ": expected time=TIMELINE:T1,T2,...");
    }
    rule.timeline = spec.substr(0, colon);
    std::string_view times = std::string_view(spec).substr(colon + 1);
    while (!times.empty()) {
      const size_t comma = times.find(',');
      const std::string item(times.substr(0, comma));
      size_t used = 0;
      int64_t value = 0;
      try {
        value = std::stoll(item, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != item.size()) {
        return arrow::Status::Invalid("--by ", by, ": '", item, "' is not an integer time");
      }
      rule.cuts.push_back(value);
      times = comma == std::string_view::npos ? std::string_view() : times.substr(comma + 1);
    }
    if (rule.cuts.empty()) return arrow::Status::Invalid("--by ", by, ": give at least one time");
    std::sort(rule.cuts.begin(), rule.cuts.end());
    rule.cuts.erase(std::unique(rule.cuts.begin(), rule.cuts.end()), rule.cuts.end());
    return rule;
  }
  return arrow::Status::Invalid("--by ", by, ": expected entity, size=BYTES or time=TIMELINE:T1,T2,...");
}

// A file name for an entity path: its parts joined by '.', other characters
// than letters, digits, '-' and '_' as '_'; the root is "root".
std::string EntityFileName(const EntityPath& path) {
  if (path.is_root()) return "root";
  std::string name;
  for (const auto& part : path.parts()) {
    if (!name.empty()) name += '.';
    for (const char c : part) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  }
  return name;
}

// The parts being written, each an RrdSink opened on first use.
class Parts {
 public:
  Parts(std::filesystem::path directory, std::string stem, StoreId store)
      : directory_(std::move(directory)), stem_(std::move(stem)), store_(std::move(store)) {}

  arrow::Status Write(const std::string& part, ChunkPtr chunk) {
    auto found = sinks_.find(part);
    if (found == sinks_.end()) {
      const auto path = (directory_ / (stem_ + "_" + part + ".rrd")).string();
      ARROW_ASSIGN_OR_RAISE(auto sink, RrdSink::Open(path, store_));
      found = sinks_.emplace(part, std::move(sink)).first;
      paths_.push_back(path);
    }
    return found->second->Write(std::move(chunk));
  }

  arrow::Status Finish() {
    for (auto& [part, sink] : sinks_) ARROW_RETURN_NOT_OK(sink->Finish());
    return arrow::Status::OK();
  }

  const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::filesystem::path directory_;
  std::string stem_;
  StoreId store_;
  std::map<std::string, std::unique_ptr<RrdSink>> sinks_;
  std::vector<std::string> paths_;
};

std::string PartNumber(size_t index) { return fmt::format("{:03d}", index); }

// Sends each chunk to its part(s) as the rule says.
class Splitter final : public ChunkSink {
 public:
  Splitter(SplitRule rule, Parts& parts) : rule_(std::move(rule)), parts_(parts) {}

  arrow::Status Write(ChunkPtr chunk) override {
    switch (rule_.kind) {
      case SplitRule::Kind::kEntity:
      {
        std::string name = EntityName(*chunk);
        return parts_.Write(name, std::move(chunk));
      }
      case SplitRule::Kind::kSize: {
        const int64_t bytes = EstimatedChunkBytes(*chunk);
        if (part_bytes_ > 0 && part_bytes_ + bytes > rule_.max_bytes) {
          ++part_;
          part_bytes_ = 0;
        }
        part_bytes_ += bytes;
        return parts_.Write(PartNumber(part_), std::move(chunk));
      }
      case SplitRule::Kind::kTime:
        return WriteByTime(chunk);
    }
    return arrow::Status::OK();
  }

  arrow::Status Finish() override { return parts_.Finish(); }

 private:
  // Part i holds [cuts[i-1], cuts[i]); static chunks go to every part, so
  // that each shows the recording's static data.
  arrow::Status WriteByTime(const ChunkPtr& chunk) {
    const size_t parts = rule_.cuts.size() + 1;
    for (size_t i = 0; i < parts; ++i) {
      const int64_t start = i == 0 ? std::numeric_limits<int64_t>::min() : rule_.cuts[i - 1];
      const int64_t end = i + 1 == parts ? std::numeric_limits<int64_t>::max() : rule_.cuts[i] - 1;
      if (chunk->is_static()) {
        ARROW_RETURN_NOT_OK(parts_.Write(PartNumber(i), chunk));
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto rows, RowsInTimeRange(chunk, rule_.timeline, start, end));
      if (rows != nullptr) ARROW_RETURN_NOT_OK(parts_.Write(PartNumber(i), std::move(rows)));
    }
    // A temporal chunk without the timeline has no place in time: part 0.
    if (!chunk->is_static() && chunk->FindTimeline(rule_.timeline) == nullptr) {
      return parts_.Write(PartNumber(0), chunk);
    }
    return arrow::Status::OK();
  }

  std::string EntityName(const Chunk& chunk) {
    const std::string& printed = chunk.entity_path().ToString();
    auto found = entity_names_.find(printed);
    if (found != entity_names_.end()) return found->second;
    const std::string base = EntityFileName(chunk.entity_path());
    std::string name = base;
    for (int suffix = 2; !used_names_.insert(name).second; ++suffix) name = base + "-" + std::to_string(suffix);
    return entity_names_.emplace(printed, name).first->second;
  }

  const SplitRule rule_;
  Parts& parts_;
  size_t part_ = 0;
  int64_t part_bytes_ = 0;
  std::map<std::string, std::string> entity_names_;
  std::set<std::string> used_names_;
};

}  // namespace

SplitCommand::SplitCommand(CLI::App& app) {
  split_ = app.add_subcommand("split", "one recording into several .rrd files: by entity, size or time");
  split_->footer(
      "--by entity        one file per entity path (NAME_world.points.rrd)\n"
      "--by size=100MB    consecutive parts of at most that many decoded bytes each\n"
      "                   (a larger chunk is a part of its own); kB/MB/GB, KiB/MiB/GiB\n"
      "--by time=frame:100,200\n"
      "                   parts [-inf,100), [100,200), [200,+inf) on the timeline, chunks\n"
      "                   sliced at row level; static chunks go to every part, temporal\n"
      "                   chunks without the timeline to the first\n"
      "Files are DIR/<input name>_<part>.rrd and keep the recording's identity, so that\n"
      "opening them together shows the whole recording. Chunks stream through.\n\n"
      "Example: rrflow split drive.rrd -o parts --by size=500MB");
  progress_.AddTo(*split_);
  split_->add_option("input", input_, "the .rrd file to split (- for standard input)")->required()->transform(StandardInput());
  split_->add_option("-o,--output-dir", output_dir_, "the directory for the parts (made if missing)")->required();
  split_->add_option("--by", by_, "entity, size=BYTES or time=TIMELINE:T1,T2,...")->required();
  split_->add_option("--recording-id", recording_id_, "which recording (default: the first)");
}

int SplitCommand::Run() const {
  auto rule = ParseRule(by_);
  if (!rule.ok()) {
    Fail(rule.status());
    return kUsage;
  }
  auto reader = RrdReader::Open(input_);
  if (!reader.ok()) return Fail(reader.status());
  auto store = PickRecording(**reader, recording_id_);
  if (!store.ok()) return Fail(store.status());
  std::error_code error;
  std::filesystem::create_directories(output_dir_, error);
  if (error) return Fail(arrow::Status::IOError("cannot make ", output_dir_, ": ", error.message()));
  Parts parts(output_dir_, IsStandardInput(input_) ? "stdin" : std::filesystem::path(input_).stem().string(),
              *store);
  Splitter splitter(*std::move(rule), parts);
  const auto bar = ProgressBar::OverInputs(progress_, {input_});
  ExecuteOptions execute = CliExecuteOptions(bar.get());
  execute.keep_chunk_encodings = true;  // the parts copy the chunks' bytes, as WriteRrd does
  const auto drained = Drain((*reader)->Stream(*store), splitter, execute);
  bar->Stop();
  if (!drained.ok()) return Fail(drained);
  for (const auto& path : parts.paths()) fmt::print("{}\n", path);
  return kSuccess;
}

}  // namespace rrflow::cli
