// The DDL (case_data_model_v1.sql) enforces the contract of case-data-model.md, and the
// catalog describes exactly that DDL.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "case_rows.h"
#include "common/errors.h"
#include "schema/case_database.h"

namespace recallguard {
namespace {

using schema::Catalog;
using sqldb::SqlValue;
using test::RowValues;

class Ddl : public ::testing::Test {
protected:
    void SetUp() override {
        schema::apply_case_data_model(db);
        db.exec("PRAGMA foreign_keys = ON");
        test::insert_base_rows(db);
    }

    // Inserts row `n` of `table` with `changes` applied; returns SQLite's error or "".
    std::string try_insert(const std::string& table, const RowValues& changes) {
        RowValues row = test::valid_row(*Catalog::case_data_v1().find_table(table), ++counter);
        for (const auto& [column, value] : changes) row[column] = value;
        try {
            test::insert_row(db, table, row);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }
    bool accepts(const std::string& table, const std::string& column, const SqlValue& value) {
        return try_insert(table, {{column, value}}).empty();
    }

    sqldb::Database db = sqldb::Database::open_memory();
    int counter = 0;
};

const SqlValue kNull = std::monostate{};
SqlValue text(const char* s) {
    return std::string(s);
}

TEST_F(Ddl, EveryColumnRejectsNullExactlyWhenTheCatalogSaysNotNull) {
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (std::find(t.primary_key.begin(), t.primary_key.end(), c.name) != t.primary_key.end()) {
                EXPECT_FALSE(accepts(t.name, c.name, kNull)) << t.name << "." << c.name;
                continue;
            }
            const std::string error = try_insert(t.name, {{c.name, kNull}});
            if (c.not_null) {
                EXPECT_NE(error.find("NOT NULL constraint failed"), std::string::npos) << t.name << "." << c.name;
            } else {
                EXPECT_EQ(error, "") << t.name << "." << c.name;
            }
        }
}

TEST_F(Ddl, DateColumnsAcceptOnlyRealIsoDates) {
    size_t checked = 0;
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (c.type != schema::ColumnType::Date) continue;
            const std::string where = t.name + "." + c.name;
            // Values the other constraints of the row need, so only the date decides.
            RowValues row;
            if (c.name == "known_on") row["occurred_on"] = text("2000-01-01");
            if (c.name == "occurred_on") row["known_on"] = text("2099-12-31");
            if (c.name == "concluded_on") row["conclusion"] = text("defect");
            auto with = [&](const SqlValue& value) {
                row[c.name] = value;
                return try_insert(t.name, row);
            };
            for (const char* bad : {"2025-02-30", "2025-02-29", "2025-04-31", "25/3/2025", "", "2025-1-01",
                                    "2025-03-03 ", "2025-03-03T00:00", "20250303"})
                EXPECT_NE(with(text(bad)).find("CHECK constraint failed"), std::string::npos)
                    << where << " accepted '" << bad << "'";
            EXPECT_FALSE(with(SqlValue{int64_t{20250303}}).empty()) << where;
            EXPECT_EQ(with(text("2024-02-29")), "") << where;
            EXPECT_EQ(with(text("2025-12-31")), "") << where;
            ++checked;
        }
    EXPECT_EQ(checked, 18u);
}

TEST_F(Ddl, EnumColumnsAcceptEveryCatalogValueAndNothingElse) {
    size_t checked = 0;
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (c.enum_values.empty()) continue;
            RowValues pair;  // conclusion needs its date
            if (c.name == "conclusion") pair["concluded_on"] = text("2025-03-03");
            for (const auto& value : c.enum_values) {
                pair[c.name] = value;
                EXPECT_EQ(try_insert(t.name, pair), "") << t.name << "." << c.name << " = " << value;
                ++checked;
            }
            for (const char* bogus : {"bogus", "", "FIRE"}) {
                pair[c.name] = text(bogus);
                EXPECT_NE(try_insert(t.name, pair).find("CHECK constraint failed"), std::string::npos)
                    << t.name << "." << c.name << " accepted '" << bogus << "'";
            }
            std::string upper = c.enum_values.front();
            for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            EXPECT_FALSE(accepts(t.name, c.name, upper)) << "enumerations are case-sensitive: " << upper;
        }
    EXPECT_GT(checked, 60u);
}

