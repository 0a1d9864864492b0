// The CSV report: RFC 4180 quoting checked by parsing it back, and the formula-injection guard.
#include <gtest/gtest.h>

#include "common/utf8.h"
#include "golden.h"
#include "report/report.h"
#include "report_sample.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;
using namespace std::string_literals;

namespace {

using Row = std::vector<std::string>;

// A message of the sample as its CSV cell holds it (before the formula guard): malformed UTF-8
// and NUL become U+FFFD; every other character, ESC and tab included, is kept.
std::string as_in_csv(const std::string& message) {
    if (message == "bad bytes \xff\xfe here, tab\there") return "bad bytes \uFFFD\uFFFD here, tab\there";
    if (message == "nul\0byte and a \x1b[31mred\x1b[0m"s) return "nul\uFFFDbyte and a \x1b[31mred\x1b[0m";
    return message;
}

// A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes; anything else
// (a bare LF outside quotes, a quote inside an unquoted field) fails the test.
std::vector<Row> parse_csv(const std::string& text) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            while (true) {
                if (i >= text.size()) {
                    ADD_FAILURE() << "unterminated quoted field";
                    return rows;
                }
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r') {
                if (text[i] == '"' || text[i] == '\n') ADD_FAILURE() << "bare quote or LF in unquoted field at " << i;
                field += text[i++];
            }
        }
        row.push_back(field);
        field.clear();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (text.compare(i, 2, "\r\n") != 0) {
            ADD_FAILURE() << "record not ended by CRLF at " << i;
            return rows;
        }
        i += 2;
        rows.push_back(row);
        row.clear();
    }
    return rows;
}

}  // namespace

TEST(CsvReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.csv", render(sample_report(), Format::Csv));
}

TEST(CsvReport, RoundTripsEveryFieldOfEveryFinding) {
    const auto report = sample_report();
    const auto rows = parse_csv(render(report, Format::Csv));
    ASSERT_EQ(rows.size(), report.findings.size() + 1);
    EXPECT_EQ(rows[0],
              (Row{"rule_id",       "package",     "severity",     "category",   "company_id",        "company_name",
                   "subject_table", "subject_key", "period",       "status",     "trigger_date",      "due",
                   "done",          "days_late",   "days_overdue", "instrument", "instrument_source", "citation",
                   "evidence",      "message"}));
    for (size_t i = 0; i < report.findings.size(); ++i) {
        const auto& f = report.findings[i];  // the sample is already in reporting order
        const auto& row = rows[i + 1];
        ASSERT_EQ(row.size(), 20u) << "row " << i + 1;
        EXPECT_EQ(row[0], f.rule_id);
        EXPECT_EQ(row[4], f.company_id);
        EXPECT_EQ(row[5], f.company_name);
        EXPECT_EQ(row[8], f.period ? std::to_string(*f.period) : "");
        EXPECT_EQ(row[9], findings::status_name(f.status));
        EXPECT_EQ(row[11], f.due.value_or(""));
        EXPECT_EQ(row[12], f.done.value_or(""));
        EXPECT_EQ(row[13], f.days_late ? std::to_string(*f.days_late) : "");
        EXPECT_EQ(row[14], f.days_overdue ? std::to_string(*f.days_overdue) : "");
        EXPECT_EQ(row[15], f.instrument);
        EXPECT_EQ(row[16], f.instrument_source);
        EXPECT_EQ(row[17], f.citation);
        EXPECT_EQ(row[18], f.evidence.empty() ? "" : f.evidence.dump()) << "row " << i + 1;
        // Only cells a spreadsheet would run as a formula change, by one leading apostrophe.
        const bool guarded = f.message.starts_with("=");
        EXPECT_EQ(row[19], (guarded ? "'" : "") + as_in_csv(f.message)) << "row " << i + 1;
        const bool key_guarded = f.subject_key.starts_with("-P");
        EXPECT_EQ(row[7], (key_guarded ? "'" : "") + f.subject_key) << "row " << i + 1;
    }
}

TEST(CsvReport, QuotesOnlyFieldsThatNeedIt) {
    const std::string csv = render(sample_report(), Format::Csv);
    EXPECT_NE(csv.find(",\"He said \"\"stop\"\", she said 'no'; sales went on\"\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",\"Stage report for period 2\nnever filed\"\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",'; DROP TABLE filings; --,"), std::string::npos);  // no comma, no quoting needed
    EXPECT_NE(csv.find(",深圳电源有限公司,"), std::string::npos);
}

TEST(CsvReport, NeverCarriesInvalidUtf8OrNul) {
    // A NUL ends a string in many CSV readers, and a malformed byte makes the file unreadable as
    // UTF-8: both become U+FFFD, one per byte; every well-formed character is kept as it is.
    const std::string csv = render(sample_report(), Format::Csv);
    EXPECT_EQ(csv.find('\0'), std::string::npos) << "a raw NUL in the CSV report";
    size_t bad = 0;
    EXPECT_TRUE(valid_utf8(csv, bad)) << "invalid UTF-8 at byte " << bad;
    EXPECT_NE(csv.find(",nul\uFFFDbyte and a \x1b[31mred\x1b[0m\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",\"bad bytes \uFFFD\uFFFD here, tab\there\"\r\n"), std::string::npos);
}

TEST(CsvReport, GuardsCellsSpreadsheetsWouldRunAsFormulas) {
    auto report = sample_report();
    report.findings.resize(1);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"=SUM(A1)", "'=SUM(A1)"},
        {"+1", "'+1"},
        {"@cmd", "'@cmd"},
        {"-x", "'-x"},
        {"-", "'-"},
        {"\tx", "'\tx"},
        {"-12", "-12"},
        {"2025-01-01", "2025-01-01"},
        {"a=b", "a=b"},
        {"=a,b", "\"'=a,b\""},
        {"", ""},
    };
    for (const auto& [message, cell] : cases) {
        report.findings[0].message = message;
        const std::string csv = render(report, Format::Csv);
        EXPECT_EQ(parse_csv(csv).back().back(), (cell.starts_with("\"") ? cell.substr(1, cell.size() - 2) : cell))
            << "message " << message;
        EXPECT_TRUE(csv.ends_with(cell + "\r\n")) << "message " << message;
    }
}
