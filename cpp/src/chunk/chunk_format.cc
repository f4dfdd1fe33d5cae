// Chunk::Format: the reference's `Chunk.format()` text, two nested tables over
// the chunk's record batch (a metadata table around the column table).
#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/util/key_value_metadata.h>

#include "core/unicode_internal.h"
#include "rrflow/chunk/chunk.h"
#include "text/array_value_formatter_internal.h"
#include "text/data_type_text_internal.h"
#include "text/text_table_internal.h"

namespace rrflow {
namespace {

constexpr std::string_view kRedacted = "[**REDACTED**]";
// Longer cells are cut to kMaxCellChars - 1 characters plus an ellipsis.
constexpr size_t kMaxCellChars = 100;

// Prefixes stripped from names and metadata values, in this order, each
// together with all its leading repeats.
constexpr std::string_view kTrimmedPrefixes[] = {
    "rerun.archetypes.",           "rerun.components.",           "rerun.datatypes.",
    "rerun.controls.",             "rerun.blueprint.archetypes.", "rerun.blueprint.components.",
    "rerun.blueprint.datatypes.",  "rerun.field.",                "rerun.chunk.",
    "rerun.",
};

// Key prefixes dropped by `trim_metadata_keys`.
constexpr std::string_view kTrimmedKeyPrefixes[] = {"rerun:", "sorbet:"};

// Metadata keys whose values differ between runs.
constexpr std::string_view kNonDeterministicKeys[] = {"rerun:id", "rerun:heap_size_bytes",
                                                       "sorbet:version"};

// Rust's `str::trim`: strips Unicode whitespace from both ends.
std::string_view TrimWhitespace(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t next = begin;
    if (!internal::IsUnicodeWhitespace(internal::DecodeUtf8(text, &next))) break;
    begin = next;
  }
  size_t end = begin;
  for (size_t pos = begin; pos < text.size();) {
    const char32_t cp = internal::DecodeUtf8(text, &pos);
    if (!internal::IsUnicodeWhitespace(cp)) end = pos;
  }
  return text.substr(begin, end - begin);
}

// Field names and metadata values: trimmed, known Rerun prefixes removed.
std::string TrimValue(std::string_view value) {
  value = TrimWhitespace(value);
  for (const std::string_view prefix : kTrimmedPrefixes) {
    while (value.substr(0, prefix.size()) == prefix) value.remove_prefix(prefix.size());
  }
  return std::string(value);
}

std::string TrimKey(std::string_view key, bool trim) {
  if (trim) {
    for (const std::string_view prefix : kTrimmedKeyPrefixes) {
      if (key.substr(0, prefix.size()) == prefix) {
        key.remove_prefix(prefix.size());
        break;
      }
    }
  }
  return std::string(key);
}

// `key: value` lines of a metadata map, sorted by raw key.
std::vector<std::string> MetadataLines(const arrow::KeyValueMetadata* metadata,
                                       const FormatOptions& options) {
  std::vector<std::pair<std::string, std::string>> entries;
  if (metadata != nullptr) {
    for (int64_t i = 0; i < metadata->size(); ++i) {
      entries.emplace_back(metadata->key(i), metadata->value(i));
    }
  }
  std::sort(entries.begin(), entries.end());
  std::vector<std::string> lines;
  for (const auto& [key, value] : entries) {
    const bool redact =
        options.redact && std::find(std::begin(kNonDeterministicKeys),
                                    std::end(kNonDeterministicKeys),
                                    key) != std::end(kNonDeterministicKeys);
    lines.push_back(TrimKey(key, options.trim_metadata_keys) + ": " +
                    (redact ? std::string(kRedacted) : TrimValue(value)));
  }
  return lines;
}

std::string HeaderCell(const arrow::Field& field, const FormatOptions& options) {
  std::string cell = TrimValue(field.name()) + "\n---\ntype: " + internal::FormatFieldType(field);
  for (const auto& line : MetadataLines(field.metadata().get(), options)) cell += "\n" + line;
  return cell;
}

// Cuts a cell to kMaxCellChars characters (code points), the last one `…`.
void TruncateCell(std::string* cell) {
  if (cell->size() <= kMaxCellChars) return;  // no more characters than bytes
  size_t pos = 0;
  size_t chars = 0;
  size_t cut = 0;
  while (pos < cell->size()) {
    internal::DecodeUtf8(*cell, &pos);
    ++chars;
    if (chars == kMaxCellChars - 1) cut = pos;
    if (chars > kMaxCellChars) {
      cell->resize(cut);
      cell->append("…");
      return;
    }
  }
}

}  // namespace

arrow::Result<std::string> Chunk::Format(const FormatOptions& options) const {
  if (options.width < 0) {
    return arrow::Status::Invalid("Format width must not be negative, got ", options.width);
  }
  const auto batch = ToRecordBatch();
  const auto& schema = *batch->schema();
  const int num_fields = schema.num_fields();

  internal::TextTable columns;
  std::vector<std::string> header;
  for (int i = 0; i < num_fields; ++i) header.push_back(HeaderCell(*schema.field(i), options));
  columns.SetHeader(header);

  // Column 0 holds the row ids; the others print through arrow-rs's rules. A
  // column arrow-rs cannot print shows its error in every cell.
  std::vector<std::optional<internal::ArrayValueFormatter>> formatters;
  std::vector<std::string> failures(static_cast<size_t>(num_fields));
  formatters.emplace_back(std::nullopt);
  for (int i = 1; i < num_fields; ++i) {
    auto formatter = internal::ArrayValueFormatter::Make(batch->column(i));
    if (formatter.ok()) {
      formatters.emplace_back(std::move(formatter).ValueUnsafe());
    } else {
      formatters.emplace_back(std::nullopt);
      failures[static_cast<size_t>(i)] = "Failed to format array: " + formatter.status().message();
    }
  }
  std::vector<std::string> cells(static_cast<size_t>(num_fields));
  for (int64_t row = 0; row < num_rows(); ++row) {
    cells[0] = options.redact ? "row_" + std::string(kRedacted) : row_id(row).ToString();
    for (size_t i = 1; i < cells.size(); ++i) {
      if (formatters[i]) {
        cells[i] = formatters[i]->Format(row);
        TruncateCell(&cells[i]);
      } else {
        cells[i] = failures[i];  // printed in full
      }
    }
    columns.AddRow(cells);
  }
  // The reference caps each column at an equal share of the width, and its
  // table library keeps widths in 16 bits.
  const auto percent = static_cast<uint16_t>(100 / std::max(num_fields, 1));
  columns.SetDynamicWidth(static_cast<uint16_t>(options.width), percent);
  const std::string columns_text = columns.Render();

  const auto* metadata = schema.metadata().get();
  if (metadata == nullptr || metadata->size() == 0) return columns_text;

  std::string metadata_cell = "METADATA:";
  for (const auto& line : MetadataLines(metadata, options)) metadata_cell += "\n* " + line;
  // The column table goes in as text with its lines right-trimmed.
  std::string columns_cell;
  for (size_t start = 0; start <= columns_text.size();) {
    size_t end = columns_text.find('\n', start);
    if (end == std::string::npos) end = columns_text.size();
    std::string_view line(columns_text.data() + start, end - start);
    line = line.substr(0, line.find_last_not_of(' ') + 1);
    if (start > 0) columns_cell += '\n';
    columns_cell += line;
    start = end + 1;
  }
  internal::TextTable outer;
  outer.AddRow({metadata_cell});
  outer.AddRow({columns_cell});
  return outer.Render();
}

}  // namespace rrflow
