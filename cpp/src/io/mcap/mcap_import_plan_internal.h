// What one import of an MCAP file does: which decoders run, which channels
// they decode, and the protobuf and ROS 2 schemas they decode with.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

#include "io/mcap/mcap_file_internal.h"
#include "io/mcap/protobuf_schema_internal.h"
#include "io/mcap/ros2_decode_plan_internal.h"
#include "rrflow/stream/problem.h"

namespace re2 {
class RE2;
}

namespace rrflow::internal::mcap {

/// The decoders an import runs, from the user's identifiers.
struct DecoderSelection {
  bool attachments = false;
  bool metadata = false;
  bool recording_info = false;
  bool schema = false;
  bool stats = false;
  bool protobuf = false;
  bool raw = false;
  bool foxglove = false;
  bool ros2msg = false;
  bool ros2_reflection = false;
  bool urdf = false;

  /// None selects every decoder. An identifier that is not one of
  /// McapReader::AvailableDecoders() is an error listing the valid ones.
  static arrow::Result<DecoderSelection> Make(
      const std::optional<std::vector<std::string>>& decoders);
};

/// The include and exclude topic patterns (RE2, searched, not anchored).
class TopicFilter {
 public:
  /// A pattern that does not compile is an error quoting it.
  static arrow::Result<std::shared_ptr<const TopicFilter>> Make(
      const std::vector<std::string>& include, const std::vector<std::string>& exclude);
  ~TopicFilter();

  /// Some include pattern matches (or there is none) and no exclude pattern does.
  bool Passes(const std::string& topic) const;

 private:
  TopicFilter() = default;
  std::vector<std::unique_ptr<re2::RE2>> include_;
  std::vector<std::unique_ptr<re2::RE2>> exclude_;
};

/// The message decoders, in the order their output is emitted.
enum class MessageDecoder { kProtobuf, kRaw, kRos2Reflection };

/// The schema names the reference's semantic `ros2msg` decoder claims
/// (0.33.1: eighteen); the reflection decoder never takes them.
bool IsSemanticRos2Schema(std::string_view schema_name);

/// The channels of a file and what decodes them.
struct ImportPlan {
  /// Channels with messages whose topic passes the filter, in id order:
  /// the `schema` decoder describes each of them.
  std::vector<uint16_t> described_channels;
  /// The message decoder of each channel that one decodes.
  std::map<uint16_t, MessageDecoder> decoder_of;
  /// The protobuf schema of each topic whose schema is protobuf (built for
  /// every such channel when the protobuf decoder is selected).
  std::map<std::string, std::shared_ptr<const ProtobufSchema>> protobuf_schemas;
  /// The decode plan of each channel the ros2_reflection decoder decodes.
  std::map<uint16_t, std::shared_ptr<const Ros2DecodePlan>> ros2_plans;

  /// The channels `decoder` decodes.
  std::vector<uint16_t> ChannelsOf(MessageDecoder decoder) const;
};

/// Plans the import of `file` with `summary`; the channels with messages
/// are McapFile::NonEmptyChannels. A protobuf schema that does not build, or
/// (with ros2_reflection selected) `ros2msg` schema text that does not parse,
/// fails the plan, as in the reference, even for a channel no decoder reads.
/// A ROS 2 schema that parses but does not resolve, or a ROS 2 channel whose
/// messages are not CDR, is a warning and the channel goes to `raw`.
arrow::Result<ImportPlan> MakeImportPlan(const McapFile& file, const McapSummary& summary,
                                         const DecoderSelection& selection,
                                         const TopicFilter& topics, ProblemHandler* problems);

}  // namespace rrflow::internal::mcap
