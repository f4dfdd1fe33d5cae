#include "io/mcap/ros2_decode_plan_internal.h"

#include <limits>
#include <map>
#include <utility>

#include <arrow/type.h>

namespace rrflow::internal {
namespace {

CdrScalar ScalarOf(Ros2Primitive primitive) {
  switch (primitive) {
    case Ros2Primitive::kBool:
      return CdrScalar::kBool;
    case Ros2Primitive::kByte:
    case Ros2Primitive::kUInt8:
      return CdrScalar::kUInt8;
    case Ros2Primitive::kChar:
    case Ros2Primitive::kInt8:
      return CdrScalar::kInt8;
    case Ros2Primitive::kInt16:
      return CdrScalar::kInt16;
    case Ros2Primitive::kUInt16:
      return CdrScalar::kUInt16;
    case Ros2Primitive::kInt32:
      return CdrScalar::kInt32;
    case Ros2Primitive::kUInt32:
      return CdrScalar::kUInt32;
    case Ros2Primitive::kInt64:
      return CdrScalar::kInt64;
    case Ros2Primitive::kUInt64:
      return CdrScalar::kUInt64;
    case Ros2Primitive::kFloat32:
      return CdrScalar::kFloat32;
    case Ros2Primitive::kFloat64:
      return CdrScalar::kFloat64;
    case Ros2Primitive::kString:
    case Ros2Primitive::kWString:
      return CdrScalar::kString;
  }
  return CdrScalar::kString;
}

std::shared_ptr<arrow::DataType> ArrowScalar(CdrScalar scalar) {
  switch (scalar) {
    case CdrScalar::kBool:
      return arrow::boolean();
    case CdrScalar::kInt8:
      return arrow::int8();
    case CdrScalar::kUInt8:
      return arrow::uint8();
    case CdrScalar::kInt16:
      return arrow::int16();
    case CdrScalar::kUInt16:
      return arrow::uint16();
    case CdrScalar::kInt32:
      return arrow::int32();
    case CdrScalar::kUInt32:
      return arrow::uint32();
    case CdrScalar::kInt64:
      return arrow::int64();
    case CdrScalar::kUInt64:
      return arrow::uint64();
    case CdrScalar::kFloat32:
      return arrow::float32();
    case CdrScalar::kFloat64:
      return arrow::float64();
    case CdrScalar::kString:
    case CdrScalar::kStruct:
      break;
  }
  return arrow::utf8();
}

uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max()
                                                      : a + b;
}

uint64_t SaturatingMultiply(uint64_t a, uint64_t b) {
  return b != 0 && a > std::numeric_limits<uint64_t>::max() / b
             ? std::numeric_limits<uint64_t>::max()
             : a * b;
}

// Resolves message types depth first; a type is compiled once however often it is used.
class Resolver {
 public:
  Resolver(const Ros2Schema& schema, std::vector<CdrStruct>* structs)
      : schema_(schema), structs_(*structs) {
    for (const Ros2MessageSpec& spec : schema.dependencies) by_name_[spec.name] = &spec;
  }

