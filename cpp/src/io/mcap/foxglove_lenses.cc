#include "io/mcap/foxglove_lenses_internal.h"

#include <cctype>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_primitive.h>

#include "chunk/column_building_internal.h"
#include "chunk/take_rows_internal.h"
#include "io/mcap/foxglove_lens_columns_internal.h"
#include "io/mcap/foxglove_lens_outputs_internal.h"

namespace rrflow::internal::mcap {
namespace {

// A component's column; null when no row has a value for it, which the
// reference leaves out too.
using Column = arrow::Result<std::shared_ptr<arrow::ListArray>>;
using Messages = std::shared_ptr<arrow::StructArray>;
using MakeColumn = std::function<Column(const Messages&)>;

// Frame ids of images get this suffix (when not empty): the image plane is
// a frame of its own below the camera's.
constexpr std::string_view kImagePlaneSuffix = "_image_plane";

// One component a lens makes.
struct LensOutput {
  ComponentDescriptor descriptor;
  MakeColumn make;
};

// The lens for the messages of one Foxglove schema.
struct FoxgloveLens {
  std::string input;
  // The list field whose elements become the rows (empty: one row a message).
  std::string scatter;
  std::vector<LensOutput> outputs;
};

ComponentDescriptor Rerun(const std::string& archetype, const std::string& field,
                          const std::string& type) {
  return ComponentDescriptor(archetype + ":" + field, "rerun.archetypes." + archetype,
                             "rerun.components." + type);
}

arrow::Result<Numbers> NumbersAt(const Messages& messages, const std::string& path) {
  ARROW_ASSIGN_OR_RAISE(auto values, FieldAt(messages, path));
  return Numbers::Make(std::move(values), path);
}

// The strings at `path`, with kImagePlaneSuffix added to non-empty ones when
// `image_plane`.
MakeColumn Strings(std::string path, bool image_plane = false) {
  return [=](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto strings, TypedFieldAt<arrow::StringArray>(messages, path));
    if (!image_plane) return OneValueEach(strings);
    arrow::StringBuilder frames;
    for (int64_t row = 0; row < strings->length(); ++row) {
      if (strings->IsNull(row)) {
        ARROW_RETURN_NOT_OK(frames.AppendNull());
        continue;
      }
      const std::string_view frame = strings->GetView(row);
      ARROW_RETURN_NOT_OK(frame.empty() ? frames.Append("")
                                        : frames.Append(std::string(frame) +
                                                        std::string(kImagePlaneSuffix)));
    }
    ARROW_ASSIGN_OR_RAISE(auto values, frames.Finish());
    return OneValueEach(values);
  };
}

MakeColumn MediaTypes() {
  return [](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto formats, TypedFieldAt<arrow::StringArray>(messages, "format"));
    arrow::StringBuilder types;
    for (int64_t row = 0; row < formats->length(); ++row) {
      ARROW_RETURN_NOT_OK(formats->IsNull(row)
                              ? types.AppendNull()
                              : types.Append("image/" + std::string(formats->GetView(row))));
    }
    ARROW_ASSIGN_OR_RAISE(auto values, types.Finish());
    return OneValueEach(values);
  };
}

// Rerun's VideoCodec of a Foxglove video format (ASCII case ignored).
arrow::Result<uint32_t> VideoCodec(std::string_view format) {
  std::string lower(format);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The codes are the codecs' FourCCs read big-endian.
  if (lower == "h264") return 0x61766331;  // avc1
  if (lower == "h265") return 0x68657631;  // hev1
  if (lower == "av1") return 0x61763031;   // av01
  if (lower == "vp8") return 0x76703038;   // vp08
  if (lower == "vp9") return 0x76703039;   // vp09
  return arrow::Status::Invalid("unsupported video format `", format,
                                "` (expected h264, h265, av1, vp8 or vp9)");
}

