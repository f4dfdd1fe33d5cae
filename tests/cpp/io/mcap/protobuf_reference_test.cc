// Differential test against rerun-sdk 0.33.1: the payloads of
// tests/data/mcap/protobuf/<case>.mcap with the reference's decoding of each,
// recorded by tests/python/mcap/mcap_protobuf_cases.py in <case>.arrow.
//
// The recorded types pin where 0.33.1 differs from the spec (mcap-import §6.2,
// written from 0.36.2): every struct field is nullable, proto3 scalars without
// presence included; list items are nullable; map values are nullable and an
// enum map value carries no ProtobufEnum metadata.
#include <arrow/api.h>
#include <arrow/io/file.h>
#include <arrow/ipc/reader.h>
#include <gtest/gtest.h>

#include "io/mcap/protobuf_to_arrow_internal.h"
#include "test_util.h"

namespace rrflow::internal {
namespace {

struct ReferenceCase {
  std::string schema_name;
  std::string file_descriptor_set;
  std::shared_ptr<arrow::RecordBatch> rows;  // payload, accepted, message
};

std::string FromHex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

ReferenceCase ReadCase(const std::string& name) {
  const std::string path = std::string(RRFLOW_TEST_DATA_DIR) + "/mcap/protobuf/" + name + ".arrow";
  auto file = arrow::io::ReadableFile::Open(path).ValueOrDie();
  auto reader = arrow::ipc::RecordBatchFileReader::Open(file).ValueOrDie();
  EXPECT_EQ(reader->num_record_batches(), 1);
  const auto& metadata = *reader->schema()->metadata();
  return {metadata.Get("schema_name").ValueOrDie(),
          FromHex(metadata.Get("file_descriptor_set").ValueOrDie()),
          reader->ReadRecordBatch(0).ValueOrDie()};
}

void ExpectSameAsReference(const std::string& name) {
  SCOPED_TRACE(name);
  const ReferenceCase reference = ReadCase(name);
  ASSERT_OK_AND_ASSIGN(auto schema,
                       ProtobufSchema::Make(reference.schema_name, reference.file_descriptor_set));
  const auto expected = reference.rows->GetColumnByName("message");
  EXPECT_TRUE(schema->type()->Equals(*expected->type(), /*check_metadata=*/true))
      << "rrflow    " << schema->type()->ToString(true) << "\nreference "
      << expected->type()->ToString(true);

  const auto& payloads =
      static_cast<const arrow::BinaryArray&>(*reference.rows->GetColumnByName("payload"));
  const auto& accepted =
      static_cast<const arrow::BooleanArray&>(*reference.rows->GetColumnByName("accepted"));
  ASSERT_OK_AND_ASSIGN(auto builder, ProtobufColumnBuilder::Make(schema));
  std::vector<int64_t> accepted_rows;
  for (int64_t row = 0; row < payloads.length(); ++row) {
    const std::string_view payload = payloads.GetView(row);
    const arrow::Status status =
        builder->Append(reinterpret_cast<const uint8_t*>(payload.data()), payload.size());
    EXPECT_EQ(status.ok(), accepted.Value(row)) << "payload " << row << ": " << status.ToString();
    if (status.ok()) accepted_rows.push_back(row);
  }
  ASSERT_OK_AND_ASSIGN(auto column, builder->Finish());
  ASSERT_OK(column->ValidateFull());
  ASSERT_EQ(column->length(), static_cast<int64_t>(accepted_rows.size()));
  for (size_t i = 0; i < accepted_rows.size(); ++i) {
    const int64_t row = accepted_rows[i];
    EXPECT_TRUE(
        column->RangeEquals(static_cast<int64_t>(i), static_cast<int64_t>(i) + 1, row, *expected))
        << "payload " << row << "\nrrflow    "
        << column->Slice(static_cast<int64_t>(i), 1)->ToString() << "\nreference "
        << expected->Slice(row, 1)->ToString();
  }
}

TEST(McapProtobufReference, Proto3ScalarsEnumsNestedRepeatedMapsOneofsAndCorruptRows) {
  ExpectSameAsReference("everything");
}

TEST(McapProtobufReference, Proto2PresenceGroupsPackedAndUnclosedGroup) {
  ExpectSameAsReference("legacy");
}

TEST(McapProtobufReference, UndefinedEnumNumberDropsTheRow) { ExpectSameAsReference("enum_first"); }

}  // namespace
}  // namespace rrflow::internal
