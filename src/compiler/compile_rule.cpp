// Lowering of whole rules: the subject set, then the deadline, periodic or condition form,
// each as a chain of CTEs that ends in the finding rows (see compile.h for their columns).
#include "ast/expr_text.h"
#include "common/errors.h"
#include "compiler/compile.h"
#include "compiler/lowering.h"

namespace recallguard::compiler {
namespace {

using sql::ExprPtr;

const char* kSubjects = "subjects";

// The top-level `and` parts of a condition, in order.
void and_parts(const ast::Expr* expr, std::vector<const ast::Expr*>& parts) {
    if (expr->kind == ast::ExprKind::Binary && expr->binary_op == ast::BinaryOp::And) {
        and_parts(expr->children[0].get(), parts);
        and_parts(expr->children[1].get(), parts);
    } else {
        parts.push_back(expr);
    }
}

// 1 when the condition holds, 0 when it does not, NULL when it is unknown.
ExprPtr truth_of(ExprPtr condition) {
    return sql::case_when({condition, sql::integer(1), sql::logical_not(condition), sql::integer(0), sql::null()});
}

std::shared_ptr<sql::Select> select_from(const std::string& table, const std::string& alias) {
    auto select = std::make_shared<sql::Select>();
    select->from.push_back({table, nullptr, alias, nullptr, false});
    return select;
}

class RuleCompiler {
public:
    RuleCompiler(const checker::BoundRule& rule, const schema::Catalog& catalog, const CompileOptions& options)
        : rule_(rule), ast_(*rule.rule), catalog_(catalog), options_(options), lowering_(rule, catalog, options) {}

    CompiledRule compile() {
        compiled_.rule = &rule_;
        table_ = catalog_.find_table(rule_.subject_table);
        if (!table_) throw InternalError("rule " + ast_.id + " has no subject table");
        lowering_.use_table(table_->name);
        if (ast_.group_by.empty())
            build_subjects();
        else
            build_groups();
        if (ast_.deadline)
            compile_deadline();
        else if (ast_.periodic)
            compile_periodic();
        else
            compile_condition();
        build_count_query();
        if (options_.explain_subject && ast_.group_by.empty() && (ast_.subject->where || !rule_.displaced_by.empty()))
            build_filter_query();
        for (const auto& table : lowering_.tables())
            if (catalog_.find_table(table)) compiled_.tables.push_back(table);
        add_columns_read(query_);
        auto rendered = sql::render(query_);
        compiled_.sql = std::move(rendered.text);
        compiled_.params = std::move(rendered.params);
        return std::move(compiled_);
    }

private:
    void add_columns_read(const sql::Query& query) {
        for (auto& [table, columns] : sql::columns_read(query))
            if (catalog_.find_table(table)) compiled_.columns[table].merge(columns);
    }

    // Points the subject variable and the lets at the columns of a later stage.
    void rebind(const std::string& alias) {
        if (ast_.group_by.empty()) {
            lowering_.variables[ast_.subject->variable] =
                VariableBinding{VariableBinding::Kind::Row, alias, table_->name, nullptr, nullptr, nullptr, nullptr};
        } else {
            lowering_.variables.erase(ast_.subject->variable);
            for (size_t i = 0; i < ast_.group_by.size(); ++i) {
                VariableBinding key;
                key.kind = VariableBinding::Kind::Value;
                key.value = sql::column(alias, "rg_g" + std::to_string(i));
                lowering_.variables[ast_.group_by[i].name] = key;
            }
        }
        for (size_t i = 0; i < ast_.lets.size(); ++i)
            if (!lowering_.hoisted_sets.count(ast_.lets[i].name))
                lowering_.let_values[ast_.lets[i].name] = sql::column(alias, "rg_let_" + std::to_string(i));
    }