MakeColumn VideoCodecs() {
  return [](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto formats, TypedFieldAt<arrow::StringArray>(messages, "format"));
    arrow::UInt32Builder codecs;
    for (int64_t row = 0; row < formats->length(); ++row) {
      if (formats->IsNull(row)) {
        ARROW_RETURN_NOT_OK(codecs.AppendNull());
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(const uint32_t codec, VideoCodec(formats->GetView(row)));
      ARROW_RETURN_NOT_OK(codecs.Append(codec));
    }
    ARROW_ASSIGN_OR_RAISE(auto values, codecs.Finish());
    return OneValueEach(values);
  };
}

MakeColumn Blobs(std::string path) {
  return [=](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto binary, TypedFieldAt<arrow::BinaryArray>(messages, path));
    ARROW_ASSIGN_OR_RAISE(auto blobs, BinaryAsBlobs(binary));
    return OneValueEach(blobs);
  };
}

// One tuple a row of the number fields `fields` (paths, at most 4); a null
// field makes a null value in the tuple. When `optional` names a struct, a
// row where it is null is a null row, as the reference's
// `.pose.position! | pack(.x!, .y!, .z!)` makes it.
MakeColumn Tuple(std::vector<std::string> fields, std::shared_ptr<arrow::DataType> type,
                 std::string optional = "") {
  return [=](const Messages& messages) -> Column {
    std::vector<Numbers> numbers;
    for (const auto& field : fields) {
      ARROW_ASSIGN_OR_RAISE(auto field_numbers, NumbersAt(messages, field));
      numbers.push_back(std::move(field_numbers));
    }
    std::shared_ptr<arrow::Array> structs;
    if (!optional.empty()) {
      ARROW_ASSIGN_OR_RAISE(structs, FieldAt(messages, optional));
    }
    TupleRows rows(static_cast<int32_t>(fields.size()), type);
    double values[4];
    bool valid[4];
    for (int64_t row = 0; row < messages->length(); ++row) {
      if (structs != nullptr && structs->IsNull(row)) {
        rows.AddNullRowOfNullTuple();
        continue;
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        valid[i] = !numbers[i].IsNull(row);
        values[i] = valid[i] ? numbers[i].Value(row) : 0;
      }
      rows.AddTuple(values, valid);
      rows.EndRow();
    }
    return rows.Finish();
  };
}

std::vector<std::string> Paths(const std::string& parent, std::vector<std::string> names) {
  for (auto& name : names) name = parent + "." + name;
  return names;
}

// A translation (x, y, z) or quaternion (x, y, z, w) of the struct at
// `path` as f32: one instance a row, with null values when the struct is null.
MakeColumn Vector(const std::string& path, std::vector<std::string> names) {
  return Tuple(Paths(path, std::move(names)), arrow::float32());
}

// The same from an optional struct, whose absence makes a null row.
MakeColumn OptionalVector(const std::string& path, std::vector<std::string> names) {
  return Tuple(Paths(path, std::move(names)), arrow::float32(), path);
}

// Per row, one (x, y, z) or (x, y, z, w) f32 tuple for each element of the
// list `list` of structs, read at `path` in the element; a null list makes a
// null row. No element in any row: no column.
MakeColumn VectorsOfEach(std::string list, std::string path, std::vector<std::string> names) {
  const MakeColumn each = Vector(path, std::move(names));
  return [=](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto lists, TypedFieldAt<arrow::ListArray>(messages, list));
    auto elements = std::dynamic_pointer_cast<arrow::StructArray>(lists->values());
    if (elements == nullptr) return arrow::Status::Invalid("field `", list, "` is not messages");
    if (elements->length() == 0) return nullptr;
    ARROW_ASSIGN_OR_RAISE(auto tuples, each(elements));
    std::vector<int32_t> offsets;
    std::vector<bool> valid;
    for (int64_t row = 0; row <= lists->length(); ++row) offsets.push_back(lists->value_offset(row));
    for (int64_t row = 0; row < lists->length(); ++row) valid.push_back(lists->IsValid(row));
    return ListRows(offsets, valid, tuples->values());
  };
}

