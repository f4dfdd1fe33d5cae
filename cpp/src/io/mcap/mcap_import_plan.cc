#include "io/mcap/mcap_import_plan_internal.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include <re2/re2.h>

#include "rrflow/io/mcap/mcap_reader.h"

namespace rrflow::internal::mcap {
namespace {

std::string QuotedList(const std::vector<std::string>& names) {
  std::string text = "[";
  for (const auto& name : names) {
    if (text.size() > 1) text += ", ";
    text += "\"" + name + "\"";
  }
  return text + "]";
}

arrow::Result<std::vector<std::unique_ptr<re2::RE2>>> CompilePatterns(
    const std::vector<std::string>& patterns, const char* kind) {
  std::vector<std::unique_ptr<re2::RE2>> compiled;
  for (const auto& pattern : patterns) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_unique<re2::RE2>(pattern, options);
    if (!regex->ok()) {
      return arrow::Status::Invalid("Invalid ", kind, " topic regex \"", pattern,
                                    "\": ", regex->error());
    }
    compiled.push_back(std::move(regex));
  }
  return compiled;
}

}  // namespace

arrow::Result<DecoderSelection> DecoderSelection::Make(
    const std::optional<std::vector<std::string>>& decoders) {
  // Each identifier with the flag it sets, so that no order has to match.
  static constexpr std::pair<std::string_view, bool DecoderSelection::*> kFlags[] = {
      {"attachments", &DecoderSelection::attachments},
      {"foxglove", &DecoderSelection::foxglove},
      {"metadata", &DecoderSelection::metadata},
      {"protobuf", &DecoderSelection::protobuf},
      {"raw", &DecoderSelection::raw},
      {"recording_info", &DecoderSelection::recording_info},
      {"ros2_reflection", &DecoderSelection::ros2_reflection},
      {"ros2msg", &DecoderSelection::ros2msg},
      {"schema", &DecoderSelection::schema},
      {"stats", &DecoderSelection::stats},
      {"urdf", &DecoderSelection::urdf}};
  DecoderSelection selection;
  if (!decoders) {
    for (const auto& [name, flag] : kFlags) selection.*flag = true;
    return selection;
  }
  for (const auto& name : *decoders) {
    const auto found = std::find_if(std::begin(kFlags), std::end(kFlags),
                                    [&](const auto& entry) { return entry.first == name; });
    if (found == std::end(kFlags)) {
      return arrow::Status::Invalid("Unknown decoder: \"", name, "\". Valid decoders: ",
                                    QuotedList(McapReader::AvailableDecoders()));
    }
    selection.*(found->second) = true;
  }
  return selection;
}

arrow::Result<std::shared_ptr<const TopicFilter>> TopicFilter::Make(
    const std::vector<std::string>& include, const std::vector<std::string>& exclude) {
  auto filter = std::shared_ptr<TopicFilter>(new TopicFilter());
  ARROW_ASSIGN_OR_RAISE(filter->include_, CompilePatterns(include, "include"));
  ARROW_ASSIGN_OR_RAISE(filter->exclude_, CompilePatterns(exclude, "exclude"));
  return filter;
}

TopicFilter::~TopicFilter() = default;

bool TopicFilter::Passes(const std::string& topic) const {
  bool included = include_.empty();
  for (const auto& regex : include_) {
    if (re2::RE2::PartialMatch(topic, *regex)) {
      included = true;
      break;
    }
  }
  if (!included) return false;
  for (const auto& regex : exclude_) {
    if (re2::RE2::PartialMatch(topic, *regex)) return false;
  }
  return true;
}

std::vector<uint16_t> ImportPlan::ChannelsOf(MessageDecoder decoder) const {
  std::vector<uint16_t> channels;
  for (const auto& [channel, assigned] : decoder_of) {
    if (assigned == decoder) channels.push_back(channel);
  }
  return channels;
}

arrow::Result<ImportPlan> MakeImportPlan(const McapFile& file, const McapSummary& summary,
                                         const DecoderSelection& selection,
                                         const TopicFilter& topics, ProblemHandler* problems) {
  ImportPlan plan;
  if (selection.protobuf) {
    for (const auto& [id, channel] : summary.channels) {
      const auto schema = summary.schemas.find(channel.schema_id);
      if (schema == summary.schemas.end() || schema->second.encoding != "protobuf") continue;
      const auto& data = *schema->second.data;
      auto built = ProtobufSchema::Make(
          schema->second.name, std::string_view(reinterpret_cast<const char*>(data.data()),
                                                static_cast<size_t>(data.size())));
      if (!built.ok()) {
        return built.status().WithMessage(file.source(), ": channel ", id, " (topic `",
                                          channel.topic, "`): ", built.status().message());
      }
      plan.protobuf_schemas[channel.topic] = std::move(*built);
    }
  }
  const bool needs_channels = selection.schema || selection.protobuf || selection.raw;
  if (!needs_channels) return plan;
  ARROW_ASSIGN_OR_RAISE(const auto with_messages, file.NonEmptyChannels(summary, problems));
  for (const auto& [id, channel] : summary.channels) {
    if (with_messages.count(id) == 0 || !topics.Passes(channel.topic)) continue;
    plan.described_channels.push_back(id);
    const auto schema = summary.schemas.find(channel.schema_id);
    const bool protobuf = schema != summary.schemas.end() &&
                          schema->second.encoding == "protobuf" &&
                          plan.protobuf_schemas.count(channel.topic) > 0;
    if (selection.protobuf && protobuf) {
      plan.decoder_of[id] = MessageDecoder::kProtobuf;
    } else if (selection.raw) {
      plan.decoder_of[id] = MessageDecoder::kRaw;
    }
  }
  return plan;
}

}  // namespace rrflow::internal::mcap
