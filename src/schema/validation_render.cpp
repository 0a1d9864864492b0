// Text and JSON renderings of a validation report (the report in, bytes out).
#include <fmt/format.h>

#include "schema/validator.h"

namespace recallguard::schema {

namespace {

std::string plural(size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string render_validation_text(const ValidationReport& report, const std::string& db_path) {
    std::string out;
    for (const auto& p : report.problems)
        out += fmt::format("{}: {}[{}]: {}\n", db_path, validation_level_name(p.level), p.code, p.message);
    if (report.problems.empty()) {
        out += fmt::format("{}: valid: no problems (case data model version {})\n", db_path, kCaseDataModelVersion);
        return out;
    }
    out += fmt::format("{}: {}, {} (case data model version {})\n", db_path, plural(report.error_count(), "error"),
                       plural(report.warning_count(), "warning"), kCaseDataModelVersion);
    if (report.truncated)
        out += fmt::format(
            "{}: note: some checks found more rows than are listed; raise --max-per-check to see "
            "them all\n",
            db_path);
    return out;
}

nlohmann::ordered_json render_validation_json(const ValidationReport& report, const std::string& db_path) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& p : report.problems)
        problems.push_back({{"level", validation_level_name(p.level)},
                            {"code", p.code},
                            {"table", p.table},
                            {"row_key", p.row_key},
                            {"column", p.column},
                            {"value", p.value},
                            {"message", p.message}});
    return {{"database", db_path},
            {"model_version", kCaseDataModelVersion},
            {"valid", report.error_count() == 0},
            {"errors", report.error_count()},
            {"warnings", report.warning_count()},
            {"truncated", report.truncated},
            {"problems", std::move(problems)}};
}

}  // namespace recallguard::schema