// Pinhole:image_from_camera from the row-major 3×3 `K`: column-major f32.
// A message without K gives a null row (where the reference drops the whole
// column); no K in any message, no column.
MakeColumn Projection() {
  return [](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto matrices, TypedFieldAt<arrow::ListArray>(messages, "K"));
    if (matrices->null_count() == matrices->length()) return nullptr;
    ARROW_ASSIGN_OR_RAISE(auto entries, Numbers::Make(matrices->values(), "K"));
    TupleRows rows(9, arrow::float32());
    for (int64_t row = 0; row < matrices->length(); ++row) {
      if (matrices->IsNull(row)) {
        rows.AddNullRow();
        continue;
      }
      if (matrices->value_length(row) != 9) {
        return arrow::Status::Invalid("`K` has ", matrices->value_length(row),
                                      " values, not 9");
      }
      double values[9];
      bool valid[9];
      for (int column = 0; column < 3; ++column) {
        for (int line = 0; line < 3; ++line) {
          const int64_t at = matrices->value_offset(row) + line * 3 + column;
          valid[column * 3 + line] = !entries.IsNull(at);
          values[column * 3 + line] = entries.Value(at);
        }
      }
      rows.AddTuple(values, valid);
      rows.EndRow();
    }
    return rows.Finish();
  };
}

// GeoPoints:colors from the RGBA floats of `color`; no colour, a null row.
MakeColumn Colors() {
  return [](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto colors, FieldAt(messages, "color"));
    std::vector<Numbers> channels;
    for (const char* channel : {"color.r", "color.g", "color.b", "color.a"}) {
      ARROW_ASSIGN_OR_RAISE(auto channel_numbers, NumbersAt(messages, channel));
      channels.push_back(std::move(channel_numbers));
    }
    arrow::UInt32Builder packed;
    for (int64_t row = 0; row < messages->length(); ++row) {
      if (colors->IsNull(row)) {
        ARROW_RETURN_NOT_OK(packed.AppendNull());
        continue;
      }
      const auto value = [&](size_t i) {
        return channels[i].IsNull(row) ? 0.0 : channels[i].Value(row);
      };
      ARROW_RETURN_NOT_OK(packed.Append(PackedColor(value(0), value(1), value(2), value(3))));
    }
    ARROW_ASSIGN_OR_RAISE(auto values, packed.Finish());
    return OneValueEach(values);
  };
}

// TextLog:level from the Foxglove level's name; UNKNOWN is a null level.
MakeColumn LogLevels() {
  return [](const Messages& messages) -> Column {
    ARROW_ASSIGN_OR_RAISE(auto names, TypedFieldAt<arrow::StringArray>(messages, "level.name"));
    arrow::StringBuilder levels;
    for (int64_t row = 0; row < names->length(); ++row) {
      const std::string_view name = names->IsNull(row) ? "UNKNOWN" : names->GetView(row);
      if (name == "UNKNOWN") {
        ARROW_RETURN_NOT_OK(levels.AppendNull());
      } else {
        ARROW_RETURN_NOT_OK(levels.Append(name == "WARNING" ? "WARN"
                                          : name == "FATAL" ? "CRITICAL"
                                                            : name));
      }
    }
    ARROW_ASSIGN_OR_RAISE(auto values, levels.Finish());
    return OneInstanceEach(values);
  };
}

std::vector<LensOutput> TransformOutputs() {
  return {
      {Rerun("Transform3D", "parent_frame", "TransformFrameId"), Strings("parent_frame_id")},
      {Rerun("Transform3D", "child_frame", "TransformFrameId"), Strings("child_frame_id")},
      {Rerun("Transform3D", "translation", "Translation3D"),
       Vector("translation", {"x", "y", "z"})},
      {Rerun("Transform3D", "quaternion", "RotationQuat"),
       Vector("rotation", {"x", "y", "z", "w"})},
  };
}

