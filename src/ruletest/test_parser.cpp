#include <fstream>
#include <sstream>

#include "common/date.h"
#include "common/files.h"
#include "findings/finding.h"
#include "ruletest/test_case.h"
#include "schema/catalog.h"

namespace recallguard::ruletest {
namespace {

constexpr std::array<const char*, kFindingFieldCount> kFieldNames{"rule", "subject", "period",   "status",
                                                                  "due",  "done",    "days_late"};

// One physical line with its comment removed (`#` at the start or after a blank).
struct Line {
    int number = 0;
    std::string text;
    bool indented = false;
};

std::string strip_comment(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) return text.substr(0, i);
    return text;
}

std::string trim(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    const size_t last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// Splits `a | b | c` into trimmed cells, each with the column where its text starts.
std::vector<Cell> split_cells(const Line& line, const std::string& path) {
    std::vector<Cell> cells;
    size_t start = 0;
    while (true) {
        const size_t bar = line.text.find('|', start);
        const std::string raw = line.text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        const size_t offset = raw.find_first_not_of(" \t");
        Cell cell;
        cell.location = {path, line.number, static_cast<int>(start + (offset == std::string::npos ? 0 : offset)) + 1};
        const std::string value = trim(raw);
        if (!value.empty()) cell.value = value;
        cells.push_back(std::move(cell));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return cells;
}

// `"text"` with \" and \\ escapes -> text; nullopt when not one quoted string.
std::optional<std::string> unquote(const std::string& text) {
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) ++i;
        out += text[i];
    }
    return out;
}

class Parser {
public:
    Parser(const std::string& path, DiagnosticBag& diagnostics) : path_(path), diagnostics_(diagnostics) {}

    std::vector<RuleTestCase> parse(const std::string& text) {
        std::istringstream in(text);
        std::string raw;
        int number = 0;
        while (std::getline(in, raw)) {
            ++number;
            // Editors on Windows may start a UTF-8 file with a byte-order mark; it is not text.
            if (number == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);
            Line line{number, strip_comment(raw), !raw.empty() && (raw[0] == ' ' || raw[0] == '\t')};
            if (trim(line.text).empty()) continue;
            if (line.indented)
                table_line(line);
            else
                keyword_line(line);
        }
        finish_test();
        return std::move(tests_);
    }

private:
    enum class Section { None, Rows, Expect, ExpectNothing };

    SourceLocation at(int line, int column = 1) const { return {path_, line, column}; }