    void build_subjects() {
        const std::string alias = "subject";
        lowering_.variables[ast_.subject->variable] =
            VariableBinding{VariableBinding::Kind::Row, alias, table_->name, nullptr, nullptr, nullptr, nullptr};
        auto select = select_from(table_->name, alias);
        select->columns.push_back({nullptr, "", alias});
        select->columns.push_back({key_of(*table_, alias), "rg_key", ""});
        select->columns.push_back({company_of(alias), "rg_company", ""});
        filter_ = ast_.subject->where ? lowering_.lower(ast_.subject->where.get()) : nullptr;
        filter_ = sql::all_of({filter_, not_displaced(alias, lowering_, nullptr)});
        select->where = filter_;
        // Explaining one subject: only its row is evaluated, so a date that cannot be known is
        // reported for it, not for another subject met first.
        if (options_.explain_subject)
            select->where =
                sql::all_of({sql::binary("=", key_of(*table_, alias), sql::param(*options_.explain_subject)), filter_});
        for (size_t i = 0; i < ast_.lets.size(); ++i) {
            const auto& let = ast_.lets[i];
            if (let.value->kind == ast::ExprKind::Union) {
                hoist_value_set(let, i, alias);
                continue;
            }
            ExprPtr value = lowering_.lower(let.value.get());
            lowering_.let_values[let.name] = value;  // later lets of this stage inline it
            select->columns.push_back({value, "rg_let_" + std::to_string(i), ""});
        }
        if (ast_.deadline) select->columns.push_back({lowering_.lower(ast_.deadline->after.get()), "rg_trigger", ""});
        if (ast_.periodic) {
            select->columns.push_back({lowering_.lower(ast_.periodic->start.get()), "rg_start", ""});
            select->columns.push_back(
                {ast_.periodic->until ? lowering_.lower(ast_.periodic->until.get()) : sql::null(), "rg_until", ""});
        }
        query_.ctes.push_back({kSubjects, {}, select, true});
    }

    // `group by`: the subject rows that pass the filter, with their keys (rg_members); then one
    // subject per group of equal keys, its key the keys joined by '/' ("CO1/power_bank", a key
    // the data leaves empty shown as "(none)"), its company the members' one if they share it.
    void build_groups() {
        const std::string alias = "subject";
        lowering_.variables[ast_.subject->variable] =
            VariableBinding{VariableBinding::Kind::Row, alias, table_->name, nullptr, nullptr, nullptr, nullptr};
        auto members = select_from(table_->name, alias);
        members->columns.push_back({nullptr, "", alias});
        members->columns.push_back({key_of(*table_, alias), "rg_member", ""});
        members->columns.push_back({company_of(alias), "rg_member_company", ""});
        filter_ = ast_.subject->where ? lowering_.lower(ast_.subject->where.get()) : nullptr;
        filter_ = sql::all_of({filter_, not_displaced(alias, lowering_, nullptr)});
        members->where = filter_;
        for (size_t i = 0; i < ast_.group_by.size(); ++i)
            members->columns.push_back({lowering_.lower(ast_.group_by[i].value.get()), "rg_g" + std::to_string(i), ""});
        query_.ctes.push_back({kMembersTable, {}, members, true});

        auto groups = select_from(kMembersTable, kMembersTable);
        ExprPtr key;
        for (size_t i = 0; i < ast_.group_by.size(); ++i) {
            ExprPtr value = sql::column(kMembersTable, "rg_g" + std::to_string(i));
            groups->columns.push_back({value, "rg_g" + std::to_string(i), ""});
            groups->group_by.push_back(value);
            ExprPtr shown = sql::function("ifnull", {value, sql::param(std::string("(none)"))});
            key = key ? sql::binary("||", sql::binary("||", key, sql::param(std::string("/"))), shown) : shown;
        }
        ExprPtr company = sql::column(kMembersTable, "rg_member_company");
        groups->columns.push_back(
            {sql::case_when({sql::binary("=", sql::function("min", {company}), sql::function("max", {company})),
                             sql::function("min", {company}), sql::null()}),
             "rg_company", ""});
        groups->columns.push_back({key, "rg_key", ""});
        query_.ctes.push_back({"rg_groups", {}, groups, true});

        rebind("rg_groups");
        auto select = select_from("rg_groups", "rg_groups");
        select->columns.push_back({nullptr, "", "rg_groups"});
        if (options_.explain_subject)
            select->where = sql::binary("=", sql::column("rg_groups", "rg_key"), sql::param(*options_.explain_subject));
        for (size_t i = 0; i < ast_.lets.size(); ++i) {
            ExprPtr value = lowering_.lower(ast_.lets[i].value.get());
            lowering_.let_values[ast_.lets[i].name] = value;
            select->columns.push_back({value, "rg_let_" + std::to_string(i), ""});
        }
        query_.ctes.push_back({kSubjects, {}, select, true});
    }

