#include "io/mcap/mcap_import_plan_internal.h"

#include <set>

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
  const auto& valid = McapReader::AvailableDecoders();
  DecoderSelection selection;
  bool* const flags[] = {&selection.attachments,    &selection.foxglove, &selection.metadata,
                         &selection.protobuf,       &selection.raw,      &selection.recording_info,
                         &selection.ros2_reflection, &selection.ros2msg,  &selection.schema,
                         &selection.stats,          &selection.urdf};
  static_assert(std::size(flags) == 11);
  if (!decoders) {
    for (bool* flag : flags) *flag = true;
    return selection;
  }
  for (const auto& name : *decoders) {
    const auto found = std::find(valid.begin(), valid.end(), name);
    if (found == valid.end()) {
      return arrow::Status::Invalid("Unknown decoder: \"", name,
                                    "\". Valid decoders: ", QuotedList(valid));
    }
    *flags[found - valid.begin()] = true;
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
