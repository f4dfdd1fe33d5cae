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

std::string_view TextOf(const Schema& schema) {
  return std::string_view(reinterpret_cast<const char*>(schema.data->data()),
                          static_cast<size_t>(schema.data->size()));
}

bool IsCdr(std::string_view encoding) {
  constexpr std::string_view kCdr = "cdr";
  return encoding.size() == kCdr.size() &&
         std::equal(encoding.begin(), encoding.end(), kCdr.begin(),
                    [](char a, char b) { return (a | 0x20) == b; });
}

void Warn(ProblemHandler* problems, const McapFile& file, std::string message) {
  if (problems != nullptr) {
    problems->Report(
        Problem{Problem::Severity::kWarning, std::move(message), file.source(), std::nullopt});
  }
}

// The decode plan of each `ros2msg` schema that channels use, by schema id, or
// why it does not resolve. Text that does not parse fails the import.
arrow::Result<std::map<uint16_t, arrow::Result<std::shared_ptr<const Ros2DecodePlan>>>>
CompileRos2Schemas(const McapFile& file, const McapSummary& summary) {
  std::map<uint16_t, arrow::Result<std::shared_ptr<const Ros2DecodePlan>>> plans;
  for (const auto& [id, channel] : summary.channels) {
    const auto schema = summary.schemas.find(channel.schema_id);
    if (schema == summary.schemas.end() || schema->second.encoding != "ros2msg" ||
        plans.count(channel.schema_id) > 0) {
      continue;
    }
    auto parsed = Ros2Schema::Parse(schema->second.name, TextOf(schema->second));
    if (!parsed.ok()) {
      return parsed.status().WithMessage(file.source(), ": channel ", id, " (topic `",
                                         channel.topic, "`): ", parsed.status().message());
    }
    plans.emplace(channel.schema_id, Ros2DecodePlan::Make(*parsed));
  }
  return plans;
}

}  // namespace

bool IsSemanticRos2Schema(std::string_view schema_name) {
  static constexpr std::string_view kNames[] = {
      "sensor_msgs/msg/BatteryState",     "sensor_msgs/msg/CameraInfo",
      "sensor_msgs/msg/CompressedImage",  "sensor_msgs/msg/FluidPressure",
      "sensor_msgs/msg/Illuminance",      "sensor_msgs/msg/Image",
      "sensor_msgs/msg/Imu",              "sensor_msgs/msg/JointState",
      "sensor_msgs/msg/Joy",              "sensor_msgs/msg/MagneticField",
      "sensor_msgs/msg/NavSatFix",        "sensor_msgs/msg/PointCloud2",
      "sensor_msgs/msg/Range",            "sensor_msgs/msg/RelativeHumidity",
      "sensor_msgs/msg/Temperature",      "std_msgs/msg/Float64Array",
      "std_msgs/msg/Float64MultiArray",   "tf2_msgs/msg/TFMessage"};
  return std::find(std::begin(kNames), std::end(kNames), schema_name) != std::end(kNames);
}

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
  std::map<uint16_t, arrow::Result<std::shared_ptr<const Ros2DecodePlan>>> ros2_plans;
  if (selection.ros2_reflection) {
    ARROW_ASSIGN_OR_RAISE(ros2_plans, CompileRos2Schemas(file, summary));
  }
  const bool needs_channels =
      selection.schema || selection.protobuf || selection.raw || selection.ros2_reflection;
  if (!needs_channels) return plan;
  ARROW_ASSIGN_OR_RAISE(const auto with_messages, file.NonEmptyChannels(summary, problems));
  for (const auto& [id, channel] : summary.channels) {
    if (with_messages.count(id) == 0 || !topics.Passes(channel.topic)) continue;
    plan.described_channels.push_back(id);
    const auto schema = summary.schemas.find(channel.schema_id);
    const bool protobuf = schema != summary.schemas.end() &&
                          schema->second.encoding == "protobuf" &&
                          plan.protobuf_schemas.count(channel.topic) > 0;
    // Semantic schemas are the ros2msg decoder's, whether it is selected or not.
    const auto ros2 = ros2_plans.find(channel.schema_id);
    if (ros2 != ros2_plans.end() && !IsSemanticRos2Schema(schema->second.name)) {
      const std::string where =
          "MCAP channel " + std::to_string(id) + " (topic `" + channel.topic + "`)";
      if (!IsCdr(channel.message_encoding)) {
        Warn(problems, file, where + " has a ROS 2 schema but message encoding `" +
                                 channel.message_encoding + "`, not CDR: it is not reflected");
      } else if (!ros2->second.ok()) {
        Warn(problems, file,
             where + " is not reflected: " + ros2->second.status().message());
      } else {
        plan.decoder_of[id] = MessageDecoder::kRos2Reflection;
        plan.ros2_plans[id] = *ros2->second;
        continue;
      }
    }
    if (selection.protobuf && protobuf) {
      plan.decoder_of[id] = MessageDecoder::kProtobuf;
    } else if (selection.raw) {
      plan.decoder_of[id] = MessageDecoder::kRaw;
    }
  }
  return plan;
}

}  // namespace rrflow::internal::mcap