  arrow::Result<uint32_t> Compile(const Ros2MessageSpec& spec, int depth) {
    const auto known = index_of_.find(&spec);
    if (known != index_of_.end()) {
      if (!done_[known->second]) {
        return arrow::Status::Invalid("Invalid ROS 2 schema `", schema_.root.name, "`: `",
                                      spec.name, "` contains itself");
      }
      return known->second;
    }
    if (depth > kMaxRos2Nesting) {
      return arrow::Status::Invalid("Invalid ROS 2 schema `", schema_.root.name,
                                    "`: message types nest deeper than ", kMaxRos2Nesting);
    }
    const auto index = static_cast<uint32_t>(structs_.size());
    index_of_[&spec] = index;
    done_.push_back(false);
    structs_.emplace_back();
    structs_[index].name = spec.name;
    std::vector<CdrField> fields;
    arrow::FieldVector arrow_fields;
    uint64_t min_size = 0;
    for (const Ros2Field& field : spec.fields) {
      CdrField compiled;
      compiled.name = field.name;
      std::shared_ptr<arrow::DataType> type;
      uint64_t size = 0;
      std::optional<Ros2Primitive> primitive = field.type.primitive;
      const Ros2MessageSpec* target = nullptr;
      if (!primitive) {
        ARROW_ASSIGN_OR_RAISE(target, Find(spec, field));
        primitive = target->EnumType();
      }
      if (primitive) {
        compiled.scalar = ScalarOf(*primitive);
        type = ArrowScalar(compiled.scalar);
        size = compiled.scalar == CdrScalar::kString ? 4 : CdrScalarSize(compiled.scalar);
      } else {
        ARROW_ASSIGN_OR_RAISE(compiled.struct_index, Compile(*target, depth + 1));
        compiled.scalar = CdrScalar::kStruct;
        type = structs_[compiled.struct_index].type;
        size = structs_[compiled.struct_index].min_size;
      }
      switch (field.type.array) {
        case Ros2ArrayKind::kNone:
          break;
        case Ros2ArrayKind::kFixed:
          if (field.type.array_size > std::numeric_limits<uint32_t>::max()) {
            return arrow::Status::Invalid("Invalid ROS 2 schema `", schema_.root.name,
                                          "`: field `", field.name, "` (line ", field.line,
                                          ") of `", spec.name, "` is a fixed array of ",
                                          field.type.array_size, " values, too many");
          }
          compiled.fixed = true;
          compiled.fixed_length = static_cast<uint32_t>(field.type.array_size);
          size = SaturatingMultiply(size, compiled.fixed_length);
          type = arrow::list(type);
          break;
        case Ros2ArrayKind::kBounded:
        case Ros2ArrayKind::kUnbounded:
          compiled.sequence = true;
          size = 4;
          type = arrow::list(type);
          break;
      }
      min_size = SaturatingAdd(min_size, size);
      arrow_fields.push_back(arrow::field(field.name, std::move(type)));
      fields.push_back(std::move(compiled));
    }
    CdrStruct& compiled = structs_[index];
    compiled.fields = std::move(fields);
    compiled.type = std::static_pointer_cast<arrow::StructType>(arrow::struct_(arrow_fields));
    compiled.min_size = min_size;
    done_[index] = true;
    return index;
  }

 private:
  arrow::Result<const Ros2MessageSpec*> Find(const Ros2MessageSpec& scope,
                                             const Ros2Field& field) const {
    std::string name;
    if (!field.type.package.empty()) {
      name = field.type.package + "/" + field.type.name;
    } else {
      // Relative names are in the package of the message using them: the
      // first part of its name (`pkg` of `pkg/msg/Type` and `pkg/Type`).
      const size_t slash = scope.name.find('/');
      name = slash == std::string::npos ? field.type.name
                                        : scope.name.substr(0, slash + 1) + field.type.name;
    }
    const auto found = by_name_.find(name);
    if (found == by_name_.end()) {
      return arrow::Status::Invalid("Invalid ROS 2 schema `", schema_.root.name, "`: field `",
                                    field.name, "` (line ", field.line, ") of `", scope.name,
                                    "` has type `", name, "`, which the schema does not define");
    }
    return found->second;
  }

  const Ros2Schema& schema_;
  std::vector<CdrStruct>& structs_;
  std::map<std::string, const Ros2MessageSpec*> by_name_;
  std::map<const Ros2MessageSpec*, uint32_t> index_of_;
  std::vector<bool> done_;
};

}  // namespace

int CdrScalarSize(CdrScalar scalar) {
  switch (scalar) {
    case CdrScalar::kBool:
    case CdrScalar::kInt8:
    case CdrScalar::kUInt8:
      return 1;
    case CdrScalar::kInt16:
    case CdrScalar::kUInt16:
      return 2;
    case CdrScalar::kInt32:
    case CdrScalar::kUInt32:
    case CdrScalar::kFloat32:
      return 4;
    case CdrScalar::kInt64:
    case CdrScalar::kUInt64:
    case CdrScalar::kFloat64:
      return 8;
    case CdrScalar::kString:
    case CdrScalar::kStruct:
      break;
  }
  return 0;
}

arrow::Result<std::shared_ptr<const Ros2DecodePlan>> Ros2DecodePlan::Make(
    const Ros2Schema& schema) {
  std::shared_ptr<Ros2DecodePlan> plan(new Ros2DecodePlan());
  Resolver resolver(schema, &plan->structs_);
  ARROW_RETURN_NOT_OK(resolver.Compile(schema.root, 0));
  return plan;
}

arrow::Result<std::shared_ptr<const Ros2DecodePlan>> Ros2DecodePlan::Make(
    std::string_view schema_name, std::string_view text) {
  ARROW_ASSIGN_OR_RAISE(const Ros2Schema schema, Ros2Schema::Parse(schema_name, text));
  return Make(schema);
}

}  // namespace rrflow::internal