    void keyword_line(const Line& line) {
        const std::string text = trim(line.text);
        const size_t space = text.find_first_of(" \t");
        const std::string keyword = text.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : trim(text.substr(space));
        const int rest_column = static_cast<int>(line.text.find(rest, keyword.size())) + 1;
        section_ = Section::None;
        if (keyword == "test") {
            finish_test();
            start_test(line, rest, rest_column);
            return;
        }
        if (!current_ && keyword == "rows") {
            start_rows(line, rest, rest_column);
            return;
        }
        if (!current_) {
            diagnostics_.error(
                DiagnosticCode::TestSyntax, at(line.number),
                "only `rows` (shared by every test of the file) may come before the first `test \"name\"`, not '" +
                    keyword + "'");
            return;
        }
        if (keyword == "as_of") {
            if (!Date::parse(rest))
                diagnostics_.error(DiagnosticCode::TestValue, at(line.number, rest_column),
                                   "as_of needs a date YYYY-MM-DD, not '" + rest + "'");
            current_->as_of = rest;
        } else if (keyword == "rules") {
            current_->rules_location = at(line.number, rest_column);
            std::istringstream ids(rest);
            for (std::string id; ids >> id;) current_->rules.push_back(id);
            if (current_->rules.empty())
                diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number), "`rules` needs at least one rule id");
        } else if (keyword == "pending") {
            if (rest != "yes" && rest != "no")
                diagnostics_.error(DiagnosticCode::TestValue, at(line.number, rest_column),
                                   "pending takes yes or no, not '" + rest + "'");
            current_->include_pending = rest == "yes";
        } else if (keyword == "param") {
            const size_t eq = rest.find('=');
            const size_t dot = rest.find('.');
            if (eq == std::string::npos || dot == std::string::npos || dot > eq) {
                diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number, rest_column),
                                   "a param line is `param RULE-ID.name=value`, not '" + rest + "'");
            } else {
                if (current_->params.empty()) current_->params_location = at(line.number, rest_column);
                current_->params[trim(rest.substr(0, eq))] = trim(rest.substr(eq + 1));
            }
        } else if (keyword == "rows") {
            start_rows(line, rest, rest_column);
        } else if (keyword == "expect") {
            if (have_expect_)
                diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number), "a test has one `expect` section");
            have_expect_ = true;
            if (rest == "nothing") {
                section_ = Section::ExpectNothing;
            } else if (rest.rfind("error", 0) == 0 && (rest.size() == 5 || rest[5] == ' ' || rest[5] == '\t')) {
                section_ = Section::ExpectNothing;
                const std::string text = trim(rest.substr(5));
                current_->expected_error = unquote(text);
                if (!current_->expected_error || current_->expected_error->empty())
                    diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number, rest_column),
                                       "`expect error` is followed by a quoted part of the error message, e.g. "
                                       "`expect error \"outside calendar CN\"`");
            } else if (!rest.empty()) {
                diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number, rest_column),
                                   "`expect` is followed by a table on the next lines, by `nothing`, or by `error "
                                   "\"TEXT\"`");
            } else {
                section_ = Section::Expect;
                header_.clear();
            }
        } else {
            std::string message = "unknown keyword '" + keyword + "'";
            const std::string match =
                closest_match(keyword, {"test", "as_of", "rules", "pending", "param", "rows", "expect"});
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            message += " (table lines must be indented)";
            diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number), message, static_cast<int>(keyword.size()));
        }
    }

    // Rows before the first test are shared: every test of the file gets them first.
    std::vector<RowBlock>& blocks() { return current_ ? current_->blocks : shared_; }

    void start_test(const Line& line, const std::string& rest, int rest_column) {
        if (tests_.empty())
            for (const auto& block : shared_)
                if (block.columns.empty())
                    diagnostics_.error(DiagnosticCode::TestSyntax, block.location,
                                       "`rows " + block.table + "` has no header line");
        current_ = RuleTestCase{};
        current_->location = at(line.number);
        have_expect_ = false;
        const auto name = unquote(rest);
        if (!name)
            diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number, rest_column),
                               "a test line is `test \"name\"` with the name in double quotes");
        current_->name = name.value_or(rest);
    }

    void start_rows(const Line& line, const std::string& table, int column) {
        const auto& catalog = schema::Catalog::case_data_v1();
        RowBlock block;
        block.table = table;
        block.location = at(line.number, column);
        if (!catalog.find_table(table)) {
            std::string message = "no table '" + table + "' in the case data model";
            const std::string match = closest_match(table, catalog.table_names());
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            diagnostics_.error(DiagnosticCode::TestUnknownTable, block.location, message,
                               static_cast<int>(table.size()));
        }
        blocks().push_back(std::move(block));
        section_ = Section::Rows;
        header_.clear();
    }

    void table_line(const Line& line) {
        if (section_ == Section::None || section_ == Section::ExpectNothing) {
            diagnostics_.error(DiagnosticCode::TestSyntax, at(line.number),
                               "an indented line belongs to a `rows TABLE` or `expect` table, and there is none here");
            return;
        }
        auto cells = split_cells(line, path_);
        if (header_.empty()) {
            header(cells, line);
            return;
        }
        if (cells.size() != header_.size()) {
            diagnostics_.error(DiagnosticCode::TestCells, at(line.number),
                               "this row has " + std::to_string(cells.size()) + " cells but the header has " +
                                   std::to_string(header_.size()));
            return;
        }
        if (section_ == Section::Rows)
            blocks().back().rows.push_back({std::move(cells), at(line.number)});
        else
            expected_row(cells, line);
    }

    void header(const std::vector<Cell>& cells, const Line& line) {
        for (const auto& cell : cells) {
            if (!cell.value) {
                diagnostics_.error(DiagnosticCode::TestSyntax, cell.location, "a header cell is empty");
                header_.push_back("");
                continue;
            }
            header_.push_back(*cell.value);
        }
        if (section_ == Section::Rows) {
            auto& block = blocks().back();
            block.columns = header_;
            const auto* table = schema::Catalog::case_data_v1().find_table(block.table);
            for (size_t i = 0; table && i < cells.size(); ++i) {
                if (!cells[i].value || table->find_column(*cells[i].value)) continue;
                std::string message = "table " + block.table + " has no column '" + *cells[i].value + "'";
                const std::string match = closest_match(*cells[i].value, table->column_names());
                if (!match.empty()) message += "; did you mean '" + match + "'?";
                diagnostics_.error(DiagnosticCode::TestUnknownColumn, cells[i].location, message,
                                   static_cast<int>(cells[i].value->size()));
            }
            return;
        }
        std::vector<std::string> names(kFieldNames.begin(), kFieldNames.end());
        for (size_t i = 0; i < cells.size(); ++i) {
            if (!cells[i].value) continue;
            bool found = false;
            for (size_t f = 0; f < kFindingFieldCount; ++f) {
                if (*cells[i].value != kFieldNames[f]) continue;
                if (current_->compared[f])
                    diagnostics_.error(DiagnosticCode::TestSyntax, cells[i].location,
                                       "column '" + *cells[i].value + "' twice");
                current_->compared[f] = true;
                found = true;
            }
            if (found) continue;
            std::string message = "an expect table has no column '" + *cells[i].value + "'";
            const std::string match = closest_match(*cells[i].value, names);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            diagnostics_.error(DiagnosticCode::TestUnknownColumn, cells[i].location, message,
                               static_cast<int>(cells[i].value->size()));
        }
        for (auto required : {FindingField::Rule, FindingField::Subject, FindingField::Status})
            if (!current_->compared[static_cast<size_t>(required)])
                diagnostics_.error(
                    DiagnosticCode::TestSyntax, at(line.number),
                    std::string("an expect table needs a '") + kFieldNames[static_cast<size_t>(required)] + "' column");
    }

    void expected_row(const std::vector<Cell>& cells, const Line& line) {
        ExpectedFinding row;
        row.location = at(line.number);
        for (size_t i = 0; i < cells.size(); ++i) {
            size_t field = kFindingFieldCount;
            for (size_t f = 0; f < kFindingFieldCount; ++f)
                if (header_[i] == kFieldNames[f]) field = f;
            if (field == kFindingFieldCount) continue;
            const auto& value = cells[i].value;
            row.fields[field] = value;
            check_value(static_cast<FindingField>(field), cells[i]);
        }
        current_->expected.push_back(std::move(row));
    }

    void check_value(FindingField field, const Cell& cell) {
        const auto& value = cell.value;
        auto bad = [&](const std::string& message) {
            diagnostics_.error(DiagnosticCode::TestValue, cell.location, message);
        };
        switch (field) {
            case FindingField::Rule:
            case FindingField::Subject:
                if (!value) bad(std::string("an expected finding needs a ") + kFieldNames[static_cast<size_t>(field)]);
                break;
            case FindingField::Status:
                if (!value || !findings::parse_status(*value))
                    bad("status is late, missing, violation, signal or pending, not '" + value.value_or("") +
                        "' (met is written as no finding)");
                break;
            case FindingField::Due:
            case FindingField::Done:
                if (value && !Date::parse(*value)) bad("'" + *value + "' is not a date YYYY-MM-DD");
                break;
            case FindingField::Period:
            case FindingField::DaysLate:
                if (value && value->find_first_not_of("0123456789") != std::string::npos)
                    bad("'" + *value + "' is not a whole number");
                break;
        }
    }

    void finish_test() {
        if (!current_) return;
        if (current_->as_of.empty())
            diagnostics_.error(DiagnosticCode::TestSyntax, current_->location,
                               "test \"" + current_->name + "\" has no `as_of` date");
        if (!have_expect_)
            diagnostics_.error(
                DiagnosticCode::TestSyntax, current_->location,
                "test \"" + current_->name + "\" has no `expect` section (write `expect nothing` for none)");
        for (const auto& block : current_->blocks)
            if (block.columns.empty())
                diagnostics_.error(DiagnosticCode::TestSyntax, block.location,
                                   "`rows " + block.table + "` has no header line");
        current_->blocks.insert(current_->blocks.begin(), shared_.begin(), shared_.end());
        tests_.push_back(std::move(*current_));
        current_.reset();
    }

    std::string path_;
    DiagnosticBag& diagnostics_;
    std::vector<RuleTestCase> tests_;
    std::optional<RuleTestCase> current_;
    std::vector<RowBlock> shared_;
    Section section_ = Section::None;
    std::vector<std::string> header_;
    bool have_expect_ = false;
};

}  // namespace

const char* finding_field_name(FindingField field) {
    return kFieldNames[static_cast<size_t>(field)];
}

RuleTestFile parse_rule_test(const std::string& path, const std::string& text, DiagnosticBag& diagnostics) {
    RuleTestFile file;
    file.path = path;
    file.text = text;
    file.tests = Parser(path, diagnostics).parse(text);
    if (file.tests.empty()) diagnostics.warning(DiagnosticCode::TestEmpty, {path, 1, 1}, "no `test` in this file");
    return file;
}

RuleTestFile read_rule_test(const std::string& path, DiagnosticBag& diagnostics) {
    FileText file = read_file(path);
    if (!file.ok()) {
        diagnostics.error(DiagnosticCode::TestRead, {path, 0, 0}, "cannot read the test file: " + file.reason);
        return {path, "", {}};
    }
    return parse_rule_test(path, file.text, diagnostics);
}

}  // namespace recallguard::ruletest