TEST_F(Ddl, IntegerColumnsEnforceTheCatalogBoundsAndStorageType) {
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (c.type != schema::ColumnType::Integer) continue;
            const std::string where = t.name + "." + c.name;
            ASSERT_TRUE(c.min_value) << where;
            EXPECT_TRUE(accepts(t.name, c.name, SqlValue{int64_t{*c.min_value}})) << where;
            EXPECT_FALSE(accepts(t.name, c.name, SqlValue{int64_t{*c.min_value - 1}})) << where;
            EXPECT_FALSE(accepts(t.name, c.name, SqlValue{int64_t{-5}})) << where;
            if (c.max_value) {
                EXPECT_TRUE(accepts(t.name, c.name, SqlValue{int64_t{*c.max_value}})) << where;
                EXPECT_FALSE(accepts(t.name, c.name, SqlValue{int64_t{*c.max_value + 1}})) << where;
            } else {
                EXPECT_TRUE(accepts(t.name, c.name, SqlValue{int64_t{3'000'000'000}})) << where;
            }
            EXPECT_FALSE(accepts(t.name, c.name, SqlValue{0.5})) << where;
            EXPECT_FALSE(accepts(t.name, c.name, text("1 unit"))) << where;
            EXPECT_FALSE(accepts(t.name, c.name, text("lots"))) << where;
        }
}

TEST_F(Ddl, CountsAreNonNegativeAndSalesArePositive) {
    EXPECT_TRUE(accepts("products", "units_sold", SqlValue{int64_t{0}}));
    EXPECT_FALSE(accepts("products", "units_sold", SqlValue{int64_t{-1}}));
    EXPECT_FALSE(accepts("recalls", "units_affected", SqlValue{int64_t{-1}}));
    EXPECT_FALSE(accepts("recall_progress", "units_remedied", SqlValue{int64_t{-1}}));
    EXPECT_FALSE(accepts("sales", "units", SqlValue{int64_t{0}}));
    EXPECT_TRUE(accepts("sales", "units", SqlValue{int64_t{1}}));
    EXPECT_FALSE(accepts("design_changes", "safety_related", SqlValue{int64_t{2}}));
    EXPECT_TRUE(accepts("design_changes", "safety_related", SqlValue{int64_t{1}}));
}

TEST_F(Ddl, IncidentIsKnownNoEarlierThanItOccurred) {
    EXPECT_NE(try_insert("incidents", {{"occurred_on", text("2025-03-04")}, {"known_on", text("2025-03-03")}})
                  .find("CHECK constraint failed"),
              std::string::npos);
    EXPECT_EQ(try_insert("incidents", {{"occurred_on", text("2025-03-03")}, {"known_on", text("2025-03-03")}}), "");
    EXPECT_EQ(try_insert("incidents", {{"occurred_on", text("2025-02-28")}, {"known_on", text("2025-03-03")}}), "");
}

TEST_F(Ddl, ConcludedOnAndConclusionAreSetTogether) {
    EXPECT_EQ(try_insert("defect_cases", {}), "");
    EXPECT_EQ(try_insert("defect_cases", {{"concluded_on", text("2025-03-05")}, {"conclusion", text("defect")}}), "");
    EXPECT_FALSE(try_insert("defect_cases", {{"concluded_on", text("2025-03-05")}}).empty());
    EXPECT_FALSE(try_insert("defect_cases", {{"conclusion", text("no_defect")}}).empty());
}

TEST_F(Ddl, ForeignKeysNeedAnExistingParent) {
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (c.references.empty()) continue;
            EXPECT_NE(try_insert(t.name, {{c.name, text("nobody")}}).find("FOREIGN KEY constraint failed"),
                      std::string::npos)
                << t.name << "." << c.name;
        }
    EXPECT_TRUE(accepts("filings", "product_id", kNull));
    EXPECT_TRUE(accepts("filings", "case_id", kNull));
    EXPECT_TRUE(accepts("regulator_actions", "case_id", kNull));
    EXPECT_THROW(db.exec("DELETE FROM companies"), InputError);
}

TEST_F(Ddl, PrimaryKeysAreUnique) {
    for (const auto& t : Catalog::case_data_v1().tables()) {
        try {
            test::insert_row(db, t.name, test::valid_row(t, 0));
            ADD_FAILURE() << t.name << " accepted a second row 0";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("UNIQUE constraint failed"), std::string::npos) << e.what();
        }
    }
}

TEST_F(Ddl, ContentIsAJsonObject) {
    EXPECT_TRUE(accepts("filings", "content", text(R"({"units": 3, "contact": "x"})")));
    EXPECT_TRUE(accepts("filings", "content", text("{}")));
    EXPECT_TRUE(accepts("filings", "content", kNull));
    for (const char* bad : {"[1, 2]", "\"text\"", "42", "{bad", "", "null"})
        EXPECT_FALSE(accepts("filings", "content", text(bad))) << bad;
}

TEST_F(Ddl, TextFormatsMatchTheCatalog) {
    for (const auto& t : Catalog::case_data_v1().tables())
        for (const auto& c : t.columns) {
            if (c.type != schema::ColumnType::Text || !c.enum_values.empty() || !c.references.empty()) continue;
            const std::string where = t.name + "." + c.name;
            const bool key = std::find(t.primary_key.begin(), t.primary_key.end(), c.name) != t.primary_key.end();
            if (key) continue;
            EXPECT_EQ(accepts(t.name, c.name, text("")), c.format == schema::TextFormat::Free) << where;
            if (c.format == schema::TextFormat::CountryCode) {
                EXPECT_TRUE(accepts(t.name, c.name, text("US"))) << where;
                for (const char* bad : {"cn", "Cn", "CHN", "C", "12"})
                    EXPECT_FALSE(accepts(t.name, c.name, text(bad))) << where << " accepted " << bad;
            } else {
                EXPECT_TRUE(accepts(t.name, c.name, text("any text, 任何文字"))) << where;
            }
        }
}

// The catalog's cross-column rules: stated date orders and set-together pairs are DDL
// CHECKs; implied orders are not (they are `validate` warnings).
TEST_F(Ddl, CatalogCrossColumnRulesMatchTheDdl) {
    size_t orders = 0, pairs = 0;
    for (const auto& t : Catalog::case_data_v1().tables()) {
        // A value for the partner of `column` in a set-together pair, so only the order decides.
        auto with_partners = [&t](RowValues row) {
            for (const auto& [a, b] : t.set_together)
                for (const auto& [set, other] : {std::pair{a, b}, std::pair{b, a}})
                    if (row.count(set) && !row.count(other)) {
                        const schema::Column* c = t.find_column(other);
                        row[other] = c->enum_values.empty() ? text("2025-03-09") : SqlValue{c->enum_values.front()};
                    }
            return row;
        };
        for (const auto& order : t.date_orders) {
            const std::string where = t.name + ": " + order.earlier + " <= " + order.later;
            const std::string error = try_insert(
                t.name, with_partners({{order.earlier, text("2025-03-05")}, {order.later, text("2025-03-04")}}));
            EXPECT_EQ(error.empty(), !order.stated) << where << ": " << error;
            EXPECT_EQ(try_insert(t.name, with_partners(
                                             {{order.earlier, text("2025-03-04")}, {order.later, text("2025-03-04")}})),
                      "")
                << where;
            if (order.later_needs_earlier) {
                const std::string missing_earlier =
                    try_insert(t.name, with_partners({{order.earlier, kNull}, {order.later, text("2025-03-04")}}));
                EXPECT_EQ(missing_earlier.empty(), !order.stated) << where;
            }
            ++orders;
        }
        for (const auto& [a, b] : t.set_together) {
            const schema::Column* second = t.find_column(b);
            ASSERT_NE(second, nullptr);
            EXPECT_FALSE(try_insert(t.name, {{a, text("2025-03-09")}, {b, kNull}}).empty()) << t.name;
            EXPECT_FALSE(try_insert(t.name, {{a, kNull}, {b, SqlValue{second->enum_values.front()}}}).empty())
                << t.name;
            ++pairs;
        }
    }
    EXPECT_EQ(orders, 4u);
    EXPECT_EQ(pairs, 1u);
}

// --- the catalog describes exactly the DDL --------------------------------------------

std::set<std::string> ddl_tables(sqldb::Database& db) {
    std::set<std::string> names;
    auto q = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (q.step()) names.insert(q.column_text(0));
    return names;
}

TEST(CatalogMatchesDdl, SameTables) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    const auto names = Catalog::case_data_v1().table_names();
    EXPECT_EQ(ddl_tables(db), std::set<std::string>(names.begin(), names.end()));
    EXPECT_EQ(names.size(), 13u);
}