    // The keys of a group's rows, in order, for the evidence of its finding.
    ExprPtr group_members() {
        const std::string alias = lowering_.fresh_alias("member");
        auto rows = select_from(kMembersTable, alias);
        std::vector<ExprPtr> same;
        for (size_t i = 0; i < ast_.group_by.size(); ++i)
            same.push_back(sql::binary("IS", sql::column(alias, "rg_g" + std::to_string(i)),
                                       lowering_.variables.at(ast_.group_by[i].name).value));
        rows->where = sql::all_of(same);
        rows->columns.push_back({sql::column(alias, "rg_member"), "k", ""});
        rows->order_by.push_back({sql::column(alias, "rg_member"), false});
        const std::string list = lowering_.fresh_alias("members");
        auto joined = std::make_shared<sql::Select>();
        joined->from.push_back({"", rows, list, nullptr, false});
        joined->columns.push_back(
            {sql::function("group_concat", {sql::column(list, "k"), sql::param(std::string(", "))}), "", ""});
        return sql::scalar(joined);
    }

    // `let x = union(...)`: one CTE of (subject key, value) for all subjects, so that every
    // use is an index search rather than a re-run of the union per subject and per use.
    void hoist_value_set(const ast::Let& let, size_t index, const std::string& alias) {
        std::shared_ptr<sql::Select> first;
        for (const auto& arm : let.value->arms) {
            auto plan = lowering_.plan_source(arm);
            lowering_.variables[arm.variable] = plan.variable;
            auto select = select_from(table_->name, alias);
            for (auto ref : plan.from) {
                if (!ref.join_on) ref.join_on = sql::integer(1);
                select->from.push_back(ref);
            }
            select->columns = {{key_of(*table_, alias), "k", ""}, {lowering_.lower(arm.value.get()), "v", ""}};
            select->where =
                sql::all_of({filter_, plan.correlation, arm.where ? lowering_.lower(arm.where.get()) : nullptr});
            lowering_.variables.erase(arm.variable);
            if (!first)
                first = select;
            else
                first->union_all.push_back(select);
        }
        const std::string cte = "let_" + std::to_string(index);
        query_.ctes.push_back({cte, {}, first, true});
        lowering_.hoisted_sets[let.name] = HoistedSet{cte, ast_.subject->variable, table_};
    }

    ExprPtr company_of(const std::string& alias) {
        if (table_->name == "companies") return sql::column(alias, "company_id");
        auto path = catalog_.path_to_company(table_->name);
        if (path.empty()) return sql::null();
        const std::string column = path.back().from_column;
        path.pop_back();
        return lowering_.navigate(alias, path, column);
    }

    // Rows inside the rule's effective period (judged by the trigger date, or the act's date).
    ExprPtr in_effect(ExprPtr trigger) {
        std::vector<ExprPtr> conditions;
        if (rule_.effective_from) conditions.push_back(sql::binary(">=", trigger, sql::param(*rule_.effective_from)));
        if (rule_.effective_until) conditions.push_back(sql::binary("<", trigger, sql::param(*rule_.effective_until)));
        return sql::all_of(conditions);
    }

    // Earliest date and key of the records that satisfy a requirement.
    std::pair<ExprPtr, ExprPtr> requirement_columns(const ast::Requirement& requirement) {
        auto plan = lowering_.plan_source(requirement.records);
        lowering_.variables[requirement.records.variable] = plan.variable;
        ExprPtr dated = lowering_.lower(requirement.dated.get());
        ExprPtr where = sql::all_of(
            {plan.correlation, requirement.records.where ? lowering_.lower(requirement.records.where.get()) : nullptr,
             sql::is_null(dated, true)});
        auto earliest = std::make_shared<sql::Select>();
        earliest->columns.push_back({sql::function("min", {dated}), "", ""});
        earliest->from = plan.from;
        earliest->where = where;
        ExprPtr record_key = sql::null();
        if (plan.variable.kind == VariableBinding::Kind::Row) {
            const schema::Table* record_table = catalog_.find_table(plan.variable.table);
            compiled_.record_table = record_table->name;
            auto first = std::make_shared<sql::Select>();
            ExprPtr key = key_of(*record_table, plan.variable.alias);
            first->columns.push_back({key, "", ""});
            first->from = plan.from;
            first->where = where;
            first->order_by = {{dated, false}, {key, false}};
            first->limit = 1;
            record_key = sql::scalar(first);
        }
        lowering_.variables.erase(requirement.records.variable);
        return {sql::scalar(earliest), record_key};
    }

