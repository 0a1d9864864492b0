// Inserts generated company records into a case database with prepared statements, parents
// before children, counting rows per table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generate/records.h"
#include "sqldb/sqlite.h"

namespace recallguard::generate {

struct TableCount {
    std::string table;
    int64_t rows = 0;
};

class RecordWriter {
public:
    // `db` must already hold the case data model tables and outlive the writer.
    explicit RecordWriter(sqldb::Database& db);
    void write(const CompanyRecords& records);
    // Rows written so far, one entry per table in the model's order.
    const std::vector<TableCount>& counts() const { return counts_; }

private:
    struct Insert {
        sqldb::Statement statement;
        size_t count_index;
    };
    Insert prepare(const std::string& table, const std::vector<std::string>& columns);
    void run(Insert& insert);

    sqldb::Database& db_;
    std::vector<TableCount> counts_;
    std::vector<Insert> inserts_;  // in the order of kTables in record_writer.cpp
};

}  // namespace recallguard::generate
