#include "handwritten_support.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace recallguard::testsupport {
namespace {

struct TempDirectory {
    std::filesystem::path path;
    TempDirectory() {
        path = std::filesystem::temp_directory_path() / ("recallguard-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

const TempDirectory& temp_directory() {
    static const TempDirectory directory;
    return directory;
}

}  // namespace

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path bench_dir() {
    return std::filesystem::path(RECALLGUARD_SOURCE_DIR) / "bench";
}

std::vector<std::string> handwritten_rule_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(bench_dir() / "handwritten"))
        if (entry.path().extension() == ".sql") ids.push_back(entry.path().stem().string());
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::filesystem::path temp_path(const std::string& name) {
    return temp_directory().path / name;
}

const std::string& calendar_fixture() {
    static const std::string path = [] {
        const std::string file = temp_path("calendar_fixture.db").string();
        auto db = sqldb::Database::open(file, sqldb::Database::Mode::Create);
        db.exec(read_text(bench_dir() / "calendar_fixture.sql"));
        return file;
    }();
    return path;
}

void attach_calendar(sqldb::Database& db) {
    auto attach = db.prepare("ATTACH DATABASE ? AS cal");
    attach.bind_text(1, calendar_fixture());
    attach.step();
}

std::vector<std::string> run_handwritten(sqldb::Database& db, const std::string& rule_id, const std::string& as_of) {
    const std::string sql = read_text(bench_dir() / "handwritten" / (rule_id + ".sql"));
    // Each file must be exactly one statement: whatever follows it would be silently ignored.
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &raw, &tail) != SQLITE_OK)
        throw std::runtime_error(rule_id + ".sql: " + sqlite3_errmsg(db.handle()));
    sqlite3_finalize(raw);
    if (std::string(tail).find_first_not_of(" \t\r\n") != std::string::npos)
        throw std::runtime_error(rule_id + ".sql holds more than one statement");

    auto query = db.prepare(sql);
    const int index = query.parameter_index(":as_of");
    if (index == 0) throw std::runtime_error(rule_id + ".sql does not use :as_of");
    if (query.parameter_count() != 1) throw std::runtime_error(rule_id + ".sql has parameters other than :as_of");
    query.bind_text(index, as_of);
    if (query.column_count() != 6) throw std::runtime_error(rule_id + ".sql must return 6 columns");
    std::vector<std::string> rows;
    while (query.step()) {
        std::string row;
        for (int c = 0; c < 6; ++c) {
            if (c > 0) row += '|';
            if (!query.is_null(c)) row += query.column_text(c);
        }
        rows.push_back(row);
    }
    return rows;
}

}  // namespace recallguard::testsupport