    // Every record related to the explained subject: its key, its date and whether it
    // passes the requirement's filter. Runs over the CTEs built so far (up to `stage`).
    void compile_candidates(const ast::Requirement& requirement, const std::string& stage) {
        auto plan = lowering_.plan_source(requirement.records);
        lowering_.variables[requirement.records.variable] = plan.variable;
        auto select = select_from(stage, stage);
        for (auto ref : plan.from) {
            if (!ref.join_on) ref.join_on = sql::integer(1);
            select->from.push_back(ref);
        }
        ExprPtr dated = lowering_.lower(requirement.dated.get());
        ExprPtr key = plan.variable.kind == VariableBinding::Kind::Row
                          ? key_of(*catalog_.find_table(plan.variable.table), plan.variable.alias)
                          : plan.variable.value;
        ExprPtr matches =
            requirement.records.where ? lowering_.lower(requirement.records.where.get()) : sql::integer(1);
        select->columns = {{key, "key", ""},
                           {dated, "dated", ""},
                           {sql::case_when({matches, sql::integer(1), sql::integer(0)}), "matches", ""}};
        select->where = sql::all_of(
            {sql::binary("=", sql::column(stage, "rg_key"), sql::param(*options_.explain_subject)), plan.correlation});
        select->order_by = {{dated, false}, {key, false}};
        lowering_.variables.erase(requirement.records.variable);
        sql::Query candidates = query_;
        candidates.body = select;
        add_columns_read(candidates);
        auto rendered = sql::render(candidates);
        compiled_.candidates_sql = std::move(rendered.text);
        compiled_.candidates_params = std::move(rendered.params);
    }

    // The last stage: finding rows only, with messages and evidence.
    void finish(const std::string& stage, ExprPtr trigger, ExprPtr due, ExprPtr done, ExprPtr period, ExprPtr record,
                ExprPtr where, const std::vector<std::pair<std::string, ExprPtr>>& extra_evidence) {
        rebind(stage);
        // A violation or signal rule's `unless` (deadline and periodic rules apply theirs earlier).
        ExprPtr exempt;
        if (ast_.unless && ast_.condition)
            exempt = sql::function("coalesce", {lowering_.lower(ast_.unless.get()), sql::integer(0)});
        auto select = select_from(stage, stage);
        select->columns.push_back({sql::column(stage, "rg_key"), "rg_key", ""});
        select->columns.push_back({sql::column(stage, "rg_company"), "rg_company", ""});
        select->columns.push_back({trigger ? trigger : sql::null(), "rg_trigger", ""});
        select->columns.push_back({due ? due : sql::null(), "rg_due", ""});
        select->columns.push_back({done ? done : sql::null(), "rg_done", ""});
        select->columns.push_back({period ? period : sql::null(), "rg_period", ""});
        select->columns.push_back({record ? record : sql::null(), "rg_record", ""});
        compiled_.message_column = static_cast<int>(select->columns.size());
        int placeholder_index = 0;
        for (const auto& placeholder : rule_.message) {
            if (placeholder.kind != checker::Placeholder::Kind::Expr || !placeholder.expr) continue;
            select->columns.push_back(
                {message_value(placeholder.expr), "rg_msg_" + std::to_string(placeholder_index++), ""});
        }
        compiled_.evidence_column = static_cast<int>(select->columns.size());
        for (const auto& [name, expr] : extra_evidence) {
            select->columns.push_back({expr, "rg_ev_" + name, ""});
            compiled_.evidence_names.push_back(name);
        }
        for (size_t i = 0; i < ast_.lets.size(); ++i) {
            const auto& let = ast_.lets[i];
            if (lowering_.hoisted_sets.count(let.name)) continue;
            select->columns.push_back({sql::column(stage, "rg_let_" + std::to_string(i)), "rg_ev_" + let.name, ""});
            compiled_.evidence_names.push_back(let.name);
        }
        if (options_.explain_subject) {
            // Every row of the one subject, whatever its outcome; the condition itself is evidence.
            if (compiled_.form == RuleForm::Violation || compiled_.form == RuleForm::Signal) {
                std::vector<const ast::Expr*> parts;
                and_parts(ast_.condition->when.get(), parts);
                // The rows each aggregate of a `let` or of the condition took in (what a count counted).
                std::vector<std::pair<std::string, const ast::Expr*>> aggregates;
                for (const auto& let : ast_.lets)
                    if (let.value->kind == ast::ExprKind::Aggregate) aggregates.emplace_back(let.name, let.value.get());
                for (const auto* part : parts)
                    if (part->kind == ast::ExprKind::Aggregate) aggregates.emplace_back(ast::expr_text(*part), part);
                for (const auto& [name, aggregate] : aggregates) {
                    std::string table;
                    auto rows = lowering_.aggregate_rows(aggregate, table);
                    select->columns.push_back(
                        {rows, "rg_ev_rows_" + std::to_string(compiled_.evidence_names.size()), ""});
                    compiled_.evidence_names.push_back("rows taken by " + name +
                                                       (table.empty() ? std::string() : " (" + table + ")"));
                }
                if (parts.size() > 1)
                    for (const auto* part : parts) {
                        compiled_.condition_parts.push_back(ast::expr_text(*part));
                        select->columns.push_back({truth_of(lowering_.lower(part)),
                                                   "rg_ev_part_" + std::to_string(compiled_.condition_parts.size()),
                                                   ""});
                        compiled_.evidence_names.push_back("condition part " +
                                                           std::to_string(compiled_.condition_parts.size()));
                    }
                compiled_.holds_column = static_cast<int>(select->columns.size());
                select->columns.push_back(
                    {sql::case_when({where, sql::integer(1), sql::integer(0)}), "rg_ev_condition_holds", ""});
                compiled_.evidence_names.push_back("condition_holds");
                if (exempt) {
                    compiled_.unless_column = static_cast<int>(select->columns.size());
                    compiled_.unless_text = ast::expr_text(*ast_.unless);
                    select->columns.push_back(
                        {sql::case_when({exempt, sql::integer(1), sql::integer(0)}), "rg_unless", ""});
                }
            }
            where = sql::binary("=", sql::column(stage, "rg_key"), sql::param(*options_.explain_subject));
        }
        if (exempt && !options_.explain_subject)
            where = sql::all_of({where, sql::binary("=", exempt, sql::integer(0))});
        select->where = where;
        select->order_by.push_back({sql::column(stage, "rg_key"), false});
        if (period) select->order_by.push_back({period, false});
        query_.body = select;
    }

