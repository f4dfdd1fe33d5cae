// foxglove.RawImage: Rerun's ImageFormat from the encoding name, and the
// pixel bytes without row padding.
#include <array>
#include <optional>
#include <string_view>

#include <arrow/array/builder_binary.h>
#include <arrow/array/builder_nested.h>
#include <arrow/array/builder_primitive.h>
#include <arrow/buffer_builder.h>

#include "io/mcap/foxglove_lens_columns_internal.h"
#include "io/mcap/foxglove_lens_outputs_internal.h"

namespace rrflow::internal::mcap {
namespace {

// Rerun's ColorModel, ChannelDatatype and PixelFormat codes.
enum ColorModel : uint8_t { kL = 1, kRgb = 2, kRgba = 3, kBgr = 4, kBgra = 5 };
enum ChannelDatatype : uint8_t {
  kU8 = 6, kI8 = 7, kU16 = 8, kI16 = 9, kI32 = 11, kF32 = 34, kF64 = 35
};
enum PixelFormat : uint8_t { kNv12 = 26, kYuy2 = 27 };

// An encoding as Rerun describes it: a colour model (none for depth images)
// with a channel type, or a pixel format.
struct ImageEncoding {
  std::string_view name;
  std::optional<uint8_t> color_model;
  std::optional<uint8_t> channel_datatype;
  std::optional<uint8_t> pixel_format;
};

constexpr std::array<ImageEncoding, 21> kEncodings = {{
    {"rgb8", kRgb, kU8, {}},      {"rgba8", kRgba, kU8, {}},   {"rgb16", kRgb, kU16, {}},
    {"rgba16", kRgba, kU16, {}},  {"bgr8", kBgr, kU8, {}},     {"bgra8", kBgra, kU8, {}},
    {"bgr16", kBgr, kU16, {}},    {"bgra16", kBgra, kU16, {}}, {"mono8", kL, kU8, {}},
    {"mono16", kL, kU16, {}},     {"yuyv", {}, {}, kYuy2},     {"yuv422_yuy2", {}, {}, kYuy2},
    {"nv12", {}, {}, kNv12},      {"8UC1", {}, kU8, {}},       {"8UC3", kBgr, kU8, {}},
    {"8SC1", {}, kI8, {}},        {"16UC1", {}, kU16, {}},     {"16SC1", {}, kI16, {}},
    {"32SC1", {}, kI32, {}},      {"32FC1", {}, kF32, {}},     {"64FC1", {}, kF64, {}},
}};

arrow::Result<const ImageEncoding*> FindEncoding(std::string_view name) {
  for (const auto& encoding : kEncodings) {
    if (encoding.name == name) return &encoding;
  }
  std::string names;
  for (const auto& encoding : kEncodings) {
    names += (names.empty() ? "" : ", ") + std::string(encoding.name);
  }
  return arrow::Status::Invalid("unsupported image encoding `", name, "` (expected one of ",
                                names, ")");
}

uint64_t ChannelCount(uint8_t color_model) {
  switch (color_model) {
    case kL: return 1;
    case kRgb:
    case kBgr: return 3;
    default: return 4;
  }
}

uint64_t ChannelBytes(uint8_t datatype) {
  switch (datatype) {
    case kU8:
    case kI8: return 1;
    case kU16:
    case kI16: return 2;
    case kF64: return 8;
    default: return 4;
  }
}

// The bytes of a width × height image in `encoding`, or an error when that
// does not fit in 64 bits.
arrow::Result<uint64_t> ImageBytes(const ImageEncoding& encoding, uint64_t width,
                                   uint64_t height) {
  uint64_t pixels = 0;
  uint64_t bits = 0;
  if (__builtin_mul_overflow(width, height, &pixels)) {
    return arrow::Status::Invalid("image of ", width, " × ", height, " pixels is too large");
  }
  if (encoding.pixel_format) {
    const uint64_t bits_per_pixel = *encoding.pixel_format == kNv12 ? 12 : 16;
    if (__builtin_mul_overflow(pixels, bits_per_pixel, &bits)) {
      return arrow::Status::Invalid("image of ", width, " × ", height, " pixels is too large");
    }
    return bits / 8;
  }
  const uint64_t channels = encoding.color_model ? ChannelCount(*encoding.color_model) : 1;
  uint64_t bytes = 0;
  if (__builtin_mul_overflow(pixels, channels * ChannelBytes(*encoding.channel_datatype),
                             &bytes)) {
    return arrow::Status::Invalid("image of ", width, " × ", height, " pixels is too large");
  }
  return bytes;
}

struct RawImages {
  std::shared_ptr<arrow::UInt32Array> width;
  std::shared_ptr<arrow::UInt32Array> height;
  std::shared_ptr<arrow::StringArray> encoding;

  static arrow::Result<RawImages> Make(const std::shared_ptr<arrow::StructArray>& messages) {
    RawImages images;
    ARROW_ASSIGN_OR_RAISE(images.width, TypedFieldAt<arrow::UInt32Array>(messages, "width"));
    ARROW_ASSIGN_OR_RAISE(images.height, TypedFieldAt<arrow::UInt32Array>(messages, "height"));
    ARROW_ASSIGN_OR_RAISE(images.encoding,
                          TypedFieldAt<arrow::StringArray>(messages, "encoding"));
    return images;
  }

