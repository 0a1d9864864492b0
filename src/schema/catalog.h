// The case-data model as typed metadata: tables, columns, enumerations, relations, and
// the as-of semantics of each table. The checker resolves rules against it; the
// validator and the snapshot builder read it. It mirrors case_data_model_v1.sql (a test
// keeps the two in step).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace recallguard::schema {

inline constexpr int kCaseDataModelVersion = 1;

// The DDL text of the current model version (embedded from case_data_model_v1.sql).
const char* case_data_model_ddl();

enum class ColumnType { Text, Integer, Date, Json };
const char* column_type_name(ColumnType type);

// A format rule on a text value beyond its type (each is a CHECK in the DDL).
enum class TextFormat {
    Free,
    CountryCode,  // ISO 3166-1 alpha-2 as the DDL checks it: two upper-case letters
    NonEmpty,     // must not be the empty string
};

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool not_null = false;
    std::vector<std::string> enum_values;  // closed enumeration; empty = free text
    std::optional<int> min_value;          // integer lower bound (inclusive)
    std::string references;                // referenced table (its primary key), or ""
    std::string relation;                  // name of the forward relation, e.g. "product"
    std::optional<int> max_value{};        // integer upper bound (inclusive)
    TextFormat format = TextFormat::Free;
    std::string description{};  // what the column holds, in the data contract's words; "" = not given
};

// A column whose value (and those of `masked`) is not yet known before the date in it:
// e.g. a case concluded after the audit date is still open at the audit date.
struct AsOfMask {
    std::string date_column;
    std::vector<std::string> masked_columns;
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    std::vector<std::string> primary_key;
    // The date from which a row exists; rows dated after the audit date do not exist yet.
    std::string exists_from;
    std::vector<AsOfMask> masks;
    // A column that must never decrease within a group, over an ordering column
    // (recall_progress.units_remedied per recall over as_of).
    struct Monotonic {
        std::string column, group_by, order_by;
    };
    std::optional<Monotonic> non_decreasing;
    // Two dates of one row in order, `earlier` <= `later` when both are set. A rule the
    // model states is an error (and a DDL CHECK); one it only implies is a warning.
    struct DateOrder {
        std::string earlier, later;
        bool stated = false;
        bool later_needs_earlier = false;  // `later` set while `earlier` is NULL is out of order too
        std::string reason;                // why the order holds, for messages
    };
    std::vector<DateOrder> date_orders{};
    // Pairs of columns that are both NULL or both set (a DDL CHECK).
    std::vector<std::pair<std::string, std::string>> set_together{};

    const Column* find_column(const std::string& column) const;
    std::vector<std::string> column_names() const;
};

// A way to step from one table to related rows, derived from a foreign key.
struct Relation {
    std::string name;  // "product" (to one) or "filings" (to many)
    std::string from_table;
    std::string to_table;
    std::string from_column;  // column in from_table
    std::string to_column;    // column in to_table
    bool to_many = false;
};

class Catalog {
public:
    // The case data model, version 1.
    static const Catalog& case_data_v1();

    const std::vector<Table>& tables() const { return tables_; }
    const Table* find_table(const std::string& name) const;
    std::vector<std::string> table_names() const;

    // Relations leaving `table`: forward (`c.product`) and reverse (`p.incidents`).
    std::vector<Relation> relations_from(const std::string& table) const;
    std::optional<Relation> find_relation(const std::string& table, const std::string& name) const;

    // Steps from `table` to companies (for the company a finding belongs to).
    std::vector<Relation> path_to_company(const std::string& table) const;

private:
    explicit Catalog(std::vector<Table> tables);
    std::vector<Table> tables_;
};

}  // namespace recallguard::schema
