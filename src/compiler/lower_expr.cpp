// Lowering of expressions: paths, operators, date arithmetic and aggregates.
#include "calendar/calendar_tables.h"
#include "common/errors.h"
#include "compiler/lowering.h"

namespace recallguard::compiler {

using checker::TypeKind;

sql::ExprPtr key_of(const schema::Table& table, const std::string& alias) {
    sql::ExprPtr key;
    for (const auto& column : table.primary_key) {
        sql::ExprPtr part = sql::column(alias, column);
        key = key ? sql::binary("||", sql::binary("||", key, sql::param(std::string("/"))), part) : part;
    }
    return key;
}

std::string Lowering::fresh_alias(const std::string& stem) {
    return alias_prefix_ + stem + "_" + std::to_string(++alias_counter_);
}

sql::ExprPtr Lowering::literal_value(const ast::Literal& literal) {
    switch (literal.kind) {
        case ast::Literal::Kind::String:
        case ast::Literal::Kind::Date:
            return sql::param(literal.text);
        case ast::Literal::Kind::Decimal:
            return sql::param(literal.decimal);
        default:
            return sql::param(literal.integer);
    }
}

const ast::Literal& Lowering::duration_of(const ast::Expr* expr) {
    // The checker (check_values) made sure every duration the rule computes with is known.
    if (const auto known = checker::static_duration(rule_, expr); known.value) return *known.value;
    throw InternalError("a duration at " + expr->location.to_string() + " is not known when the rule is checked");
}

sql::ExprPtr Lowering::navigate(const std::string& alias, const std::vector<schema::Relation>& steps,
                                const std::string& column) {
    if (steps.empty()) return sql::column(alias, column);
    // The key of the last step's target, reached through the steps before it.
    std::vector<schema::Relation> before(steps.begin(), steps.end() - 1);
    const schema::Relation& last = steps.back();
    sql::ExprPtr key = navigate(alias, before, last.from_column);
    use_table(last.to_table);
    const std::string target = fresh_alias(last.to_table);
    auto select = std::make_shared<sql::Select>();
    select->columns.push_back({sql::column(target, column), "", ""});
    select->from.push_back({last.to_table, nullptr, target, nullptr, false});
    select->where = sql::binary("=", sql::column(target, last.to_column), key);
    return sql::scalar(select);
}

sql::ExprPtr Lowering::months_after(sql::ExprPtr date, sql::ExprPtr months) {
    // SQLite rolls 01-31 + 1 month over into March; the law's months end at the month's last day.
    auto plain =
        sql::function("date", {date, sql::function("printf", {sql::param(std::string("%+d months")), months})});
    auto month_end = sql::function(
        "date",
        {date, sql::param(std::string("start of month")),
         sql::function("printf", {sql::param(std::string("%+d months")), sql::binary("+", months, sql::integer(1))}),
         sql::param(std::string("-1 day"))});
    return sql::function("min", {plain, month_end});
}

sql::ExprPtr Lowering::known_date(sql::ExprPtr result, sql::ExprPtr from, sql::ExprPtr amount, const char* unit,
                                  const std::string& calendar, sql::ExprPtr subject_key) {
    const schema::Table* table = catalog_.find_table(rule_.subject_table);
    if (!subject_key && table) {
        const auto found = variables.find(rule_.rule->subject->variable);
        if (found != variables.end() && found->second.kind == VariableBinding::Kind::Row)
            subject_key = key_of(*table, found->second.alias);
    }
    // coalesce evaluates its arguments in order and stops at the first that is not NULL, so the
    // function runs only when the date is not known: the usual case costs nothing.
    return sql::function("coalesce", {std::move(result),
                                      sql::function(kKnownDateFunction,
                                                    {std::move(from), std::move(amount), sql::param(std::string(unit)),
                                                     sql::param(calendar), sql::param(rule_.subject_table),
                                                     subject_key ? subject_key : sql::null()})});
}

sql::ExprPtr Lowering::add_duration(sql::ExprPtr date, const ast::Literal& duration, bool subtract) {
    const int64_t n = subtract ? -duration.integer : duration.integer;
    switch (duration.kind) {
        case ast::Literal::Kind::Days: {
            // As a one-row subquery: inside a correlated subquery, SQLite then computes the
            // date once per outer row instead of once per inner row compared with it (halves
            // SIG-FIRE-CLUSTER, whose window bound t - 89 days meets every event of a product).
            auto shifted = std::make_shared<sql::Select>();
            shifted->columns.push_back(
                {known_date(sql::function("date", {date, sql::param(std::string((n >= 0 ? "+" : "") +
                                                                                std::to_string(n) + " days"))}),
                            date, sql::param(n), "days"),
                 "", ""});
            return sql::scalar(shifted);
        }
        case ast::Literal::Kind::Months:
            return known_date(months_after(date, sql::param(n)), date, sql::param(n), "months");
        case ast::Literal::Kind::WorkingDays: {
            // The n-th working day strictly after (or before) the date, by working-day ordinal.
            use_table(calendar::kCalendarDaysTable);
            const std::string day = fresh_alias("calendar_day");
            const std::string work = fresh_alias("working_day");
            auto ordinal = std::make_shared<sql::Select>();
            sql::ExprPtr target = sql::binary("+", sql::column(day, "ord"), sql::param(n));
            if (subtract)  // before a non-working day, its own ordinal already counts the previous working day
                target = sql::binary("+", target, sql::binary("-", sql::integer(1), sql::column(day, "working")));
            ordinal->columns.push_back({target, "", ""});
            ordinal->from.push_back({calendar::kCalendarDaysTable, nullptr, day, nullptr, false});
            ordinal->where = sql::all_of({sql::binary("=", sql::column(day, "calendar"), sql::param(rule_.calendar)),
                                          sql::binary("=", sql::column(day, "day"), date)});
            auto lookup = std::make_shared<sql::Select>();
            lookup->columns.push_back({sql::column(work, "day"), "", ""});
            lookup->from.push_back({calendar::kWorkingDaysTable, nullptr, work, nullptr, false});
            lookup->where = sql::all_of({sql::binary("=", sql::column(work, "calendar"), sql::param(rule_.calendar)),
                                         sql::binary("=", sql::column(work, "ord"), sql::scalar(ordinal))});
            return known_date(sql::scalar(lookup), date, sql::param(n), "working days", rule_.calendar);
        }
        default:
            throw InternalError("not a duration");
    }
}

sql::ExprPtr Lowering::lower_path(const ast::Expr* expr, const checker::ExprInfo& info) {
    const auto& binding = *info.path;
    using Kind = checker::PathBinding::Kind;
    switch (binding.kind) {
        case Kind::Param:
            return literal_value(rule_.param(binding.name)->value);
        case Kind::Let: {
            auto it = let_values.find(binding.name);
            if (it == let_values.end()) throw InternalError("let '" + binding.name + "' used before it is lowered");
            return it->second;
        }
        case Kind::Value:
            return variables.at(binding.variable).value;
        case Kind::PeriodField: {
            const auto& period = variables.at(binding.variable);
            if (binding.name == "start") return period.period_start;
            if (binding.name == "end") return period.period_end;
            return period.period_number;
        }
        case Kind::Column: {
            const auto& variable = variables.at(binding.variable);
            return navigate(variable.alias, binding.steps, binding.column);
        }
        case Kind::Definition:
            return literal_value(binding.definition->value);
        case Kind::Row:
            break;
    }
    throw InternalError("a row reference at " + expr->location.to_string() + " cannot be lowered to a value");
}

namespace {

// The SQL operator of a rule-language operator that maps one to one (the renderer allow-lists it).
const char* sql_operator(ast::BinaryOp op) {
    using Op = ast::BinaryOp;
    switch (op) {
        case Op::Multiply:
            return "*";
        case Op::Divide:
            return "/";
        case Op::Add:
            return "+";
        case Op::Subtract:
            return "-";
        case Op::Equal:
            return "=";
        case Op::NotEqual:
            return "!=";
        case Op::Less:
            return "<";
        case Op::LessEqual:
            return "<=";
        case Op::Greater:
            return ">";
        case Op::GreaterEqual:
            return ">=";
        case Op::And:
            return "AND";
        case Op::Or:
            return "OR";
    }
    throw InternalError("an operator with no SQL form");
}

}  // namespace

sql::ExprPtr Lowering::lower_binary(const ast::Expr* expr) {
    using Op = ast::BinaryOp;
    const Op op = expr->binary_op;
    const auto& left_type = rule_.info(expr->children[0].get()).type;
    const auto& right_type = rule_.info(expr->children[1].get()).type;
    if ((op == Op::Add || op == Op::Subtract) && left_type.kind == TypeKind::Date && right_type.is_duration())
        return add_duration(lower(expr->children[0].get()), duration_of(expr->children[1].get()), op == Op::Subtract);
    if (op == Op::Add && left_type.is_duration() && right_type.kind == TypeKind::Date)
        return add_duration(lower(expr->children[1].get()), duration_of(expr->children[0].get()), false);
    // Operands are lowered one after the other, left first: lowering names subqueries, and the
    // order of a call's arguments is unspecified, so lowering both inside one call would let the
    // compiler (and its flags) decide the SQL text.
    sql::ExprPtr left = lower(expr->children[0].get());
    sql::ExprPtr right = lower(expr->children[1].get());
    if (op == Op::Subtract && left_type.kind == TypeKind::Date && right_type.kind == TypeKind::Date)
        return sql::cast_integer(
            sql::binary("-", sql::function("julianday", {left}), sql::function("julianday", {right})));
    if (op == Op::Divide) return sql::binary("/", sql::cast_real(left), right);
    return sql::binary(sql_operator(op), left, right);
}

Lowering::SourcePlan Lowering::plan_source(const ast::Comprehension& comprehension) {
    const auto& binding = rule_.source(&comprehension);
    SourcePlan plan;
    using Kind = checker::SourceBinding::Kind;
    if (binding.kind == Kind::LetValues) {
        const HoistedSet& set = hoisted_sets.at(binding.let_name);
        const std::string alias = fresh_alias("value");
        plan.from.push_back({set.cte, nullptr, alias, nullptr, false});
        plan.correlation = sql::binary("=", sql::column(alias, "k"),
                                       key_of(*set.subject_table, variables.at(set.subject_variable).alias));
        plan.variable.kind = VariableBinding::Kind::Value;
        plan.variable.value = sql::column(alias, "v");
        return plan;
    }
    if (binding.kind == Kind::Group) {
        // The rows of the group being judged: the members whose keys are the group's (IS: a key
        // the data leaves empty is a group of its own, as GROUP BY makes it).
        const std::string alias = fresh_alias("member");
        plan.from.push_back({kMembersTable, nullptr, alias, nullptr, false});
        std::vector<sql::ExprPtr> same;
        for (size_t i = 0; i < rule_.rule->group_by.size(); ++i)
            same.push_back(sql::binary("IS", sql::column(alias, "rg_g" + std::to_string(i)),
                                       variables.at(rule_.rule->group_by[i].name).value));
        plan.correlation = sql::all_of(same);
        plan.variable = {VariableBinding::Kind::Row, alias, binding.table, nullptr, nullptr, nullptr, nullptr};
        return plan;
    }
    if (binding.kind == Kind::Table) {
        use_table(binding.table);
        const std::string alias = fresh_alias(binding.table);
        plan.from.push_back({binding.table, nullptr, alias, nullptr, false});
        plan.variable = {VariableBinding::Kind::Row, alias, binding.table, nullptr, nullptr, nullptr, nullptr};
        return plan;
    }
    const auto& root = variables.at(binding.variable);
    std::string previous_alias;
    for (size_t i = 0; i < binding.to_many.size(); ++i) {
        const schema::Relation& step = binding.to_many[i];
        use_table(step.to_table);
        const std::string alias = fresh_alias(step.to_table);
        if (i == 0) {
            plan.from.push_back({step.to_table, nullptr, alias, nullptr, false});
            plan.correlation = sql::binary("=", sql::column(alias, step.to_column),
                                           navigate(root.alias, binding.to_one, step.from_column));
        } else {
            plan.from.push_back(
                {step.to_table, nullptr, alias,
                 sql::binary("=", sql::column(alias, step.to_column), sql::column(previous_alias, step.from_column)),
                 false});
        }
        previous_alias = alias;
    }
    plan.variable = {VariableBinding::Kind::Row, previous_alias, binding.table, nullptr, nullptr, nullptr, nullptr};
    return plan;
}

sql::ExprPtr Lowering::lower_aggregate(const ast::Expr* expr) {
    const auto& c = *expr->comprehension;
    SourcePlan plan = plan_source(c);
    variables[c.variable] = plan.variable;
    auto select = std::make_shared<sql::Select>();
    select->from = plan.from;
    sql::ExprPtr where = sql::all_of({plan.correlation, c.where ? lower(c.where.get()) : nullptr});
    using Aggregate = ast::AggregateOp;
    const Aggregate op = expr->aggregate_op;
    sql::ExprPtr result;
    if (op == Aggregate::Exists || op == Aggregate::No) {
        select->columns.push_back({sql::integer(1), "", ""});
        select->where = where;
        result = sql::exists(select, op == Aggregate::No);
    } else if (op == Aggregate::Count) {
        select->columns.push_back({sql::function("count", {sql::integer(1)}), "", ""});
        select->where = where;
        result = sql::scalar(select);
    } else {
        sql::ExprPtr value = c.value ? lower(c.value.get()) : plan.variable.value;
        if (c.order_by) {
            // The value of the earliest/latest row by the ordering expression.
            sql::ExprPtr order = lower(c.order_by.get());
            select->columns.push_back({value, "", ""});
            select->where = sql::all_of({where, sql::is_null(order, true)});
            select->order_by.push_back({order, op == Aggregate::Latest});
            select->limit = 1;
        } else {
            const std::string function = op == Aggregate::Sum                                  ? "sum"
                                         : (op == Aggregate::Min || op == Aggregate::Earliest) ? "min"
                                                                                               : "max";
            sql::ExprPtr aggregate = sql::function(function, {value});
            if (op == Aggregate::Sum) aggregate = sql::function("coalesce", {aggregate, sql::integer(0)});
            select->columns.push_back({aggregate, "", ""});
            select->where = where;
        }
        result = sql::scalar(select);
    }
    variables.erase(c.variable);
    return result;
}

sql::ExprPtr Lowering::aggregate_rows(const ast::Expr* expr, std::string& source_table) {
    const auto& c = *expr->comprehension;
    SourcePlan plan = plan_source(c);
    variables[c.variable] = plan.variable;
    sql::ExprPtr key = plan.variable.value;
    source_table.clear();
    if (plan.variable.kind == VariableBinding::Kind::Row) {
        source_table = plan.variable.table;
        key = key_of(*catalog_.find_table(plan.variable.table), plan.variable.alias);
    }
    auto rows = std::make_shared<sql::Select>();
    rows->from = plan.from;
    rows->where = sql::all_of({plan.correlation, c.where ? lower(c.where.get()) : nullptr});
    rows->columns.push_back({key, "k", ""});
    rows->order_by.push_back({key, false});
    variables.erase(c.variable);
    const std::string alias = fresh_alias("counted");
    auto list = std::make_shared<sql::Select>();
    list->from.push_back({"", rows, alias, nullptr, false});
    list->columns.push_back(
        {sql::function("group_concat", {sql::column(alias, "k"), sql::param(std::string(", "))}), "", ""});
    return sql::scalar(list);
}

sql::ExprPtr Lowering::lower_text_match(const ast::Expr* expr) {
    // No wildcards in contains / starts with / ends with: the text is found as it is, case and
    // all, by position (instr, substr), never through LIKE, whose '%' and '_' would be wildcards
    // and whose comparison ignores ASCII case. `matches` is SQLite's GLOB, pattern first. A
    // value that is not known (NULL) gives NULL, so the test does not hold, as a comparison.
    sql::ExprPtr text = lower(expr->children[0].get());
    sql::ExprPtr searched = lower(expr->children[1].get());
    switch (expr->text_op) {
        case ast::TextOp::Contains:
            return sql::binary(">", sql::function("instr", {text, searched}), sql::integer(0));
        case ast::TextOp::StartsWith:
            return sql::binary("=", sql::function("instr", {text, searched}), sql::integer(1));
        case ast::TextOp::EndsWith: {
            sql::ExprPtr text_length = sql::function("length", {text});
            sql::ExprPtr searched_length = sql::function("length", {searched});
            sql::ExprPtr tail = sql::function(
                "substr", {text, sql::binary("+", sql::binary("-", text_length, searched_length), sql::integer(1))});
            return sql::all_of({sql::binary(">=", text_length, searched_length), sql::binary("=", tail, searched)});
        }
        case ast::TextOp::Matches:
            return sql::function("glob", {searched, text});
    }
    throw InternalError("a text predicate with no SQL form");
}

sql::ExprPtr Lowering::lower_in_set(const ast::Expr* expr) {
    const auto& binding = *rule_.info(expr).path;
    const std::vector<ast::Literal>& listed = binding.kind == checker::PathBinding::Kind::Definition
                                                  ? binding.definition->values
                                                  : rule_.param(binding.name)->list;
    sql::ExprPtr operand = lower(expr->children[0].get());
    std::vector<sql::ExprPtr> values;
    for (const auto& literal : listed) values.push_back(literal_value(literal));
    return sql::in_list(operand, values, expr->negated);
}

sql::ExprPtr Lowering::lower_is_defined(const ast::Expr* expr) {
    // `row is condition`: the condition's body with its variable bound to the row. It holds or
    // it does not: a body that is unknown (NULL) does not hold, so `is not` is its complement.
    const ast::Definition& definition = *rule_.info(expr).path->definition;
    const auto& row = *rule_.info(expr->children[0].get()).path;
    const auto saved = variables;
    sql::ExprPtr result;
    if (row.steps.empty()) {
        VariableBinding bound = variables.at(row.variable);
        variables[definition.variable] = bound;
        result = sql::function("coalesce", {lower(definition.condition.get()), sql::integer(0)});
    } else {
        // A related row (c.product): EXISTS over its table, joined on its key.
        std::vector<schema::Relation> before(row.steps.begin(), row.steps.end() - 1);
        const schema::Relation& last = row.steps.back();
        sql::ExprPtr key = navigate(variables.at(row.variable).alias, before, last.from_column);
        use_table(last.to_table);
        const std::string alias = fresh_alias(last.to_table);
        variables[definition.variable] = {
            VariableBinding::Kind::Row, alias, last.to_table, nullptr, nullptr, nullptr, nullptr};
        sql::ExprPtr condition = lower(definition.condition.get());
        auto select = std::make_shared<sql::Select>();
        select->columns.push_back({sql::integer(1), "", ""});
        select->from.push_back({last.to_table, nullptr, alias, nullptr, false});
        select->where = sql::all_of({sql::binary("=", sql::column(alias, last.to_column), key), condition});
        result = sql::exists(select, false);
    }
    variables = saved;
    return expr->negated ? sql::logical_not(result) : result;
}

sql::ExprPtr Lowering::lower(const ast::Expr* expr) {
    const auto& info = rule_.info(expr);
    switch (expr->kind) {
        case ast::ExprKind::Literal:
            return literal_value(expr->literal);
        case ast::ExprKind::AsOf:
            return sql::param(options_.as_of);
        case ast::ExprKind::Path:
            return lower_path(expr, info);
        case ast::ExprKind::Negate:
            return sql::negate(lower(expr->children[0].get()));
        case ast::ExprKind::Not:
            return sql::logical_not(lower(expr->children[0].get()));
        case ast::ExprKind::Binary:
            return lower_binary(expr);
        case ast::ExprKind::IsKnown:
            return sql::is_null(lower(expr->children[0].get()), true);
        case ast::ExprKind::IsMissing:
            return sql::is_null(lower(expr->children[0].get()), false);
        case ast::ExprKind::InList: {
            std::vector<sql::ExprPtr> values;
            for (const auto& literal : expr->list) values.push_back(literal_value(literal));
            return sql::in_list(lower(expr->children[0].get()), values, expr->negated);
        }
        case ast::ExprKind::Between: {
            // In sequence, left first (see lower_binary).
            sql::ExprPtr value = lower(expr->children[0].get());
            sql::ExprPtr low = lower(expr->children[1].get());
            sql::ExprPtr high = lower(expr->children[2].get());
            return sql::between(value, low, high);
        }
        case ast::ExprKind::Aggregate:
            return lower_aggregate(expr);
        case ast::ExprKind::Coalesce: {
            std::vector<sql::ExprPtr> args;
            for (const auto& child : expr->children) args.push_back(lower(child.get()));
            return sql::function("coalesce", args);
        }
        case ast::ExprKind::HasField: {
            // Present and not empty: a missing key and JSON null give NULL; "", [] and {} (and
            // whitespace-only text) count as empty. Content that is not JSON has no fields.
            auto content = lower(expr->children[0].get());
            auto value = sql::function(
                "trim", {sql::function("json_extract", {content, sql::param("$.\"" + expr->literal.text + "\"")})});
            auto filled = sql::in_list(
                value, {sql::param(std::string()), sql::param(std::string("[]")), sql::param(std::string("{}"))}, true);
            return sql::case_when({sql::function("json_valid", {content}),
                                   sql::function("coalesce", {filled, sql::integer(0)}), sql::integer(0)});
        }
        case ast::ExprKind::TextMatch:
            return lower_text_match(expr);
        case ast::ExprKind::InSet:
            return lower_in_set(expr);
        case ast::ExprKind::IsDefined:
            return lower_is_defined(expr);
        case ast::ExprKind::Union:
            break;
    }
    throw InternalError("cannot lower the expression at " + expr->location.to_string());
}

}  // namespace recallguard::compiler
