// StoreId: which recording or blueprint a piece of RRD data belongs to.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <arrow/result.h>

namespace rrflow {

/// What a store holds: user data or viewer layout.
enum class StoreKind {
  kRecording,  ///< logged data
  kBlueprint,  ///< viewer layout (`rerun.blueprint.*` archetypes)
};

/// `recording` or `blueprint`, the words the Python API uses.
std::string_view StoreKindName(StoreKind kind);
/// The kind StoreKindName gives `name`; Invalid for any other word.
arrow::Result<StoreKind> StoreKindFromName(std::string_view name);

/// Identifies a store: its kind, the application that made it and the
/// recording id. Data with the same StoreId from several files is one store.
struct StoreId {
  StoreKind kind = StoreKind::kRecording;  ///< recording or blueprint
  std::string application_id;              ///< the application that logged the store
  std::string recording_id;                ///< the recording (or blueprint) id

  /// `StoreId(Recording, "<application id>", "<recording id>")`.
  std::string ToString() const;

  /// Orders by kind, application id, recording id.
  auto operator<=>(const StoreId&) const = default;
};

}  // namespace rrflow

/// Consistent with ==: kind, application id and recording id.
template <>
struct std::hash<rrflow::StoreId> {
  size_t operator()(const rrflow::StoreId& id) const noexcept;
};
