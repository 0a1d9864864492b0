// The one place that prints SQL: identifiers through quote_identifier, values as ?N.
#include "common/errors.h"
#include "compiler/sql_ir.h"
#include "sqldb/identifier.h"

namespace recallguard::compiler::sql {
namespace {

class Renderer {
public:
    RenderedSql result;

    void query(const Query& q) {
        if (!q.ctes.empty()) {
            out(q.recursive ? "WITH RECURSIVE " : "WITH ");
            for (size_t i = 0; i < q.ctes.size(); ++i) {
                const Cte& cte = q.ctes[i];
                if (i) out(",\n");
                out(sqldb::quote_identifier(cte.name));
                if (!cte.columns.empty()) {
                    out("(");
                    for (size_t c = 0; c < cte.columns.size(); ++c) {
                        if (c) out(", ");
                        out(sqldb::quote_identifier(cte.columns[c]));
                    }
                    out(")");
                }
                out(cte.materialized ? " AS MATERIALIZED (\n" : " AS (\n");
                select(*cte.select);
                out("\n)");
            }
            out("\n");
        }
        select(*q.body);
    }

    void select(const Select& s) {
        out("SELECT ");
        for (size_t i = 0; i < s.columns.size(); ++i) {
            if (i) out(", ");
            const auto& c = s.columns[i];
            if (!c.star_of.empty()) {
                out(sqldb::quote_identifier(c.star_of) + ".*");
                continue;
            }
            expr(*c.expr);
            if (!c.alias.empty()) out(" AS " + sqldb::quote_identifier(c.alias));
        }
        for (size_t i = 0; i < s.from.size(); ++i) {
            const TableRef& t = s.from[i];
            if (i == 0)
                out(" FROM ");
            else
                out(t.left_join ? " LEFT JOIN " : " JOIN ");
            if (t.subquery) {
                out("(");
                select(*t.subquery);
                out(")");
            } else {
                out(sqldb::quote_identifier(t.table));
            }
            if (!t.alias.empty()) out(" AS " + sqldb::quote_identifier(t.alias));
            if (i > 0) {
                out(" ON ");
                if (t.join_on)
                    expr(*t.join_on);
                else
                    out("1");
            }
        }
        if (s.where) {
            out(" WHERE ");
            expr(*s.where);
        }
        for (size_t i = 0; i < s.group_by.size(); ++i) {
            out(i == 0 ? " GROUP BY " : ", ");
            expr(*s.group_by[i]);
        }
        for (const auto& arm : s.union_all) {
            out(" UNION ALL ");
            select(*arm);
        }
        for (size_t i = 0; i < s.order_by.size(); ++i) {
            out(i == 0 ? " ORDER BY " : ", ");
            expr(*s.order_by[i].first);
            if (s.order_by[i].second) out(" DESC");
        }
        if (s.limit) out(" LIMIT " + std::to_string(*s.limit));
    }

    void expr(const Expr& e) {
        switch (e.kind) {
            case Expr::Kind::Column:
                if (!e.qualifier.empty()) out(sqldb::quote_identifier(e.qualifier) + ".");
                out(sqldb::quote_identifier(e.name));
                return;
            case Expr::Kind::Param:
                result.params.push_back(e.value);
                out("?" + std::to_string(result.params.size()));
                return;
            case Expr::Kind::Integer:
                out(std::to_string(e.integer));
                return;
            case Expr::Kind::Null:
                out("NULL");
                return;
            case Expr::Kind::Function:
                check_function(e.name);
                out(e.name + "(");
                list(e.args, 0);
                out(")");
                return;
            case Expr::Kind::Binary:
                check_operator(e.name);
                out("(");
                expr(*e.args[0]);
                out(" " + e.name + " ");
                expr(*e.args[1]);
                out(")");
                return;
            case Expr::Kind::Not:
                out("(NOT ");
                expr(*e.args[0]);
                out(")");
                return;
            case Expr::Kind::Negate:
                out("(-");
                expr(*e.args[0]);
                out(")");
                return;
            case Expr::Kind::IsNull:
                out("(");
                expr(*e.args[0]);
                out(e.negated ? " IS NOT NULL)" : " IS NULL)");
                return;
            case Expr::Kind::InList:
                out("(");
                expr(*e.args[0]);
                out(e.negated ? " NOT IN (" : " IN (");
                list(e.args, 1);
                out("))");
                return;
            case Expr::Kind::Between:
                out("(");
                expr(*e.args[0]);
                out(" BETWEEN ");
                expr(*e.args[1]);
                out(" AND ");
                expr(*e.args[2]);
                out(")");
                return;
            case Expr::Kind::Case: {
                out("CASE");
                size_t i = 0;
                for (; i + 1 < e.args.size(); i += 2) {
                    out(" WHEN ");
                    expr(*e.args[i]);
                    out(" THEN ");
                    expr(*e.args[i + 1]);
                }
                if (i < e.args.size()) {
                    out(" ELSE ");
                    expr(*e.args[i]);
                }
                out(" END");
                return;
            }
            case Expr::Kind::Scalar:
                out("(");
                select(*e.subquery);
                out(")");
                return;
            case Expr::Kind::Exists:
                out(e.negated ? "(NOT EXISTS (" : "(EXISTS (");
                select(*e.subquery);
                out("))");
                return;
            case Expr::Kind::Cast:
                out("CAST(");
                expr(*e.args[0]);
                out(e.name == "INTEGER" ? " AS INTEGER)" : " AS REAL)");
                return;
        }
    }

private:
    void out(const std::string& text) { result.text += text; }
    void list(const std::vector<ExprPtr>& args, size_t from) {
        for (size_t i = from; i < args.size(); ++i) {
            if (i > from) out(", ");
            expr(*args[i]);
        }
    }
    // Function and operator names come from the compiler, never from a rule; the lists
    // make that a checked fact rather than a convention.
    static void check_function(const std::string& name) {
        static const char* kAllowed[] = {
            "date",         "julianday",        "min",    "max",        "count",        "sum",
            "coalesce",     "printf",           "ifnull", "json_valid", "json_extract", "trim",
            "group_concat", kKnownDateFunction, "instr",  "substr",     "length",       "glob"};
        for (const char* allowed : kAllowed)
            if (name == allowed) return;
        throw InternalError("renderer: function '" + name + "' is not in the allowed list");
    }
    static void check_operator(const std::string& op) {
        static const char* kAllowed[] = {"=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "AND", "OR", "||", "IS"};
        for (const char* allowed : kAllowed)
            if (op == allowed) return;
        throw InternalError("renderer: operator '" + op + "' is not in the allowed list");
    }
};

}  // namespace

RenderedSql render(const Query& query) {
    Renderer renderer;
    renderer.query(query);
    return std::move(renderer.result);
}

}  // namespace recallguard::compiler::sql
