// JSON values shared by the JSON and SARIF reports.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

namespace recallguard::report {

// The value, or JSON null when there is none.
template <typename T>
nlohmann::ordered_json optional_json(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace recallguard::report
