// RFC 4180 CSV parsing that keeps each record's physical line, for precise ingest errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recallguard::schema {

struct CsvRecord {
    int line = 0;  // physical line (1-based) where the record starts
    // An unquoted empty field is std::nullopt (NULL); a quoted one ("") is the empty string.
    std::vector<std::optional<std::string>> fields;
};

struct CsvError {
    int line = 0;
    int column = 0;  // 1-based, in characters (UTF-8 code points)
    std::string message;
};

struct CsvDocument {
    std::vector<CsvRecord> records;  // the header is records[0]; records with errors are left out
    std::vector<CsvError> errors;
};

// Fields are separated by ',' and records by LF or CRLF; a field may be quoted with '"'
// (a quote inside doubled), and a quoted field may span lines. Blank lines between
// records are skipped, a leading UTF-8 byte-order mark too. Parsing goes on after a bad
// record, so every error of the file is reported.
CsvDocument parse_csv(std::string_view text);

}  // namespace recallguard::schema
