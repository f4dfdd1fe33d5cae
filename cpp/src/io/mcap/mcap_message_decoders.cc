#include "io/mcap/mcap_message_decoders_internal.h"

#include <algorithm>
#include <map>

#include "io/mcap/mcap_columns_internal.h"
#include "io/mcap/protobuf_to_arrow_internal.h"

namespace rrflow::internal::mcap {
namespace {

using Messages = std::vector<const Message*>;

// The messages of each channel `decoder` decodes, in record order; the
// channels the summary does not define go to `unknown`.
std::map<uint16_t, Messages> MessagesByChannel(const ChunkContents& contents,
                                               MessageDecoder decoder,
                                               const MessageDecoding& decoding,
                                               std::vector<uint16_t>* unknown) {
  std::map<uint16_t, Messages> by_channel;
  for (const auto& message : contents.messages) {
    const auto assigned = decoding.plan->decoder_of.find(message.channel_id);
    if (assigned != decoding.plan->decoder_of.end()) {
      if (assigned->second == decoder) by_channel[message.channel_id].push_back(&message);
      continue;
    }
    if (decoding.summary->channels.count(message.channel_id) == 0 &&
        std::find(unknown->begin(), unknown->end(), message.channel_id) == unknown->end()) {
      unknown->push_back(message.channel_id);
    }
  }
  return by_channel;
}

arrow::Result<std::shared_ptr<arrow::Array>> TimesOf(const Messages& messages, bool log_time,
                                                     TimeType type) {
  std::vector<int64_t> times;
  times.reserve(messages.size());
  for (const Message* message : messages) {
    times.push_back(SaturatingTime(log_time ? message->log_time : message->publish_time));
  }
  ARROW_ASSIGN_OR_RAISE(auto values, Int64Values(times));
  auto data = values->data()->Copy();
  data->type = TimeTypeToArrow(type);
  return arrow::MakeArray(std::move(data));
}

arrow::Result<McapComponent> RawPayloads(const Messages& messages) {
  std::vector<std::span<const uint8_t>> payloads;
  payloads.reserve(messages.size());
  for (const Message* message : messages) payloads.push_back(message->data);
  ARROW_ASSIGN_OR_RAISE(auto blobs, BlobValues(payloads));
  std::vector<int32_t> offsets(messages.size() + 1);
  for (size_t row = 0; row < offsets.size(); ++row) offsets[row] = static_cast<int32_t>(row);
  // The reference's raw column is the one whose item is not nullable.
  ARROW_ASSIGN_OR_RAISE(auto column, Rows(offsets, blobs, /*item_nullable=*/false));
  return McapComponent{
      ComponentDescriptor("McapMessage:data", "rerun.archetypes.McapMessage",
                          "rerun.components.Blob"),
      std::move(column)};
}

void WarnUndecoded(const Channel& channel, const Message& message, const arrow::Status& why,
                   const MessageDecoding& decoding, ProblemHandler* problems) {
  if (problems == nullptr) return;
  problems->Report(Problem{
      Problem::Severity::kWarning,
      "Failed to decode message on channel " + std::to_string(channel.id) + " (" + channel.topic +
          ") at log time " + std::to_string(message.log_time) + ": " + why.message(),
      decoding.source, std::nullopt});
}

// Appends every payload `builder` can decode and returns one single-row list
// per decoded message; `messages` keeps those that decoded, the others are
// warned about. Shared by the protobuf and ROS 2 builders (same Append/Finish).
template <typename Builder>
arrow::Result<std::shared_ptr<arrow::ListArray>> DecodedRows(Builder& builder, const Channel& channel,
                                                         Messages& messages, const MessageDecoding& decoding,
                                                         ProblemHandler* problems) {
  Messages decoded;
  decoded.reserve(messages.size());
  for (const Message* message : messages) {
    const auto appended = builder.Append(message->data.data(), message->data.size());
    if (appended.ok()) {
      decoded.push_back(message);
    } else if (appended.IsOutOfMemory()) {
      return appended;
    } else {
      WarnUndecoded(channel, *message, appended, decoding, problems);
    }
  }
  messages = std::move(decoded);
  ARROW_ASSIGN_OR_RAISE(auto structs, builder.Finish());
  std::vector<int32_t> offsets(messages.size() + 1);
  for (size_t row = 0; row < offsets.size(); ++row) offsets[row] = static_cast<int32_t>(row);
  return Rows(offsets, structs);
}

arrow::Result<McapComponent> ProtobufMessages(const Channel& channel, Messages& messages,
                                              const MessageDecoding& decoding,
                                              ProblemHandler* problems) {
  const auto& schema = decoding.plan->protobuf_schemas.at(channel.topic);
  ARROW_ASSIGN_OR_RAISE(auto builder, ProtobufColumnBuilder::Make(schema));
  ARROW_ASSIGN_OR_RAISE(auto column, DecodedRows(*builder, channel, messages, decoding, problems));
  const std::string& name = schema->message().full_name();
  return McapComponent{ComponentDescriptor(name + ":message", name), std::move(column)};
}

// A builder per MCAP chunk, since chunks are decoded on several threads at once.
arrow::Result<McapComponent> Ros2Messages(const Channel& channel, Messages& messages,
                                          const MessageDecoding& decoding, ProblemHandler* problems) {
  ARROW_ASSIGN_OR_RAISE(auto builder, Ros2CdrColumnBuilder::Make(decoding.plan->ros2_plans.at(channel.id)));
  ARROW_ASSIGN_OR_RAISE(auto column, DecodedRows(*builder, channel, messages, decoding, problems));
  // `pkg/msg/Type` is archetype `pkg.msg.Type`, component `pkg.msg.Type:message`.
  std::string name = builder->plan().schema_name();
  std::replace(name.begin(), name.end(), '/', '.');
  return McapComponent{ComponentDescriptor(name + ":message", name), std::move(column)};
}

}  // namespace

Problem UnknownChannelProblem(uint16_t channel, const std::string& source, int64_t chunk_offset) {
  return Problem{Problem::Severity::kWarning,
                 "MCAP chunk has messages on channel " + std::to_string(channel) +
                     ", which the summary does not define: they are skipped",
                 source, chunk_offset};
}

arrow::Result<DecodedMessages> DecodeMessages(const ChunkContents& contents,
                                              MessageDecoder decoder,
                                              const MessageDecoding& decoding,
                                              ProblemHandler* problems) {
  DecodedMessages decoded;
  std::vector<ChunkPtr>& chunks = decoded.chunks;
  for (auto& [channel_id, messages] :
       MessagesByChannel(contents, decoder, decoding, &decoded.unknown_channels)) {
    const Channel& channel = decoding.summary->channels.at(channel_id);
    McapComponent component;
    if (decoder == MessageDecoder::kRaw) {
      ARROW_ASSIGN_OR_RAISE(component, RawPayloads(messages));
    } else if (decoder == MessageDecoder::kProtobuf) {
      ARROW_ASSIGN_OR_RAISE(component, ProtobufMessages(channel, messages, decoding, problems));
    } else {
      ARROW_ASSIGN_OR_RAISE(component, Ros2Messages(channel, messages, decoding, problems));
    }
    if (messages.empty()) continue;
    ARROW_ASSIGN_OR_RAISE(auto log_times, TimesOf(messages, true, decoding.timeline_type));
    ARROW_ASSIGN_OR_RAISE(auto publish_times, TimesOf(messages, false, decoding.timeline_type));
    ARROW_ASSIGN_OR_RAISE(
        chunks.emplace_back(),
        rrflow::Chunk::FromColumns(EntityPath::Parse(channel.topic),
                           {{"message_log_time", std::move(log_times)},
                            {"message_publish_time", std::move(publish_times)}},
                           {{std::move(component.descriptor), std::move(component.column)}}));
  }
  return decoded;
}

}  // namespace rrflow::internal::mcap