std::vector<LensOutput> LocationFixOutputs() {
  return {
      {Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id")},
      {Rerun("GeoPoints", "positions", "LatLon"), Tuple({"latitude", "longitude"}, arrow::float64())},
      {Rerun("GeoPoints", "colors", "Color"), Colors()},
  };
}

const std::vector<FoxgloveLens>& FoxgloveLenses() {
  static const auto* lenses = new std::vector<FoxgloveLens>{
      {"foxglove.CameraCalibration:message", "",
       {{Rerun("Pinhole", "child_frame", "TransformFrameId"), Strings("frame_id", true)},
        {Rerun("Pinhole", "parent_frame", "TransformFrameId"), Strings("frame_id")},
        {Rerun("Pinhole", "resolution", "Resolution"), Tuple({"width", "height"}, arrow::float32())},
        {Rerun("Pinhole", "image_from_camera", "PinholeProjection"), Projection()}}},
      {"foxglove.CompressedImage:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id", true)},
        {Rerun("EncodedImage", "media_type", "MediaType"), MediaTypes()},
        {Rerun("EncodedImage", "blob", "Blob"), Blobs("data")}}},
      {"foxglove.CompressedVideo:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id", true)},
        {Rerun("VideoStream", "codec", "VideoCodec"), VideoCodecs()},
        {Rerun("VideoStream", "sample", "VideoSample"), Blobs("data")}}},
      {"foxglove.FrameTransform:message", "", TransformOutputs()},
      {"foxglove.FrameTransforms:message", "transforms", TransformOutputs()},
      {"foxglove.LocationFix:message", "", LocationFixOutputs()},
      {"foxglove.LocationFixes:message", "fixes", LocationFixOutputs()},
      {"foxglove.Log:message", "",
       {{Rerun("TextLog", "text", "Text"), Strings("message")},
        {Rerun("TextLog", "level", "TextLogLevel"), LogLevels()}}},
      {"foxglove.PointCloud:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id")},
        {Rerun("Points3D", "positions", "Position3D"), PackedPositions},
        {Rerun("Points3D", "colors", "Color"), PackedColors},
        {Rerun("InstancePoses3D", "translations", "Translation3D"),
         OptionalVector("pose.position", {"x", "y", "z"})},
        {Rerun("InstancePoses3D", "quaternions", "RotationQuat"),
         OptionalVector("pose.orientation", {"x", "y", "z", "w"})}}},
      {"foxglove.PoseInFrame:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id")},
        {Rerun("InstancePoses3D", "translations", "Translation3D"),
         Vector("pose.position", {"x", "y", "z"})},
        {Rerun("InstancePoses3D", "quaternions", "RotationQuat"),
         Vector("pose.orientation", {"x", "y", "z", "w"})}}},
      {"foxglove.PosesInFrame:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id")},
        {Rerun("InstancePoses3D", "translations", "Translation3D"),
         VectorsOfEach("poses", "position", {"x", "y", "z"})},
        {Rerun("InstancePoses3D", "quaternions", "RotationQuat"),
         VectorsOfEach("poses", "orientation", {"x", "y", "z", "w"})}}},
      {"foxglove.RawImage:message", "",
       {{Rerun("CoordinateFrame", "frame", "TransformFrameId"), Strings("frame_id", true)},
        {Rerun("Image", "format", "ImageFormat"), RawImageFormats},
        {Rerun("Image", "buffer", "ImageBuffer"), RawImageBuffers}}},
  };
  return *lenses;
}

// The integer at `index` of an integer array, as i64.
arrow::Result<int64_t> IntegerAt(const arrow::Array& array, int64_t index, std::string_view what) {
  switch (array.type_id()) {
    case arrow::Type::INT64:
      return static_cast<const arrow::Int64Array&>(array).Value(index);
    case arrow::Type::INT32:
      return static_cast<const arrow::Int32Array&>(array).Value(index);
    case arrow::Type::UINT32:
      return static_cast<const arrow::UInt32Array&>(array).Value(index);
    case arrow::Type::UINT64: {
      const uint64_t value = static_cast<const arrow::UInt64Array&>(array).Value(index);
      if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return arrow::Status::Invalid("`", what, "` ", value, " does not fit in 64 bits");
      }
      return static_cast<int64_t>(value);
    }
    default:
      return arrow::Status::Invalid("field `", what, "` is of type ", array.type()->ToString(),
                                    ", not an integer");
  }
}

