#include "info_command.h"

#include <fmt/format.h>

#include "cli_support.h"
#include "rrflow/io/rrd/rrd_info.h"
#include "standard_input.h"

namespace rrflow::cli {
namespace {

void PrintText(const RrdFileInfo& info) {
  fmt::print("{}: {}, {}\n", DisplayName(info.path), ReadableSize(info.file_bytes),
             info.has_footer ? "with footer" : "no footer");
  for (const auto& store : info.stores) {
    fmt::print("{} application_id={} recording_id={}\n", StoreKindName(store.store_id.kind),
               store.store_id.application_id, store.store_id.recording_id);
    fmt::print("  chunks: {} ({} static), rows: {}\n", store.num_chunks, store.static_chunks, store.num_rows);
    fmt::print("  bytes: {} compressed, {} uncompressed\n", ReadableSize(store.compressed_bytes),
               ReadableSize(store.uncompressed_bytes));
    std::vector<std::string> timelines;
    for (const auto& [name, type] : store.timelines) {
      timelines.push_back(fmt::format("{} ({})", name, TimeTypeName(type)));
    }
    fmt::print("  timelines: {}\n", timelines.empty() ? "none" : fmt::format("{}", fmt::join(timelines, ", ")));
    fmt::print("  entities ({}): {}\n", store.entity_paths.size(), fmt::join(store.entity_paths, ", "));
  }
}

void PrintJson(const RrdFileInfo& info) {
  JsonWriter json;
  json.BeginObject();
  json.Key("path");
  json.String(DisplayName(info.path));
  json.Key("file_bytes");
  json.Int(info.file_bytes);
  json.Key("has_footer");
  json.Bool(info.has_footer);
  json.Key("stores");
  json.BeginArray();
  for (const auto& store : info.stores) {
    json.BeginObject();
    WriteStoreIdFields(json, store.store_id);
    json.Key("chunks");
    json.Int(store.num_chunks);
    json.Key("static_chunks");
    json.Int(store.static_chunks);
    json.Key("rows");
    json.Int(store.num_rows);
    json.Key("compressed_bytes");
    json.Int(store.compressed_bytes);
    json.Key("uncompressed_bytes");
    json.Int(store.uncompressed_bytes);
    json.Key("timelines");
    json.BeginObject();
    for (const auto& [name, type] : store.timelines) {
      json.Key(name);
      json.String(TimeTypeName(type));
    }
    json.EndObject();
    json.Key("entities");
    json.BeginArray();
    for (const auto& entity : store.entity_paths) json.String(entity);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  fmt::print("{}\n", json.text());
}

}  // namespace

InfoCommand::InfoCommand(CLI::App& app) {
  info_ = app.add_subcommand("info", "stores, chunks, entities, timelines and sizes of .rrd files");
  info_->footer("Example: rrflow info recording.rrd\n         rrflow info --json a.rrd b.rrd   (one JSON object per line)");
  info_->add_option("files", inputs_, "the .rrd files (- for standard input)")->required()->transform(StandardInput());
  info_->add_flag("--json", json_, "print one JSON object per file instead of text");
}

int InfoCommand::Run() const {
  return DescribeFiles(inputs_, [this](const RrdFileInfo& info) { json_ ? PrintJson(info) : PrintText(info); });
}

}  // namespace rrflow::cli
