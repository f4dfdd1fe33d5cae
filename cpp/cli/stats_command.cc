#include "stats_command.h"

#include <fmt/format.h>

#include "cli_support.h"
#include "rrflow/io/rrd/rrd_info.h"
#include "standard_input.h"

namespace rrflow::cli {
namespace {

std::string Counts(int64_t chunks, int64_t rows, int64_t compressed, int64_t uncompressed) {
  return fmt::format("{} chunks, {} rows, {} stored, {} decoded", chunks, rows, ReadableSize(compressed),
                     ReadableSize(uncompressed));
}

void PrintText(const RrdFileInfo& info) {
  fmt::print("{}\n", DisplayName(info.path));
  for (const auto& store : info.stores) {
    fmt::print("{} application_id={} recording_id={}: {}\n", StoreKindName(store.store_id.kind),
               store.store_id.application_id, store.store_id.recording_id,
               Counts(store.num_chunks, store.num_rows, store.compressed_bytes, store.uncompressed_bytes));
    for (const auto& [path, entity] : store.entities) {
      fmt::print("  {}: {}\n", path,
                 Counts(entity.chunks, entity.rows, entity.compressed_bytes, entity.uncompressed_bytes));
      for (const auto& [name, component] : entity.components) {
        std::string ranges;
        for (const auto& [timeline, range] : component.time_ranges) {
          ranges += fmt::format(", {} {}..={}", timeline, range.first, range.second);
        }
        if (component.static_chunks > 0) ranges += fmt::format(", static in {} chunk(s)", component.static_chunks);
        fmt::print("    {}: {}{}\n", name,
                   Counts(component.chunks, component.rows, component.compressed_bytes,
                          component.uncompressed_bytes),
                   ranges);
      }
    }
  }
}

void WriteCounts(JsonWriter& json, int64_t chunks, int64_t rows, int64_t compressed, int64_t uncompressed) {
  json.Key("chunks");
  json.Int(chunks);
  json.Key("rows");
  json.Int(rows);
  json.Key("compressed_bytes");
  json.Int(compressed);
  json.Key("uncompressed_bytes");
  json.Int(uncompressed);
}

void PrintJson(const RrdFileInfo& info) {
  JsonWriter json;
  json.BeginObject();
  json.Key("path");
  json.String(DisplayName(info.path));
  json.Key("stores");
  json.BeginArray();
  for (const auto& store : info.stores) {
    json.BeginObject();
    WriteStoreIdFields(json, store.store_id);
    WriteCounts(json, store.num_chunks, store.num_rows, store.compressed_bytes, store.uncompressed_bytes);
    json.Key("entities");
    json.BeginArray();
    for (const auto& [path, entity] : store.entities) {
      json.BeginObject();
      json.Key("entity_path");
      json.String(path);
      WriteCounts(json, entity.chunks, entity.rows, entity.compressed_bytes, entity.uncompressed_bytes);
      json.Key("components");
      json.BeginArray();
      for (const auto& [name, component] : entity.components) {
        json.BeginObject();
        json.Key("component");
        json.String(name);
        WriteCounts(json, component.chunks, component.rows, component.compressed_bytes,
                    component.uncompressed_bytes);
        json.Key("static_chunks");
        json.Int(component.static_chunks);
        json.Key("time_ranges");
        json.BeginObject();
        for (const auto& [timeline, range] : component.time_ranges) {
          json.Key(timeline);
          json.BeginArray();
          json.Int(range.first);
          json.Int(range.second);
          json.EndArray();
        }
        json.EndObject();
        json.EndObject();
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  fmt::print("{}\n", json.text());
}

}  // namespace

StatsCommand::StatsCommand(CLI::App& app) {
  stats_ = app.add_subcommand("stats", "per entity and component: chunks, rows, bytes and time ranges");
  stats_->footer(
      "Rows count the rows where a component has data. A component's decoded bytes are its\n"
      "Arrow buffers; its stored bytes those times its chunk's compression ratio (a chunk's\n"
      "schema, row ids and times are counted for the entity, not for a component).\n\n"
      "Example: rrflow stats recording.rrd\n"
      "         rrflow stats --json *.rrd   (one JSON object per line)");
  stats_->add_option("files", inputs_, "the .rrd files (- for standard input)")->required()->transform(StandardInput());
  progress_.AddTo(*stats_);
  stats_->add_flag("--json", json_, "print one JSON object per file instead of text");
}

int StatsCommand::Run() const {
  // Printed once the bar is gone, which would share the terminal with them.
  std::vector<RrdFileInfo> described;
  const auto bar = ProgressBar::OverInputs(progress_, inputs_);
  const int exit_code =
      DescribeFiles(inputs_, [&](const RrdFileInfo& info) { described.push_back(info); }, bar.get());
  bar->Stop();
  for (const auto& info : described) json_ ? PrintJson(info) : PrintText(info);
  return exit_code;
}

}  // namespace rrflow::cli
