#include "net/log_msg_framing_internal.h"

#include <array>

#include <google/protobuf/io/coded_stream.h>
#include <grpcpp/support/slice.h>

namespace rrflow::internal {
namespace {

using google::protobuf::io::CodedOutputStream;

// WriteMessagesRequest.log_msg
constexpr uint32_t kLogMsgField = 1;

constexpr uint32_t LengthDelimitedTag(uint32_t field) { return (field << 3) | 2; }

}  // namespace

grpc::ByteBuffer FrameWriteMessagesRequest(LogMsgField field,
                                           std::shared_ptr<arrow::Buffer> payload) {
  const auto payload_size = static_cast<uint64_t>(payload->size());
  const uint32_t inner_tag = LengthDelimitedTag(static_cast<uint32_t>(field));
  const uint64_t log_msg_size =
      CodedOutputStream::VarintSize32(inner_tag) + CodedOutputStream::VarintSize64(payload_size) +
      payload_size;
  // Two tags and two lengths of at most ten bytes each.
  std::array<uint8_t, 24> header{};
  uint8_t* out = header.data();
  out = CodedOutputStream::WriteVarint32ToArray(LengthDelimitedTag(kLogMsgField), out);
  out = CodedOutputStream::WriteVarint64ToArray(log_msg_size, out);
  out = CodedOutputStream::WriteVarint32ToArray(inner_tag, out);
  out = CodedOutputStream::WriteVarint64ToArray(payload_size, out);

  auto* owner = new std::shared_ptr<arrow::Buffer>(std::move(payload));
  const arrow::Buffer& bytes = **owner;
  std::array<grpc::Slice, 2> slices{
      grpc::Slice(header.data(), static_cast<size_t>(out - header.data())),
      grpc::Slice(const_cast<uint8_t*>(bytes.data()), static_cast<size_t>(bytes.size()),
                  [](void* user_data) { delete static_cast<std::shared_ptr<arrow::Buffer>*>(user_data); },
                  owner)};
  return grpc::ByteBuffer(slices.data(), slices.size());
}

}  // namespace rrflow::internal