  uint32_t Width(int64_t row) const { return width->IsNull(row) ? 0 : width->Value(row); }
  uint32_t Height(int64_t row) const { return height->IsNull(row) ? 0 : height->Value(row); }
};

}  // namespace

arrow::Result<std::shared_ptr<arrow::ListArray>> RawImageFormats(
    const std::shared_ptr<arrow::StructArray>& messages) {
  ARROW_ASSIGN_OR_RAISE(const auto images, RawImages::Make(messages));
  auto type = arrow::struct_({arrow::field("width", arrow::uint32(), false),
                              arrow::field("height", arrow::uint32(), false),
                              arrow::field("pixel_format", arrow::uint8()),
                              arrow::field("color_model", arrow::uint8()),
                              arrow::field("channel_datatype", arrow::uint8())});
  std::unique_ptr<arrow::ArrayBuilder> untyped;
  ARROW_RETURN_NOT_OK(arrow::MakeBuilder(arrow::default_memory_pool(), type, &untyped));
  auto& formats = static_cast<arrow::StructBuilder&>(*untyped);
  const auto child = [&](int index) {
    return static_cast<arrow::NumericBuilder<arrow::UInt8Type>*>(formats.field_builder(index));
  };
  const auto append_code = [&](int index, std::optional<uint8_t> value) {
    return value ? child(index)->Append(*value) : child(index)->AppendNull();
  };
  for (int64_t row = 0; row < messages->length(); ++row) {
    if (images.encoding->IsNull(row)) {
      ARROW_RETURN_NOT_OK(formats.AppendNull());
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(const auto* encoding, FindEncoding(images.encoding->GetView(row)));
    ARROW_RETURN_NOT_OK(formats.Append());
    ARROW_RETURN_NOT_OK(static_cast<arrow::UInt32Builder*>(formats.field_builder(0))
                            ->Append(images.Width(row)));
    ARROW_RETURN_NOT_OK(static_cast<arrow::UInt32Builder*>(formats.field_builder(1))
                            ->Append(images.Height(row)));
    ARROW_RETURN_NOT_OK(append_code(2, encoding->pixel_format));
    ARROW_RETURN_NOT_OK(append_code(3, encoding->color_model));
    ARROW_RETURN_NOT_OK(append_code(4, encoding->channel_datatype));
  }
  ARROW_ASSIGN_OR_RAISE(auto values, formats.Finish());
  return OneValueEach(values);
}

arrow::Result<std::shared_ptr<arrow::ListArray>> RawImageBuffers(
    const std::shared_ptr<arrow::StructArray>& messages) {
  ARROW_ASSIGN_OR_RAISE(const auto images, RawImages::Make(messages));
  ARROW_ASSIGN_OR_RAISE(auto steps, TypedFieldAt<arrow::UInt32Array>(messages, "step"));
  ARROW_ASSIGN_OR_RAISE(auto data, TypedFieldAt<arrow::BinaryArray>(messages, "data"));
  arrow::BufferBuilder bytes;
  std::vector<int32_t> offsets = {0};
  std::vector<bool> valid;
  for (int64_t row = 0; row < messages->length(); ++row) {
    valid.push_back(messages->IsValid(row));
    if (data->IsNull(row)) {
      offsets.push_back(static_cast<int32_t>(bytes.length()));
      continue;
    }
    const std::string_view blob = data->GetView(row);
    const uint64_t height = images.Height(row);
    if (images.encoding->IsNull(row)) return arrow::Status::Invalid("image without encoding");
    ARROW_ASSIGN_OR_RAISE(const auto* encoding, FindEncoding(images.encoding->GetView(row)));
    ARROW_ASSIGN_OR_RAISE(const uint64_t image_bytes,
                          ImageBytes(*encoding, images.Width(row), height));
    const uint64_t step = steps->IsNull(row) ? 0 : steps->Value(row);
    // A step of 0 is unknown: the data's rows are taken to be unpadded.
    const uint64_t row_stride = step > 0 ? step : (height > 0 ? blob.size() / height : 0);
    const uint64_t row_bytes = height > 0 ? image_bytes / height : 0;
    if (row_stride > row_bytes && height > 0) {
      // Padded rows: keep each row's pixels, as far as the data goes.
      for (uint64_t image_row = 0; image_row < height; ++image_row) {
        uint64_t start = 0;
        if (__builtin_mul_overflow(image_row, row_stride, &start) || start >= blob.size()) break;
        ARROW_RETURN_NOT_OK(bytes.Append(blob.data() + start,
                                         static_cast<int64_t>(std::min(row_bytes,
                                                                       blob.size() - start))));
      }
    } else if (blob.size() > image_bytes) {
      // Extra bytes after the pixels (some sensors append metadata).
      ARROW_RETURN_NOT_OK(bytes.Append(blob.data(), static_cast<int64_t>(image_bytes)));
    } else {
      ARROW_RETURN_NOT_OK(bytes.Append(blob.data(), static_cast<int64_t>(blob.size())));
    }
    if (bytes.length() > INT32_MAX) {
      return arrow::Status::CapacityError("more than 2 GiB of image bytes in one chunk");
    }
    offsets.push_back(static_cast<int32_t>(bytes.length()));
  }
  const int64_t total = bytes.length();
  ARROW_ASSIGN_OR_RAISE(auto buffer, bytes.Finish());
  auto values = std::make_shared<arrow::UInt8Array>(total, std::move(buffer));
  ARROW_ASSIGN_OR_RAISE(auto blobs, ListRows(offsets, valid, values, /*item_nullable=*/false));
  return OneValueEach(blobs);
}

}  // namespace rrflow::internal::mcap