// The `timestamp` timeline: seconds·10^9 + nanoseconds of each message's
// `timestamp` (0 when it is unset); overflow is an error.
arrow::Result<std::shared_ptr<arrow::Array>> Timestamps(const Messages& messages, TimeType type) {
  ARROW_ASSIGN_OR_RAISE(auto seconds,
                        FirstFieldAt(messages, {"timestamp.seconds", "timestamp.sec"}));
  ARROW_ASSIGN_OR_RAISE(auto nanos, FirstFieldAt(messages, {"timestamp.nanos", "timestamp.nsec",
                                                            "timestamp.nanosec"}));
  arrow::Int64Builder times;
  ARROW_RETURN_NOT_OK(times.Reserve(messages->length()));
  for (int64_t row = 0; row < messages->length(); ++row) {
    int64_t whole = 0;
    int64_t fraction = 0;
    if (!seconds->IsNull(row)) {
      ARROW_ASSIGN_OR_RAISE(whole, IntegerAt(*seconds, row, "seconds"));
    }
    if (!nanos->IsNull(row)) {
      ARROW_ASSIGN_OR_RAISE(fraction, IntegerAt(*nanos, row, "nanos"));
    }
    int64_t time = 0;
    if (__builtin_mul_overflow(whole, int64_t{1'000'000'000}, &time) ||
        __builtin_add_overflow(time, fraction, &time)) {
      return arrow::Status::Invalid("timestamp ", whole, " s + ", fraction,
                                    " ns overflows 64-bit nanoseconds");
    }
    times.UnsafeAppend(time);
  }
  ARROW_ASSIGN_OR_RAISE(auto values, times.Finish());
  auto data = values->data()->Copy();
  data->type = TimeTypeToArrow(type);
  return arrow::MakeArray(std::move(data));
}

// The rows of a lens's output: the elements (messages, or the elements of
// the scatter list) and, when scattered, the message row each comes from.
struct LensRows {
  Messages elements;
  std::optional<std::vector<int64_t>> message_rows;
};

arrow::Result<LensRows> RowsOf(const Messages& messages, const std::string& scatter) {
  if (scatter.empty()) return LensRows{messages, std::nullopt};
  ARROW_ASSIGN_OR_RAISE(auto lists, TypedFieldAt<arrow::ListArray>(messages, scatter));
  if (lists->value_type()->id() != arrow::Type::STRUCT) {
    return arrow::Status::Invalid("field `", scatter, "` is not a list of messages");
  }
  std::vector<int64_t> message_rows;
  std::vector<int64_t> element_indices;
  for (int64_t row = 0; row < lists->length(); ++row) {
    if (lists->IsNull(row)) continue;
    for (int64_t index = lists->value_offset(row); index < lists->value_offset(row + 1); ++index) {
      message_rows.push_back(row);
      element_indices.push_back(index);
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto elements, internal::TakeRows(lists->values(), element_indices));
  return LensRows{std::static_pointer_cast<arrow::StructArray>(elements),
                  std::move(message_rows)};
}

// The messages of a protobuf decoder column: one struct a row.
arrow::Result<Messages> MessagesOf(const arrow::ListArray& column) {
  for (int64_t row = 0; row < column.length(); ++row) {
    if (column.IsNull(row) || column.value_length(row) != 1) {
      return arrow::Status::Invalid("row ", row, " does not hold exactly one message");
    }
  }
  if (column.value_type()->id() != arrow::Type::STRUCT) {
    return arrow::Status::Invalid("the column does not hold messages");
  }
  const int64_t first = column.length() > 0 ? column.value_offset(0) : 0;
  return std::static_pointer_cast<arrow::StructArray>(
      column.values()->Slice(first, column.length()));
}

class LensApplication {
 public:
  LensApplication(const ChunkPtr& chunk, const FoxgloveLens& lens, const std::string& source,
                  ProblemHandler* problems)
      : chunk_(chunk), lens_(lens), source_(source), problems_(problems) {}

  // Reports that `what` is left out of the lens's output because of `status`.
  void LeftOut(const std::string& what, const arrow::Status& status) const {
    if (problems_ == nullptr) return;
    problems_->Report(Problem{Problem::Severity::kWarning,
                              "Foxglove lens for " + lens_.input + " at " +
                                  chunk_->entity_path().ToString() + ": " + what +
                                  " left out: " + status.message(),
                              source_, std::nullopt});
  }

  // The lens's chunk, or null when it has no rows.
  arrow::Result<ChunkPtr> Apply(const LensRows& rows, TimeType timeline_type) const {
    const int64_t num_rows = rows.elements->length();
    if (num_rows == 0) return nullptr;
    std::vector<TimeColumn> timelines;
    for (const auto& column : chunk_->timelines()) {
      if (!rows.message_rows) {
        timelines.push_back(column);
        continue;
      }
      ARROW_ASSIGN_OR_RAISE(auto times, internal::TakeRows(column.times(), *rows.message_rows));
      ARROW_ASSIGN_OR_RAISE(timelines.emplace_back(), TimeColumn::Make(column.name(), times));
    }
    auto timestamps = Timestamps(rows.elements, timeline_type);
    if (timestamps.ok()) {
      ARROW_ASSIGN_OR_RAISE(timelines.emplace_back(),
                            TimeColumn::Make("timestamp", *timestamps));
    } else {
      LeftOut("the timeline `timestamp`", timestamps.status());
    }
    std::vector<ComponentColumn> components;
    for (const auto& output : lens_.outputs) {
      auto column = output.make(rows.elements);
      if (column.ok()) {
        if (*column != nullptr) components.push_back({output.descriptor, std::move(*column)});
      } else if (column.status().IsOutOfMemory()) {
        return column.status();
      } else {
        LeftOut("the component " + output.descriptor.component, column.status());
      }
    }
    const auto id = ChunkId::New();
    ARROW_ASSIGN_OR_RAISE(auto row_ids, internal::SequentialRowIds(id.tuid, num_rows));
    return Chunk::Make(id, chunk_->entity_path(), std::move(row_ids), std::move(timelines),
                       std::move(components), RowIdOrder::kKnownSorted);
  }

 private:
  const ChunkPtr& chunk_;
  const FoxgloveLens& lens_;
  const std::string& source_;
  ProblemHandler* problems_;
};

}  // namespace

arrow::Result<std::vector<ChunkPtr>> ApplyFoxgloveLenses(const ChunkPtr& chunk,
                                                         TimeType timeline_type,
                                                         const std::string& source,
                                                         ProblemHandler* problems) {
  const auto& components = chunk->components();
  for (size_t index = 0; index < components.size(); ++index) {
    for (const auto& lens : FoxgloveLenses()) {
      if (components[index].descriptor.component != lens.input) continue;
      const LensApplication application(chunk, lens, source, problems);
      auto messages = MessagesOf(*components[index].list);
      auto rows = messages.ok() ? RowsOf(*messages, lens.scatter)
                                : arrow::Result<LensRows>(messages.status());
      if (!rows.ok()) {
        application.LeftOut("its output (the messages stay as decoded)", rows.status());
        return std::vector<ChunkPtr>{chunk};
      }
      std::vector<ChunkPtr> chunks;
      ARROW_ASSIGN_OR_RAISE(auto lensed, application.Apply(*rows, timeline_type));
      if (lensed != nullptr) chunks.push_back(std::move(lensed));
      std::vector<size_t> others;
      for (size_t other = 0; other < components.size(); ++other) {
        if (other != index) others.push_back(other);
      }
      if (!others.empty()) chunks.push_back(chunk->WithComponents(others));
      return chunks;
    }
  }
  return std::vector<ChunkPtr>{chunk};
}

}  // namespace rrflow::internal::mcap