TEST(CatalogMatchesDdl, SameColumnsTypesNotNullAndPrimaryKeys) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    for (const auto& t : Catalog::case_data_v1().tables()) {
        auto info = db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid");
        info.bind_text(1, t.name);
        std::vector<std::string> columns;
        std::vector<std::pair<int, std::string>> key;
        while (info.step()) {
            const std::string name = info.column_text(0);
            columns.push_back(name);
            if (info.column_int(3) > 0) key.emplace_back(static_cast<int>(info.column_int(3)), name);
            const schema::Column* c = t.find_column(name);
            if (!c) continue;  // reported by the column list comparison below
            const std::string where = t.name + "." + name;
            EXPECT_EQ(info.column_text(1), c->type == schema::ColumnType::Integer ? "INTEGER" : "TEXT") << where;
            EXPECT_EQ(info.column_int(2) != 0, c->not_null) << where;
        }
        EXPECT_EQ(columns, t.column_names()) << t.name;
        std::sort(key.begin(), key.end());
        std::vector<std::string> key_columns;
        for (const auto& [position, name] : key) key_columns.push_back(name);
        EXPECT_EQ(key_columns, t.primary_key) << t.name;
    }
}

TEST(CatalogMatchesDdl, SameForeignKeys) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    const Catalog& catalog = Catalog::case_data_v1();
    size_t total = 0;
    for (const auto& t : catalog.tables()) {
        using Fk = std::tuple<std::string, std::string, std::string>;  // from, table, to
        std::set<Fk> in_ddl, in_catalog;
        auto fks = db.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)");
        fks.bind_text(1, t.name);
        while (fks.step()) in_ddl.emplace(fks.column_text(0), fks.column_text(1), fks.column_text(2));
        for (const auto& c : t.columns)
            if (!c.references.empty()) {
                const schema::Table* parent = catalog.find_table(c.references);
                ASSERT_NE(parent, nullptr) << c.references;
                ASSERT_EQ(parent->primary_key.size(), 1u) << c.references;
                in_catalog.emplace(c.name, c.references, parent->primary_key.front());
            }
        EXPECT_EQ(in_ddl, in_catalog) << t.name;
        total += in_ddl.size();
    }
    EXPECT_EQ(total, 15u);
}

TEST(CatalogMatchesDdl, UserVersionIsTheModelVersion) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    auto q = db.prepare("PRAGMA user_version");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.column_int(0), schema::kCaseDataModelVersion);
}

}  // namespace
}  // namespace recallguard