    // A message placeholder's value. A duration is shown with its unit ("12 months"): as a
    // number alone, "within 12" would not say what the law allows.
    ExprPtr message_value(const ast::Expr* expr) {
        if (rule_.info(expr).type.is_duration())
            if (const auto known = checker::static_duration(rule_, expr); known.value)
                return sql::param(ast::literal_text(*known.value));
        return lowering_.lower(expr);
    }

    // Which deadline rows are findings: late, missing, pending on request, or a due date
    // the calendar cannot give (reported as a rule error by the executor).
    ExprPtr deadline_outcome(const std::string& stage) {
        ExprPtr due = sql::column(stage, "rg_due"), done = sql::column(stage, "rg_done");
        ExprPtr late = sql::all_of({sql::is_null(done, true), sql::binary(">", done, due)});
        ExprPtr open = sql::is_null(done, false);
        if (!options_.include_pending) open = sql::all_of({open, sql::binary("<", due, sql::param(options_.as_of))});
        return sql::binary("OR", sql::binary("OR", sql::is_null(due, false), late), open);
    }

    void compile_deadline() {
        compiled_.form = RuleForm::Deadline;
        const ast::Deadline& deadline = *ast_.deadline;
        rebind(kSubjects);
        // Stage "dues": the due date from the trigger.
        auto dues = select_from(kSubjects, kSubjects);
        ExprPtr trigger = sql::column(kSubjects, "rg_trigger");
        dues->columns.push_back({nullptr, "", kSubjects});
        dues->columns.push_back(
            {lowering_.add_duration(trigger, lowering_.duration_of(deadline.within.get()), false), "rg_due0", ""});
        dues->where = sql::all_of({sql::is_null(trigger, true), in_effect(trigger)});
        query_.ctes.push_back({"dues", {}, dues, false});
        // Stage "checked": the earliest satisfying record, extensions, exemptions.
        rebind("dues");
        auto checked = select_from("dues", "dues");
        checked->columns.push_back({nullptr, "", "dues"});
        auto [done, record] = requirement_columns(*deadline.require);
        if (options_.explain_subject) compile_candidates(*deadline.require, "dues");
        checked->columns.push_back({done, "rg_done", ""});
        checked->columns.push_back({record, "rg_record", ""});
        checked->columns.push_back(
            {deadline.extend_to ? lowering_.lower(deadline.extend_to.get()) : sql::null(), "rg_extend", ""});
        // The deadline's own `unless`, or the rule's (the checker allows one of them).
        if (const ast::Expr* unless = deadline.unless ? deadline.unless.get() : ast_.unless.get())
            checked->where = not_exempted(unless);
        query_.ctes.push_back({"checked", {}, checked, false});
        // Stage "judged": an extension moves the due date later, never earlier.
        auto judged = select_from("checked", "checked");
        ExprPtr due0 = sql::column("checked", "rg_due0"), extend = sql::column("checked", "rg_extend");
        judged->columns.push_back({nullptr, "", "checked"});
        judged->columns.push_back({sql::case_when({sql::binary(">", extend, due0), extend, due0}), "rg_due", ""});
        query_.ctes.push_back({"judged", {}, judged, false});
        std::vector<std::pair<std::string, ExprPtr>> evidence;
        if (deadline.extend_to) evidence.push_back({"extended_to", sql::column("judged", "rg_extend")});
        finish("judged", sql::column("judged", "rg_trigger"), sql::column("judged", "rg_due"),
               sql::column("judged", "rg_done"), nullptr, sql::column("judged", "rg_record"),
               deadline_outcome("judged"), evidence);
    }

