// The SQL renderer: identifiers always quoted, values only as numbered parameters (in order of
// appearance, through CTEs, subqueries and UNION arms), function and operator names only from
// the allow-lists. Each rendering is also run on SQLite, so the text is valid SQL.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/errors.h"
#include "compiler/sql_ir.h"
#include "sqldb/sqlite.h"

namespace recallguard::compiler::sql {
namespace {

std::shared_ptr<Select> select_from(const std::string& table, const std::string& alias) {
    auto select = std::make_shared<Select>();
    select->from.push_back({table, nullptr, alias, nullptr, false});
    return select;
}

Query query_of(SelectPtr body) {
    Query query;
    query.body = std::move(body);
    return query;
}

// Runs the rendering on an in-memory database with a table t(a, b) and returns the first
// column of the first row as text ("NULL" when none).
std::string run(const RenderedSql& rendered) {
    auto db = sqldb::Database::open_memory();
    db.exec("CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'x'), (2, 'y');");
    auto statement = db.prepare(rendered.text);
    for (size_t i = 0; i < rendered.params.size(); ++i) statement.bind(static_cast<int>(i + 1), rendered.params[i]);
    if (!statement.step() || statement.is_null(0)) return "NULL";
    return statement.column_text(0);
}

TEST(SqlRender, IdentifiersAreQuotedWithEmbeddedQuotesDoubled) {
    EXPECT_EQ(sqldb::quote_identifier("plain"), "\"plain\"");
    EXPECT_EQ(sqldb::quote_identifier("we\"ird"), "\"we\"\"ird\"");
    EXPECT_EQ(sqldb::quote_identifier(""), "\"\"");
    auto select = select_from("t", "x\"; DROP TABLE t; --");
    select->columns.push_back({column("x\"; DROP TABLE t; --", "a"), "out\"put", ""});
    const auto rendered = render(query_of(select));
    EXPECT_EQ(rendered.text,
              "SELECT \"x\"\"; DROP TABLE t; --\".\"a\" AS \"out\"\"put\" FROM \"t\" AS \"x\"\"; DROP TABLE t; --\"");
    EXPECT_EQ(run(rendered), "1");
}

TEST(SqlRender, ValuesAreParametersNeverText) {
    auto select = select_from("t", "t");
    const std::string hostile = "x' OR 1=1; --";
    select->columns.push_back({column("t", "a"), "", ""});
    select->where = binary("=", column("t", "b"), param(hostile));
    const auto rendered = render(query_of(select));
    EXPECT_EQ(rendered.text, "SELECT \"t\".\"a\" FROM \"t\" AS \"t\" WHERE (\"t\".\"b\" = ?1)");
    ASSERT_EQ(rendered.params.size(), 1u);
    EXPECT_EQ(std::get<std::string>(rendered.params[0]), hostile);
    EXPECT_EQ(rendered.text.find("OR 1=1"), std::string::npos);
    EXPECT_EQ(run(rendered), "NULL");
}

TEST(SqlRender, ParametersAreNumberedInOrderOfAppearanceAcrossCtesSubqueriesAndUnions) {
    Query query;
    auto cte = select_from("t", "t");
    cte->columns.push_back({column("t", "a"), "a", ""});
    cte->where = binary(">=", column("t", "a"), param(int64_t{1}));
    query.ctes.push_back({"c", {}, cte, false});

    auto inner = select_from("t", "u");
    inner->columns.push_back({function("count", {integer(1)}), "", ""});
    inner->where = binary("=", column("u", "b"), param(std::string("y")));
    auto body = select_from("c", "c");
    body->columns.push_back({binary("+", scalar(inner), param(2.5)), "v", ""});
    auto arm = select_from("c", "c");
    arm->columns.push_back({param(sqldb::SqlValue{}), "v", ""});
    body->union_all.push_back(arm);
    query.body = body;

    const auto rendered = render(query);
    EXPECT_EQ(
        rendered.text,
        "WITH \"c\" AS (\nSELECT \"t\".\"a\" AS \"a\" FROM \"t\" AS \"t\" WHERE (\"t\".\"a\" >= ?1)\n)\n"
        "SELECT ((SELECT count(1) FROM \"t\" AS \"u\" WHERE (\"u\".\"b\" = ?2)) + ?3) AS \"v\" FROM \"c\" AS \"c\""
        " UNION ALL SELECT ?4 AS \"v\" FROM \"c\" AS \"c\"");
    ASSERT_EQ(rendered.params.size(), 4u);
    EXPECT_EQ(std::get<int64_t>(rendered.params[0]), 1);
    EXPECT_EQ(std::get<std::string>(rendered.params[1]), "y");
    EXPECT_EQ(std::get<double>(rendered.params[2]), 2.5);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(rendered.params[3]));
    EXPECT_EQ(run(rendered), "3.5");
}

TEST(SqlRender, RecursiveCteWithColumnsAndMaterialisedCte) {
    Query query;
    query.recursive = true;
    auto anchor = std::make_shared<Select>();
    anchor->columns.push_back({integer(1), "", ""});
    auto step = select_from("n", "n");
    step->columns.push_back({binary("+", column("n", "k"), integer(1)), "", ""});
    step->where = binary("<", column("n", "k"), param(int64_t{5}));
    anchor->union_all.push_back(step);
    query.ctes.push_back({"n", {"k"}, anchor, false});
    auto kept = select_from("n", "n");
    kept->columns.push_back({function("max", {column("n", "k")}), "m", ""});
    query.ctes.push_back({"m", {}, kept, true});
    auto body = select_from("m", "m");
    body->columns.push_back({column("m", "m"), "", ""});
    query.body = body;
    const auto rendered = render(query);
    EXPECT_EQ(rendered.text.rfind("WITH RECURSIVE \"n\"(\"k\") AS (\n", 0), 0u) << rendered.text;
    EXPECT_NE(rendered.text.find(",\n\"m\" AS MATERIALIZED (\n"), std::string::npos) << rendered.text;
    EXPECT_EQ(run(rendered), "5");
}

TEST(SqlRender, EveryExpressionKindRendersAsValidSql) {
    auto select = select_from("t", "t");
    const ExprPtr a = column("t", "a");
    select->columns.push_back(
        {case_when({is_null(a, true), cast_real(a), null()}), "", ""});  // CASE WHEN ... THEN ... ELSE ... END
    select->columns.push_back({case_when({in_list(a, {integer(1), param(int64_t{3})}, false), integer(7)}), "", ""});
    select->columns.push_back({logical_not(between(a, integer(0), integer(1))), "", ""});
    select->columns.push_back({negate(cast_integer(a)), "", ""});
    select->columns.push_back({in_list(a, {integer(9)}, true), "", ""});
    auto sub = select_from("t", "u");
    sub->columns.push_back({integer(1), "", ""});
    select->columns.push_back({exists(sub, true), "", ""});
    select->order_by = {{a, true}};
    select->limit = 1;
    const auto rendered = render(query_of(select));
    EXPECT_EQ(rendered.text,
              "SELECT CASE WHEN (\"t\".\"a\" IS NOT NULL) THEN CAST(\"t\".\"a\" AS REAL) ELSE NULL END, "
              "CASE WHEN (\"t\".\"a\" IN (1, ?1)) THEN 7 END, (NOT (\"t\".\"a\" BETWEEN 0 AND 1)), "
              "(-CAST(\"t\".\"a\" AS INTEGER)), (\"t\".\"a\" NOT IN (9)), (NOT EXISTS (SELECT 1 FROM \"t\" AS \"u\")) "
              "FROM \"t\" AS \"t\" ORDER BY \"t\".\"a\" DESC LIMIT 1");
    EXPECT_EQ(run(rendered), "2.0");
}

TEST(SqlRender, JoinsRenderTheirConditionsAndLeftJoins) {
    auto select = select_from("t", "l");
    select->from.push_back({"t", nullptr, "r", binary("=", column("l", "a"), column("r", "a")), true});
    select->from.push_back({"t", nullptr, "s", nullptr, false});  // no condition: ON 1
    select->columns.push_back({function("count", {integer(1)}), "", ""});
    const auto rendered = render(query_of(select));
    EXPECT_EQ(
        rendered.text,
        "SELECT count(1) FROM \"t\" AS \"l\" LEFT JOIN \"t\" AS \"r\" ON (\"l\".\"a\" = \"r\".\"a\") JOIN \"t\" AS "
        "\"s\" ON 1");
    EXPECT_EQ(run(rendered), "4");
}

TEST(SqlRender, FunctionOutsideTheAllowListIsRefused) {
    auto select = select_from("t", "t");
    select->columns.push_back({function("load_extension", {param(std::string("evil.so"))}), "", ""});
    EXPECT_THROW(render(query_of(select)), InternalError);
    auto lower = select_from("t", "t");
    lower->columns.push_back({function("DATE", {param(std::string("2025-01-01"))}), "", ""});  // case matters
    EXPECT_THROW(render(query_of(lower)), InternalError);
}

TEST(SqlRender, OperatorOutsideTheAllowListIsRefused) {
    for (const char* op : {"; DROP TABLE t; --", "LIKE", "GLOB", "==", "IS NOT"}) {
        auto select = select_from("t", "t");
        select->columns.push_back({binary(op, column("t", "a"), integer(1)), "", ""});
        EXPECT_THROW(render(query_of(select)), InternalError) << op;
    }
}

TEST(SqlRender, AllOfSkipsMissingConditions) {
    EXPECT_EQ(all_of({}), nullptr);
    EXPECT_EQ(all_of({nullptr, nullptr}), nullptr);
    auto select = select_from("t", "t");
    select->columns.push_back({column("t", "a"), "", ""});
    select->where = all_of(
        {nullptr, binary(">", column("t", "a"), integer(0)), nullptr, binary("<", column("t", "a"), integer(2))});
    const auto rendered = render(query_of(select));
    EXPECT_EQ(rendered.text, "SELECT \"t\".\"a\" FROM \"t\" AS \"t\" WHERE ((\"t\".\"a\" > 0) AND (\"t\".\"a\" < 2))");
    EXPECT_EQ(run(rendered), "1");
}

}  // namespace
}  // namespace recallguard::compiler::sql