    // The end of period k from `start`; `key` is the subject's key (rg_key) in that stage.
    ExprPtr period_end(ExprPtr start, ExprPtr k, const ast::Literal& every, ExprPtr key) {
        ExprPtr count = sql::binary("*", k, sql::param(every.integer));
        if (every.kind == ast::Literal::Kind::Months)
            return lowering_.known_date(lowering_.months_after(start, count), start, count, "months", {}, key);
        return lowering_.known_date(
            sql::function("date", {start, sql::function("printf", {sql::param(std::string("%+d days")), count})}),
            start, count, "days", {}, key);
    }

    void compile_periodic() {
        compiled_.form = RuleForm::Periodic;
        const ast::Periodic& periodic = *ast_.periodic;
        const ast::Literal& every = lowering_.duration_of(periodic.every.get());
        if (every.integer <= 0) throw InternalError("rule " + ast_.id + ": 'every' is below 1 after checking");
        // Stage "periods": period k ends at start + k * every, generated while the previous
        // period ended by the audit date and before the end (completion).
        ExprPtr as_of = sql::param(options_.as_of);
        auto anchor = select_from(kSubjects, kSubjects);
        ExprPtr start = sql::column(kSubjects, "rg_start");
        anchor->columns = {{sql::column(kSubjects, "rg_key"), "", ""},
                           {sql::column(kSubjects, "rg_until"), "", ""},
                           {start, "", ""},
                           {sql::integer(1), "", ""},
                           {start, "", ""},
                           {period_end(start, sql::integer(1), every, sql::column(kSubjects, "rg_key")), "", ""}};
        anchor->where = sql::all_of({sql::is_null(start, true), in_effect(start)});
        auto step = select_from("periods", "p");
        ExprPtr next_k = sql::binary("+", sql::column("p", "rg_k"), sql::integer(1));
        step->columns = {
            {sql::column("p", "rg_pkey"), "", ""},
            {sql::column("p", "rg_until"), "", ""},
            {sql::column("p", "rg_start"), "", ""},
            {next_k, "", ""},
            {sql::column("p", "rg_pend"), "", ""},
            {period_end(sql::column("p", "rg_start"), next_k, every, sql::column("p", "rg_pkey")), "", ""}};
        step->where =
            sql::all_of({sql::binary("<=", sql::column("p", "rg_pend"), as_of),
                         sql::binary("OR", sql::is_null(sql::column("p", "rg_until"), false),
                                     sql::binary("<", sql::column("p", "rg_pend"), sql::column("p", "rg_until"))),
                         sql::binary("<", sql::column("p", "rg_k"), sql::integer(100000))});
        anchor->union_all.push_back(step);
        query_.recursive = true;
        query_.ctes.push_back(
            {"periods", {"rg_pkey", "rg_until", "rg_start", "rg_k", "rg_pstart", "rg_pend"}, anchor, false});
        // Stage "checked": one row per (subject, period) that has ended before the end.
        rebind("s");
        VariableBinding period;
        period.kind = VariableBinding::Kind::Period;
        period.period_start = sql::column("p", "rg_pstart");
        period.period_end = sql::column("p", "rg_pend");
        period.period_number = sql::column("p", "rg_k");
        lowering_.variables["period"] = period;
        auto checked = std::make_shared<sql::Select>();
        checked->from.push_back({"periods", nullptr, "p", nullptr, false});
        checked->from.push_back({kSubjects, nullptr, "s",
                                 sql::binary("=", sql::column("s", "rg_key"), sql::column("p", "rg_pkey")), false});
        checked->columns.push_back({nullptr, "", "s"});
        checked->columns.push_back({sql::column("p", "rg_k"), "rg_k", ""});
        checked->columns.push_back({sql::column("p", "rg_pstart"), "rg_pstart", ""});
        checked->columns.push_back({sql::column("p", "rg_pend"), "rg_pend", ""});
        checked->columns.push_back(
            {lowering_.add_duration(sql::column("p", "rg_pend"), lowering_.duration_of(periodic.within.get()), false),
             "rg_due", ""});
        auto [done, record] = requirement_columns(*periodic.require);
        checked->columns.push_back({done, "rg_done", ""});
        checked->columns.push_back({record, "rg_record", ""});
        checked->where =
            sql::all_of({sql::binary("<=", sql::column("p", "rg_pend"), as_of),
                         sql::binary("OR", sql::is_null(sql::column("p", "rg_until"), false),
                                     sql::binary("<", sql::column("p", "rg_pend"), sql::column("p", "rg_until"))),
                         ast_.unless ? not_exempted(ast_.unless.get()) : nullptr});
        lowering_.variables.erase("period");
        query_.ctes.push_back({"checked", {}, checked, false});
        finish("checked", sql::column("checked", "rg_pend"), sql::column("checked", "rg_due"),
               sql::column("checked", "rg_done"), sql::column("checked", "rg_k"), sql::column("checked", "rg_record"),
               deadline_outcome("checked"), {{"period_start", sql::column("checked", "rg_pstart")}});
    }

    // `unless` holds for the subject: coalesce(unless, 0) = 0 keeps the subjects it does not exempt
    // (an unknown `unless` exempts nothing, as in a deadline).
    ExprPtr not_exempted(const ast::Expr* unless) {
        return sql::binary("=", sql::function("coalesce", {lowering_.lower(unless), sql::integer(0)}), sql::integer(0));
    }

    // The subject is not in the scope of a rule that displaces this one: for each such rule (each
    // version), its `for ... where` on this subject's row, compiled by a lowering of that rule
    // whose aliases cannot meet this one's. `parts` (for `why`) gets each one's text and value.
    ExprPtr not_displaced(const std::string& alias, Lowering& into,
                          std::vector<std::pair<std::string, ExprPtr>>* parts) {
        std::vector<ExprPtr> conditions;
        int index = 0;
        for (const auto* other : rule_.displaced_by) {
            Lowering lowering(*other, catalog_, options_);
            lowering.set_alias_prefix("displacing" + std::to_string(++index) + "_");
            lowering.variables[other->rule->subject->variable] =
                VariableBinding{VariableBinding::Kind::Row, alias, table_->name, nullptr, nullptr, nullptr, nullptr};
            const ast::Expr* where = other->rule->subject->where.get();
            ExprPtr in_scope =
                where ? sql::function("coalesce", {lowering.lower(where), sql::integer(0)}) : sql::integer(1);
            for (const auto& table : lowering.tables()) into.use_table(table);
            ExprPtr outside = sql::binary("=", in_scope, sql::integer(0));
            conditions.push_back(outside);
            if (parts)
                parts->push_back({"not displaced by " + other->rule->id +
                                      (other->version.empty() ? "" : " (version " + other->version + ")") +
                                      (where ? ", whose subjects are those where " + ast::expr_text(*where)
                                             : ", which takes every subject"),
                                  outside});
        }
        return sql::all_of(conditions);
    }

    void compile_condition() {
        compiled_.form =
            ast_.condition->kind == ast::Condition::Kind::Violation ? RuleForm::Violation : RuleForm::Signal;
        rebind(kSubjects);
        ExprPtr when = lowering_.lower(ast_.condition->when.get());
        // The version in force on the date of the act judges it, as deadlines are judged by their
        // trigger. An act whose date the data does not give is judged by the version in force on
        // the audit date (the checker makes every versioned condition rule name its act's date).
        if (ast_.condition->dated)
            when = sql::all_of({when, in_effect(sql::function("coalesce", {lowering_.lower(ast_.condition->dated.get()),
                                                                           sql::param(options_.as_of)}))});
        std::vector<std::pair<std::string, ExprPtr>> evidence;
        if (!ast_.group_by.empty()) {
            rebind(kSubjects);
            evidence.push_back({"members", group_members()});
        }
        finish(kSubjects, nullptr, nullptr, nullptr, nullptr, nullptr, when, evidence);
    }

    // For `why`: each part of the subject filter on the explained row, so that "not a subject"
    // names the part that leaves it out.
    void build_filter_query() {
        Lowering parts_lowering = subject_row_lowering();
        auto select = select_from(table_->name, "subject");
        std::vector<const ast::Expr*> parts;
        and_parts(ast_.subject->where.get(), parts);
        for (const auto* part : parts) {
            compiled_.filter_parts.push_back(ast::expr_text(*part));
            select->columns.push_back({truth_of(parts_lowering.lower(part)), "", ""});
        }
        std::vector<std::pair<std::string, ExprPtr>> displaced;
        not_displaced("subject", parts_lowering, &displaced);
        for (const auto& [text, outside] : displaced) {
            compiled_.filter_parts.push_back(text);
            select->columns.push_back({truth_of(outside), "", ""});
        }
        select->where = sql::binary("=", key_of(*table_, "subject"), sql::param(*options_.explain_subject));
        auto rendered = render_alone(select);
        compiled_.filter_sql = std::move(rendered.text);
        compiled_.filter_params = std::move(rendered.params);
    }

    // A lowering of expressions over the subject table's rows, aliased "subject".
    Lowering subject_row_lowering() {
        Lowering lowering(rule_, catalog_, options_);
        lowering.variables[ast_.subject->variable] =
            VariableBinding{VariableBinding::Kind::Row, "subject", table_->name, nullptr, nullptr, nullptr, nullptr};
        return lowering;
    }

    // One SELECT as a query of its own, its columns read noted.
    sql::RenderedSql render_alone(std::shared_ptr<sql::Select> select) {
        sql::Query query;
        query.body = std::move(select);
        add_columns_read(query);
        return sql::render(query);
    }

    void build_count_query() {
        if (!ast_.group_by.empty()) {  // the groups
            sql::Query count = query_;
            count.ctes.resize(2);  // rg_members, rg_groups
            auto select = select_from("rg_groups", "rg_groups");
            select->columns.push_back({sql::function("count", {sql::integer(1)}), "", ""});
            count.body = select;
            add_columns_read(count);
            auto rendered = sql::render(count);
            compiled_.count_sql = std::move(rendered.text);
            compiled_.count_params = std::move(rendered.params);
            return;
        }
        // Subject count for the run status: the subject filter alone, without lets.
        Lowering counting = subject_row_lowering();
        auto select = select_from(table_->name, "subject");
        select->columns.push_back({sql::function("count", {sql::integer(1)}), "", ""});
        select->where = sql::all_of({ast_.subject->where ? counting.lower(ast_.subject->where.get()) : nullptr,
                                     not_displaced("subject", counting, nullptr)});
        auto rendered = render_alone(select);
        compiled_.count_sql = std::move(rendered.text);
        compiled_.count_params = std::move(rendered.params);
    }

    const checker::BoundRule& rule_;
    const ast::Rule& ast_;
    const schema::Catalog& catalog_;
    const CompileOptions& options_;
    Lowering lowering_;
    const schema::Table* table_ = nullptr;
    sql::Query query_;
    ExprPtr filter_;
    CompiledRule compiled_;
};

}  // namespace

CompiledRule compile_rule(const checker::BoundRule& rule, const schema::Catalog& catalog,
                          const CompileOptions& options) {
    return RuleCompiler(rule, catalog, options).compile();
}

}  // namespace recallguard::compiler
