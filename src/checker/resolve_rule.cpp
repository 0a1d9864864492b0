// Pass: resolve every name in a rule (variables, relations, columns, parameters, lets)
// against the schema and infer the type of every expression.
#include <algorithm>
#include <set>

#include "checker/checker.h"

namespace recallguard::checker {
namespace {

struct Variable {
    std::string name;
    Type type;  // Row(table) or a scalar for value-set variables; Error for `period`
    bool is_period = false;
};

class Resolver {
public:
    Resolver(BoundRule& bound, const schema::Catalog& catalog, DiagnosticBag& diagnostics)
        : bound_(bound), catalog_(catalog), diagnostics_(&diagnostics), definitions_(bound.scope) {}

    void run();
    // A `define`d condition checked on its own, once: its problems are reported here.
    void resolve_definition(const ast::Definition& definition);

private:
    Type resolve(const ast::Expr* expr);
    Type resolve_path(const ast::Expr* expr);
    Type resolve_binary(const ast::Expr* expr);
    Type resolve_aggregate(const ast::Expr* expr);
    Type resolve_union(const ast::Expr* expr);
    Type resolve_in_set(const ast::Expr* expr);
    Type resolve_is_defined(const ast::Expr* expr);
    // Resolves a condition's body where it is used, in the scope of its own file and with its
    // variable only; problems go to the diagnostics when `report`, else only make it fail.
    bool resolve_condition_body(const ast::Definition& definition, bool report);
    const ast::Definition* find_definition(const std::string& name) const;
    std::string where_defined(const ast::Definition& definition) const;
    void check_not_a_definition(const std::string& name, const SourceLocation& location);
    void resolve_in_list(const ast::Expr* expr, const Type& left);
    bool bind_source(const ast::Comprehension& comprehension, Variable& bound_variable);
    void resolve_requirement(const ast::Requirement& requirement, bool periodic);
    void expect(const ast::Expr* expr, TypeKind kind, const char* role);
    void expect_duration(const ast::Expr* expr, const char* role, bool allow_working_days);
    void check_enum_literal(const Type& column_type, const ast::Literal& literal);
    Type remember(const ast::Expr* expr, Type type, std::optional<PathBinding> path = std::nullopt);
    const Variable* find_variable(const std::string& name) const;
    void declare(const std::string& name, const SourceLocation& location, Variable variable);
    Diagnostic& error(DiagnosticCode code, const SourceLocation& location, const std::string& message, int length = 1) {
        return diagnostics_->error(code, location, message, length);
    }
    std::vector<std::string> names_in_scope() const;

    BoundRule& bound_;
    const schema::Catalog& catalog_;
    DiagnosticBag* diagnostics_;
    std::vector<Variable> scope_;
    std::map<std::string, Type> lets_;
    std::map<std::string, Type> params_;
    std::set<std::string> used_names_;
    const DefinitionScope* definitions_;             // the `define`d names in scope
    std::vector<const ast::Definition*> resolving_;  // conditions being resolved, to find a cycle
    std::string cycle_;                              // the cycle found, "a -> b -> a"
    bool grouped_ = false;                           // the rule has `group by`: `group` is a source
};

Type literal_type(const ast::Literal& literal) {
    switch (literal.kind) {
        case ast::Literal::Kind::String:
            return Type::of(TypeKind::Text);
        case ast::Literal::Kind::Date:
            return Type::of(TypeKind::Date);
        case ast::Literal::Kind::Int:
            return Type::of(TypeKind::Int);
        case ast::Literal::Kind::Decimal:
            return Type::of(TypeKind::Number);
        case ast::Literal::Kind::Bool:
            return Type::of(TypeKind::Bool);
        case ast::Literal::Kind::Days:
            return Type::of(TypeKind::Days);
        case ast::Literal::Kind::Months:
            return Type::of(TypeKind::Months);
        case ast::Literal::Kind::WorkingDays:
            return Type::of(TypeKind::WorkingDays);
    }
    return Type::of(TypeKind::Error);
}

Type column_type(const schema::Column& column) {
    Type type;
    switch (column.type) {
        case schema::ColumnType::Text:
            type.kind = TypeKind::Text;
            break;
        case schema::ColumnType::Json:
            type.kind = TypeKind::Text;
            break;
        case schema::ColumnType::Integer:
            type.kind = TypeKind::Int;
            break;
        case schema::ColumnType::Date:
            type.kind = TypeKind::Date;
            break;
    }
    type.column = &column;
    return type;
}

bool comparable(const Type& a, const Type& b) {
    if (a.is_error() || b.is_error()) return true;  // already reported
    if (a.is_numeric() && b.is_numeric()) return true;
    return a.kind == b.kind && a.is_scalar() && !a.is_duration();
}

}  // namespace

Type Resolver::remember(const ast::Expr* expr, Type type, std::optional<PathBinding> path) {
    bound_.expr_info[expr] = ExprInfo{type, std::move(path)};
    return type;
}

const Variable* Resolver::find_variable(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
        if (it->name == name) return &*it;
    return nullptr;
}

std::vector<std::string> Resolver::names_in_scope() const {
    std::vector<std::string> names;
    for (const auto& v : scope_) names.push_back(v.name);
    for (const auto& [name, type] : lets_) names.push_back(name);
    for (const auto& [name, type] : params_) names.push_back(name);
    names.push_back("as_of");
    return names;
}

const ast::Definition* Resolver::find_definition(const std::string& name) const {
    if (!definitions_) return nullptr;
    const auto found = definitions_->names.find(name);
    return found == definitions_->names.end() ? nullptr : found->second;
}

std::string Resolver::where_defined(const ast::Definition& definition) const {
    return definition.location.file + ":" + std::to_string(definition.location.line);
}

// A rule's own name never hides a `define`d one: which of the two a use meant would be a guess.
void Resolver::check_not_a_definition(const std::string& name, const SourceLocation& location) {
    if (const ast::Definition* definition = find_definition(name))
        error(
            DiagnosticCode::DuplicateName, location,
            "'" + name + "' is already defined with `define` (" + where_defined(*definition) + "); choose another name",
            static_cast<int>(name.size()));
}

void Resolver::declare(const std::string& name, const SourceLocation& location, Variable variable) {
    check_not_a_definition(name, location);
    if (find_variable(name) || lets_.count(name) || params_.count(name))
        error(DiagnosticCode::DuplicateName, location,
              "'" + name + "' is already defined in this rule; choose another name", static_cast<int>(name.size()));
    variable.name = name;
    scope_.push_back(std::move(variable));
}

void Resolver::expect(const ast::Expr* expr, TypeKind kind, const char* role) {
    if (!expr) return;
    const Type type = resolve(expr);
    if (type.is_error() || type.kind == kind || (kind == TypeKind::Number && type.is_numeric())) return;
    error(DiagnosticCode::Type, expr->location,
          std::string(role) + " must be " + describe(kind) + ", not " + describe(type), expr->length);
}

void Resolver::expect_duration(const ast::Expr* expr, const char* role, bool allow_working_days) {
    if (!expr) return;
    const Type type = resolve(expr);
    if (type.is_error()) return;
    if (type.is_duration() && (allow_working_days || type.kind != TypeKind::WorkingDays)) return;
    error(DiagnosticCode::Type, expr->location,
          std::string(role) + " must be a duration such as '10 working days', '60 days' or '3 months', not " +
              describe(type),
          expr->length);
}

void Resolver::check_enum_literal(const Type& column, const ast::Literal& literal) {
    if (!column.column || column.column->enum_values.empty() || literal.kind != ast::Literal::Kind::String) return;
    const auto& values = column.column->enum_values;
    if (std::find(values.begin(), values.end(), literal.text) != values.end()) return;
    // An error, not a warning: a rule that can never hold would report "no finding" for every
    // subject, a silent wrong answer.
    std::string listed;
    for (const auto& value : values) listed += (listed.empty() ? "" : ", ") + value;
    std::string message = "\"" + literal.text + "\" is not a value of " + column.column->name + " (one of: " + listed +
                          "), so the rule could never match it";
    const std::string match = closest_match(literal.text, values);
    if (!match.empty()) message += "; did you mean \"" + match + "\"?";
    diagnostics_->error(DiagnosticCode::ImpossibleValue, literal.location, message, literal.length).replacement =
        match.empty() ? "" : "\"" + match + "\"";  // enumeration values need no escapes
}

Type Resolver::resolve_path(const ast::Expr* expr) {
    const auto& path = expr->path;
    const std::string& root = path.front();
    used_names_.insert(root);
    auto name_error = [&](size_t index, DiagnosticCode code, const std::string& message,
                          const std::string& replacement = {}) {
        error(code, expr->path_locations[index], message, static_cast<int>(path[index].size())).replacement =
            replacement;
        return remember(expr, Type::of(TypeKind::Error));
    };

    if (const Variable* variable = find_variable(root)) {
        if (variable->is_period) {
            static const std::map<std::string, TypeKind> kFields{
                {"start", TypeKind::Date}, {"end", TypeKind::Date}, {"number", TypeKind::Int}};
            if (path.size() != 2 || !kFields.count(path[1]))
                return name_error(path.size() > 1 ? 1 : 0, DiagnosticCode::UnknownName,
                                  "a period has the fields period.start, period.end and period.number");
            return remember(expr, Type::of(kFields.at(path[1])),
                            PathBinding{PathBinding::Kind::PeriodField, root, {}, {}, path[1]});
        }
        if (variable->type.kind != TypeKind::Row) {
            if (path.size() > 1)
                return name_error(1, DiagnosticCode::UnknownName, "'" + root + "' is a single value; it has no fields");
            return remember(expr, variable->type, PathBinding{PathBinding::Kind::Value, root, {}, {}, {}});
        }
        PathBinding binding{PathBinding::Kind::Row, root, {}, {}, {}};
        std::string table = variable->type.table;
        for (size_t i = 1; i < path.size(); ++i) {
            const schema::Table* current = catalog_.find_table(table);
            if (const schema::Column* column = current->find_column(path[i])) {
                if (i + 1 != path.size())
                    return name_error(i + 1, DiagnosticCode::UnknownName,
                                      "'" + path[i] + "' is a column of " + table + "; it has no fields");
                binding.kind = PathBinding::Kind::Column;
                binding.column = column->name;
                return remember(expr, column_type(*column), binding);
            }
            auto relation = catalog_.find_relation(table, path[i]);
            if (relation && relation->to_many)
                return name_error(i, DiagnosticCode::Type,
                                  "'" + path[i] + "' is a set of rows of " + relation->to_table +
                                      "; use it in count(...), exists(...), earliest(...) or another aggregate");
            if (!relation) {
                std::vector<std::string> candidates = current->column_names();
                for (const auto& r : catalog_.relations_from(table)) candidates.push_back(r.name);
                std::string message = "table " + table + " has no column or relation '" + path[i] + "'";
                const std::string match = closest_match(path[i], candidates);
                if (!match.empty()) message += "; did you mean '" + match + "'?";
                return name_error(i, DiagnosticCode::UnknownColumn, message, match);
            }
            binding.steps.push_back(*relation);
            table = relation->to_table;
        }
        return remember(expr, Type::row(table), binding);
    }
    if (path.size() == 1 && params_.count(root)) {
        if (params_.at(root).kind == TypeKind::Values)
            return name_error(0, DiagnosticCode::Type,
                              "parameter '" + root + "' is a list of values; use it after 'in': x in " + root);
        return remember(expr, params_.at(root), PathBinding{PathBinding::Kind::Param, {}, {}, {}, root});
    }
    if (path.size() == 1 && lets_.count(root))
        return remember(expr, lets_.at(root), PathBinding{PathBinding::Kind::Let, {}, {}, {}, root});
    if (const ast::Definition* definition = find_definition(root)) {
        if (path.size() > 1)
            return name_error(1, DiagnosticCode::UnknownName, "'" + root + "' is a defined name; it has no fields");
        if (definition->kind == ast::Definition::Kind::Set)
            return name_error(0, DiagnosticCode::Type,
                              "'" + root + "' is a set of values (" + where_defined(*definition) +
                                  "); use it after 'in': x in " + root);
        if (definition->kind == ast::Definition::Kind::Condition)
            return name_error(0, DiagnosticCode::Type,
                              "'" + root + "' is a condition on a row of " + definition->table + " (" +
                                  where_defined(*definition) + "); use it after 'is': <row> is " + root);
        PathBinding binding{PathBinding::Kind::Definition, {}, {}, {}, root};
        binding.definition = definition;
        return remember(expr, literal_type(definition->value), binding);
    }
    std::string message = "'" + root + "' is not defined here";
    // Names that exist elsewhere in the language: say where, as the placeholder check does.
    if (root == "period")
        message +=
            ": 'period' (period.start, period.end, period.number) exists only inside a periodic "
            "rule's `require`, for the period being checked; a deadline has one due date, after its "
            "trigger";
    else if (root == "due" || root == "done" || root == "trigger" || root == "days_late" || root == "status")
        message += ": {" + root +
                   "} is a message placeholder of deadline and periodic rules, not a value a "
                   "condition can use";
    if (catalog_.find_table(root))
        message += " (" + root + " is a table: iterate over it, e.g. count(x in " + root + " where ...))";
    const std::string match = closest_match(root, names_in_scope());
    if (!match.empty()) message += "; did you mean '" + match + "'?";
    return name_error(0, DiagnosticCode::UnknownName, message, match);
}

bool Resolver::bind_source(const ast::Comprehension& comprehension, Variable& variable) {
    const auto& path = comprehension.source;
    SourceBinding binding;
    auto fail = [&](DiagnosticCode code, const std::string& message, const std::string& replacement = {}) {
        error(code, comprehension.source_location, message, static_cast<int>(path.front().size())).replacement =
            replacement;
        return false;
    };
    if (path.size() == 1 && path[0] == "group" && grouped_ && !find_variable(path[0]) && !lets_.count(path[0])) {
        binding.kind = SourceBinding::Kind::Group;
        binding.table = bound_.subject_table;
        variable.type = Type::row(bound_.subject_table);
        bound_.sources[&comprehension] = binding;
        return true;
    }
    if (path.size() == 1 && !find_variable(path[0])) {
        if (lets_.count(path[0]) && lets_.at(path[0]).kind == TypeKind::Values) {
            used_names_.insert(path[0]);
            binding.kind = SourceBinding::Kind::LetValues;
            binding.let_name = path[0];
            variable.type = Type::of(lets_.at(path[0]).element);
        } else if (catalog_.find_table(path[0])) {
            binding.kind = SourceBinding::Kind::Table;
            binding.table = path[0];
            variable.type = Type::row(path[0]);
        } else {
            std::vector<std::string> candidates = catalog_.table_names();
            for (const auto& [name, type] : lets_)
                if (type.kind == TypeKind::Values) candidates.push_back(name);
            std::string message = "'" + path[0] + "' is neither a table nor a set of values";
            const std::string match = closest_match(path[0], candidates);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            return fail(DiagnosticCode::UnknownTable, message, match);
        }
        bound_.sources[&comprehension] = binding;
        return true;
    }
    const Variable* root = find_variable(path[0]);
    if (!root) return fail(DiagnosticCode::UnknownName, "'" + path[0] + "' is not defined here");
    if (root->type.kind != TypeKind::Row)
        return fail(DiagnosticCode::Type, "'" + path[0] + "' is not a row; it has no related rows");
    used_names_.insert(path[0]);
    binding.kind = SourceBinding::Kind::Related;
    binding.variable = path[0];
    std::string table = root->type.table;
    for (size_t i = 1; i < path.size(); ++i) {
        auto relation = catalog_.find_relation(table, path[i]);
        const SourceLocation step_location = i < comprehension.source_locations.size()
                                                 ? comprehension.source_locations[i]
                                                 : comprehension.source_location;
        const int step_length = static_cast<int>(path[i].size());
        if (!relation) {
            std::vector<std::string> candidates;
            for (const auto& r : catalog_.relations_from(table)) candidates.push_back(r.name);
            std::string message = "table " + table + " has no relation '" + path[i] + "'";
            const std::string match = closest_match(path[i], candidates);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            error(DiagnosticCode::UnknownRelation, step_location, message, step_length).replacement = match;
            return false;
        }
        if (relation->to_many)
            binding.to_many.push_back(*relation);
        else if (binding.to_many.empty())
            binding.to_one.push_back(*relation);
        else {
            error(DiagnosticCode::UnknownRelation, step_location,
                  "after a set of rows ('" + binding.to_many.back().name + "') only further sets can follow, not '" +
                      path[i] + "'",
                  step_length);
            return false;
        }
        table = relation->to_table;
    }
    if (binding.to_many.empty()) {
        error(DiagnosticCode::Type, comprehension.source_location,
              "'" + comprehension.source.back() + "' is a single row, not a set of rows to iterate over");
        return false;
    }
    binding.table = table;
    variable.type = Type::row(table);
    bound_.sources[&comprehension] = binding;
    return true;
}

Type Resolver::resolve_aggregate(const ast::Expr* expr) {
    const auto& c = *expr->comprehension;
    Variable variable;
    if (!bind_source(c, variable)) return remember(expr, Type::of(TypeKind::Error));
    declare(c.variable, c.variable_location, variable);
    if (c.where) expect(c.where.get(), TypeKind::Bool, "a 'where' filter");
    Type result = Type::of(TypeKind::Error);
    using Aggregate = ast::AggregateOp;
    const Aggregate op = expr->aggregate_op;
    const std::string name(ast::aggregate_op_name(op));
    if (op == Aggregate::Count)
        result = Type::of(TypeKind::Int);
    else if (op == Aggregate::Exists || op == Aggregate::No)
        result = Type::of(TypeKind::Bool);
    else {
        Type value = variable.type;
        if (c.value)
            value = resolve(c.value.get());
        else if (variable.type.kind == TypeKind::Row) {
            error(DiagnosticCode::Type, expr->location,
                  name + "(...) needs the value to take, e.g. " + name + "(" + c.variable + ".<column> for " +
                      c.variable + " in ...)",
                  static_cast<int>(name.size()));
            value = Type::of(TypeKind::Error);
        }
        if (c.order_by) {
            const Type by = resolve(c.order_by.get());
            if (op != Aggregate::Earliest && op != Aggregate::Latest)
                error(DiagnosticCode::Type, c.order_by->location, "'by' orders earliest(...) and latest(...) only",
                      c.order_by->length);
            else if (!by.is_error() && !by.is_scalar())
                error(DiagnosticCode::Type, c.order_by->location, "'by' needs a date or number to order by",
                      c.order_by->length);
        }
        if (!value.is_error()) {
            if (op == Aggregate::Sum && !value.is_numeric())
                error(DiagnosticCode::Type, expr->location, "sum(...) adds numbers, not " + describe(value), 3);
            else if ((op == Aggregate::Earliest || op == Aggregate::Latest) && !c.order_by &&
                     value.kind != TypeKind::Date)
                error(DiagnosticCode::Type, expr->location,
                      name + "(...) takes dates (or add 'by <date>' to pick the value of the " + name + " row); got " +
                          describe(value),
                      static_cast<int>(name.size()));
            else if ((op == Aggregate::Min || op == Aggregate::Max) && !value.is_scalar())
                error(DiagnosticCode::Type, expr->location, name + "(...) needs a number, date or text", 3);
            else
                result = Type::of(value.kind);
        }
    }
    scope_.pop_back();
    return remember(expr, result);
}

Type Resolver::resolve_union(const ast::Expr* expr) {
    TypeKind element = TypeKind::Error;
    for (const auto& arm : expr->arms) {
        Variable variable;
        if (!bind_source(arm, variable)) continue;
        declare(arm.variable, arm.variable_location, variable);
        if (arm.where) expect(arm.where.get(), TypeKind::Bool, "a 'where' filter");
        const Type value = resolve(arm.value.get());
        scope_.pop_back();
        if (value.is_error()) continue;
        if (!value.is_scalar() || value.is_duration()) {
            error(DiagnosticCode::Type, arm.value->location,
                  "a union collects dates, numbers or text, not " + describe(value), arm.value->length);
        } else if (element != TypeKind::Error && element != value.kind) {
            error(DiagnosticCode::Type, arm.value->location,
                  "every part of a union must give the same kind of value: " + describe(element) + " vs " +
                      describe(value),
                  arm.value->length);
        } else {
            element = value.kind;
        }
    }
    return remember(expr, element == TypeKind::Error ? Type::of(TypeKind::Error) : Type::values(element));
}

void Resolver::resolve_in_list(const ast::Expr* expr, const Type& left) {
    for (const auto& literal : expr->list) {
        const Type type = literal_type(literal);
        if (!comparable(left, type))
            error(DiagnosticCode::Type, literal.location,
                  "cannot compare " + describe(left) + " with " + describe(type));
        else
            check_enum_literal(left, literal);
    }
}

Type Resolver::resolve_in_set(const ast::Expr* expr) {
    const Type left = resolve(expr->children[0].get());
    const std::string& name = expr->path[0];
    const SourceLocation& at = expr->path_locations[0];
    const int length = static_cast<int>(name.size());
    used_names_.insert(name);
    const std::vector<ast::Literal>* values = nullptr;
    PathBinding binding{PathBinding::Kind::Param, {}, {}, {}, name};
    const ast::Definition* definition = find_definition(name);
    if (params_.count(name)) {
        const ParamValue* param = bound_.param(name);
        if (params_.at(name).kind != TypeKind::Values || !param) {
            error(DiagnosticCode::Type, at,
                  "parameter '" + name + "' is one value; compare with it (x = " + name +
                      "), or give it a list: param " + name + " = (...)",
                  length);
            return remember(expr, Type::of(TypeKind::Error));
        }
        values = &param->list;
    } else if (definition && definition->kind == ast::Definition::Kind::Set) {
        values = &definition->values;
        binding.kind = PathBinding::Kind::Definition;
        binding.definition = definition;
    } else if (definition) {
        error(DiagnosticCode::Type, at,
              "'" + name + "' is " +
                  (definition->kind == ast::Definition::Kind::Constant ? std::string("one value")
                                                                       : "a condition on a row") +
                  " (" + where_defined(*definition) + "), not a set of values",
              length);
        return remember(expr, Type::of(TypeKind::Error));
    } else {
        std::vector<std::string> candidates;
        for (const auto& [param, type] : params_)
            if (type.kind == TypeKind::Values) candidates.push_back(param);
        if (definitions_)
            for (const auto& [defined, d] : definitions_->names)
                if (d->kind == ast::Definition::Kind::Set) candidates.push_back(defined);
        std::string message = "'" + name + "' is neither a set defined with `define` nor a list parameter";
        const std::string match = closest_match(name, candidates);
        if (!match.empty()) message += "; did you mean '" + match + "'?";
        error(DiagnosticCode::UnknownName, at, message, length).replacement = match;
        return remember(expr, Type::of(TypeKind::Error));
    }
    for (const auto& literal : *values) {
        const Type type = literal_type(literal);
        if (!comparable(left, type)) {
            error(DiagnosticCode::Type, at,
                  "cannot compare " + describe(left) + " with " + describe(type) + " (the values of '" + name + "')",
                  length);
            return remember(expr, Type::of(TypeKind::Error));
        }
        check_enum_literal(left, literal);
    }
    return remember(expr, Type::of(TypeKind::Bool), binding);
}

bool Resolver::resolve_condition_body(const ast::Definition& definition, bool report) {
    if (std::find(resolving_.begin(), resolving_.end(), &definition) != resolving_.end()) {
        cycle_.clear();
        bool in_cycle = false;
        for (const auto* d : resolving_) {
            in_cycle = in_cycle || d == &definition;
            if (in_cycle) cycle_ += d->name + " -> ";
        }
        cycle_ += definition.name;
        return false;
    }
    if (!report && bound_.definitions && bound_.definitions->with_errors.count(&definition)) return false;
    auto saved_scope = std::move(scope_);
    auto saved_lets = std::move(lets_);
    auto saved_params = std::move(params_);
    const DefinitionScope* saved_definitions = definitions_;
    DiagnosticBag* saved_diagnostics = diagnostics_;
    DiagnosticBag scratch;
    scope_.clear();
    lets_.clear();
    params_.clear();
    if (bound_.definitions) {
        const auto home = bound_.definitions->home.find(&definition);
        if (home != bound_.definitions->home.end()) definitions_ = home->second;
    }
    if (!report) diagnostics_ = &scratch;
    resolving_.push_back(&definition);
    scope_.push_back(Variable{definition.variable, Type::row(definition.table), false});
    expect(definition.condition.get(), TypeKind::Bool, "the condition of a definition");
    resolving_.pop_back();
    scope_ = std::move(saved_scope);
    lets_ = std::move(saved_lets);
    params_ = std::move(saved_params);
    definitions_ = saved_definitions;
    diagnostics_ = saved_diagnostics;
    return !scratch.has_errors();
}

Type Resolver::resolve_is_defined(const ast::Expr* expr) {
    const ast::Expr* row = expr->children[0].get();
    const Type type = resolve(row);
    const std::string& name = expr->path[0];
    const SourceLocation& at = expr->path_locations[0];
    const int length = static_cast<int>(name.size());
    const ast::Definition* definition = find_definition(name);
    if (!definition || definition->kind != ast::Definition::Kind::Condition) {
        std::string message;
        if (definition) {
            message =
                "'" + name + "' is " +
                (definition->kind == ast::Definition::Kind::Constant ? std::string("one value") : "a set of values") +
                " (" + where_defined(*definition) + "), not a condition on a row";
        } else {
            std::vector<std::string> candidates;
            if (definitions_)
                for (const auto& [defined, d] : definitions_->names)
                    if (d->kind == ast::Definition::Kind::Condition) candidates.push_back(defined);
            message = "there is no condition '" + name +
                      "' here: 'is' takes known, missing or a condition defined with `define ... for x in ...`";
            const std::string match = closest_match(name, candidates);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
        }
        error(definition ? DiagnosticCode::Type : DiagnosticCode::UnknownName, at, message, length);
        return remember(expr, Type::of(TypeKind::Error));
    }
    if (type.is_error()) return remember(expr, Type::of(TypeKind::Error));
    if (type.kind != TypeKind::Row || type.table != definition->table) {
        error(DiagnosticCode::Type, row->location,
              "'" + name + "' is a condition on a row of " + definition->table + "; this is " + describe(type),
              row->length);
        return remember(expr, Type::of(TypeKind::Error));
    }
    cycle_.clear();
    if (!resolve_condition_body(*definition, false)) {
        error(cycle_.empty() ? DiagnosticCode::Type : DiagnosticCode::Cycle, at,
              cycle_.empty() ? "condition '" + name + "' (" + where_defined(*definition) +
                                   ") has errors; they are reported where it is defined"
                             : "condition '" + name + "' is part of a cycle of definitions: " + cycle_,
              length);
        return remember(expr, Type::of(TypeKind::Error));
    }
    PathBinding binding{PathBinding::Kind::Definition, {}, {}, {}, name};
    binding.definition = definition;
    return remember(expr, Type::of(TypeKind::Bool), binding);
}

void Resolver::resolve_definition(const ast::Definition& definition) {
    if (!catalog_.find_table(definition.table)) {
        std::string message = "there is no table '" + definition.table + "'";
        const std::string match = closest_match(definition.table, catalog_.table_names());
        if (!match.empty()) message += "; did you mean '" + match + "'?";
        error(DiagnosticCode::UnknownTable, definition.table_location, message,
              static_cast<int>(definition.table.size()))
            .replacement = match;
        return;
    }
    resolve_condition_body(definition, true);
}

Type Resolver::resolve_binary(const ast::Expr* expr) {
    using Op = ast::BinaryOp;
    const Op op = expr->binary_op;
    const std::string op_text(ast::binary_op_text(op));
    const Type left = resolve(expr->children[0].get());
    const Type right = resolve(expr->children[1].get());
    if (left.is_error() || right.is_error()) return remember(expr, Type::of(TypeKind::Error));
    auto type_error = [&](const std::string& message) {
        error(DiagnosticCode::Type, expr->location, message, static_cast<int>(op_text.size()));
        return remember(expr, Type::of(TypeKind::Error));
    };
    if (ast::is_logical(op)) {
        // The caret goes under the side that is not a condition.
        for (size_t side = 0; side < 2; ++side) {
            const Type& type = side == 0 ? left : right;
            if (type.kind == TypeKind::Bool) continue;
            const ast::Expr& operand = *expr->children[side];
            error(DiagnosticCode::Type, operand.location,
                  "'" + op_text + "' joins conditions; its " + (side == 0 ? "left" : "right") + " side is " +
                      describe(type) + ", not a condition",
                  operand.length);
            return remember(expr, Type::of(TypeKind::Error));
        }
        return remember(expr, Type::of(TypeKind::Bool));
    }
    if (ast::is_comparison(op)) {
        if (!comparable(left, right))
            return type_error("cannot compare " + describe(left) + " with " + describe(right));
        if (left.kind == TypeKind::Bool && op != Op::Equal && op != Op::NotEqual)
            return type_error("conditions can only be compared with = or !=");
        if (expr->children[1]->kind == ast::ExprKind::Literal) check_enum_literal(left, expr->children[1]->literal);
        if (expr->children[0]->kind == ast::ExprKind::Literal) check_enum_literal(right, expr->children[0]->literal);
        return remember(expr, Type::of(TypeKind::Bool));
    }
    if (op == Op::Add || op == Op::Subtract) {
        if (left.kind == TypeKind::Date && right.is_duration()) return remember(expr, Type::of(TypeKind::Date));
        if (op == Op::Add && left.is_duration() && right.kind == TypeKind::Date)
            return remember(expr, Type::of(TypeKind::Date));
        if (op == Op::Subtract && left.kind == TypeKind::Date && right.kind == TypeKind::Date)
            return remember(expr, Type::of(TypeKind::Int));  // days between
        if (left.is_numeric() && right.is_numeric())
            return remember(expr,
                            Type::of(left.kind == TypeKind::Number || right.kind == TypeKind::Number ? TypeKind::Number
                                                                                                     : TypeKind::Int));
        if (left.is_duration() || right.is_duration())
            return type_error(describe(left.is_duration() ? left : right) +
                              " can only be added to or subtracted from a date, not " +
                              describe(left.is_duration() ? right : left));
        return type_error("cannot " + std::string(op == Op::Add ? "add " : "subtract ") + describe(right) +
                          (op == Op::Add ? " to " : " from ") + describe(left));
    }
    if (op == Op::Multiply || op == Op::Divide) {
        if (!left.is_numeric() || !right.is_numeric())
            return type_error("'" + op_text + "' needs numbers on both sides, not " + describe(left) + " and " +
                              describe(right));
        return remember(expr,
                        Type::of(op == Op::Divide || left.kind == TypeKind::Number || right.kind == TypeKind::Number
                                     ? TypeKind::Number
                                     : TypeKind::Int));
    }
    return type_error("unknown operator '" + op_text + "'");
}

Type Resolver::resolve(const ast::Expr* expr) {
    switch (expr->kind) {
        case ast::ExprKind::Literal:
            return remember(expr, literal_type(expr->literal));
        case ast::ExprKind::AsOf:
            return remember(expr, Type::of(TypeKind::Date));
        case ast::ExprKind::Path:
            return resolve_path(expr);
        case ast::ExprKind::Negate: {
            const Type operand = resolve(expr->children[0].get());
            if (!operand.is_error() && !operand.is_numeric()) {
                error(DiagnosticCode::Type, expr->location, "'-' negates numbers, not " + describe(operand), 1);
                return remember(expr, Type::of(TypeKind::Error));
            }
            return remember(expr, operand);
        }
        case ast::ExprKind::Not:
            expect(expr->children[0].get(), TypeKind::Bool, "the operand of 'not'");
            return remember(expr, Type::of(TypeKind::Bool));
        case ast::ExprKind::Binary:
            return resolve_binary(expr);
        case ast::ExprKind::IsKnown:
        case ast::ExprKind::IsMissing: {
            const Type operand = resolve(expr->children[0].get());
            if (!operand.is_error() && !operand.is_scalar())
                error(DiagnosticCode::Type, expr->location,
                      "'is known' / 'is missing' test a value, not " + describe(operand), expr->length);
            return remember(expr, Type::of(TypeKind::Bool));
        }
        case ast::ExprKind::HasField: {
            // Only a JSON column holds fields; the key becomes a bound JSON path `$."key"`, so
            // characters that path syntax cannot quote are refused here rather than mis-read.
            const Type operand = resolve(expr->children[0].get());
            if (!operand.is_error() && (!operand.column || operand.column->type != schema::ColumnType::Json))
                error(DiagnosticCode::Type, expr->location,
                      "'has' tests a field of a JSON column such as f.content, not " + describe(operand), expr->length);
            const std::string& key = expr->literal.text;
            const bool bad_key =
                key.empty() || key.find_first_of("\"\\") != std::string::npos ||
                std::any_of(key.begin(), key.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
            if (bad_key)
                error(
                    DiagnosticCode::Type, expr->literal.location,
                    "a field name after 'has' must be non-empty text without quotes, backslashes or control characters",
                    expr->literal.length);
            return remember(expr, Type::of(TypeKind::Bool));
        }
        case ast::ExprKind::TextMatch: {
            // Both sides are text; the pattern of `matches` is checked with the other values
            // (check_values), once --param values are in.
            const std::string op(ast::text_op_text(expr->text_op));
            for (size_t side = 0; side < 2; ++side) {
                const ast::Expr& operand = *expr->children[side];
                const Type type = resolve(&operand);
                if (type.is_error() || type.kind == TypeKind::Text) continue;
                error(DiagnosticCode::Type, operand.location,
                      "'" + op + "' " + (side == 0 ? "searches text" : "searches for text") + ", and this is " +
                          describe(type) + (side == 0 ? "" : "; write the text in quotes: \"...\""),
                      operand.length);
            }
            return remember(expr, Type::of(TypeKind::Bool));
        }
        case ast::ExprKind::InSet:
            return resolve_in_set(expr);
        case ast::ExprKind::IsDefined:
            return resolve_is_defined(expr);
        case ast::ExprKind::InList: {
            const Type left = resolve(expr->children[0].get());
            resolve_in_list(expr, left);
            return remember(expr, Type::of(TypeKind::Bool));
        }
        case ast::ExprKind::Between: {
            const Type value = resolve(expr->children[0].get());
            for (size_t i = 1; i < 3; ++i) {
                const Type bound = resolve(expr->children[i].get());
                if (!comparable(value, bound))
                    error(DiagnosticCode::Type, expr->children[i]->location,
                          "cannot compare " + describe(value) + " with " + describe(bound), expr->children[i]->length);
            }
            return remember(expr, Type::of(TypeKind::Bool));
        }
        case ast::ExprKind::Aggregate:
            return resolve_aggregate(expr);
        case ast::ExprKind::Union:
            error(DiagnosticCode::Type, expr->location,
                  "union(...) makes a set of values: bind it with 'let' and iterate over it", 5);
            resolve_union(expr);
            return remember(expr, Type::of(TypeKind::Error));
        case ast::ExprKind::Coalesce: {
            Type result = Type::of(TypeKind::Error);
            for (const auto& child : expr->children) {
                const Type type = resolve(child.get());
                if (type.is_error()) continue;
                if (!result.is_error() && !comparable(result, type))
                    error(DiagnosticCode::Type, child->location,
                          "coalesce(...) needs values of one kind: " + describe(result) + " vs " + describe(type),
                          child->length);
                else if (result.is_error() || type.kind == TypeKind::Number)
                    result = Type::of(type.kind);
            }
            return remember(expr, result);
        }
    }
    return remember(expr, Type::of(TypeKind::Error));
}

void Resolver::resolve_requirement(const ast::Requirement& requirement, bool periodic) {
    Variable variable;
    if (!bind_source(requirement.records, variable)) return;
    declare(requirement.records.variable, requirement.records.variable_location, variable);
    if (requirement.records.where) expect(requirement.records.where.get(), TypeKind::Bool, "a 'where' filter");
    expect(requirement.dated.get(), TypeKind::Date, "the date after 'dated'");
    scope_.pop_back();
    (void)periodic;
}

void Resolver::run() {
    const ast::Rule& rule = *bound_.rule;
    for (const auto& param : rule.params) {
        if (params_.count(param.name))
            error(DiagnosticCode::DuplicateName, param.location, "parameter '" + param.name + "' is defined twice",
                  static_cast<int>(param.name.size()));
        check_not_a_definition(param.name, param.location);
        params_[param.name] = literal_type(param.default_value);
        if (!param.is_list) continue;
        for (const auto& value : param.list)
            if (literal_type(value).kind != params_[param.name].kind)
                error(DiagnosticCode::Type, value.location,
                      "a list holds values of one kind: " + describe(params_[param.name]) + " vs " +
                          describe(literal_type(value)),
                      value.length);
        params_[param.name] = Type::values(params_[param.name].kind);
    }
    if (!rule.subject) return;  // reported by the metadata pass
    const ast::Subject& subject = *rule.subject;
    if (!catalog_.find_table(subject.table)) {
        std::string message = "there is no table '" + subject.table + "'";
        const std::string match = closest_match(subject.table, catalog_.table_names());
        if (!match.empty()) message += "; did you mean '" + match + "'?";
        error(DiagnosticCode::UnknownTable, subject.table_location, message, static_cast<int>(subject.table.size()))
            .replacement = match;
        return;
    }
    bound_.subject_table = subject.table;
    declare(subject.variable, subject.location, Variable{subject.variable, Type::row(subject.table), false});
    used_names_.insert(subject.variable);
    if (subject.where) expect(subject.where.get(), TypeKind::Bool, "the subject filter after 'where'");
    if (!rule.group_by.empty()) {
        // The keys are values of the subject row; after them the row itself is gone: the rule
        // sees the keys, and `group`, the rows of the group.
        std::vector<Variable> keys;
        for (const auto& key : rule.group_by) {
            Type type = resolve(key.value.get());
            if (!type.is_error() && (!type.is_scalar() || type.is_duration() || type.kind == TypeKind::Bool)) {
                error(DiagnosticCode::Type, key.value->location,
                      "a group key is a text, number or date of the row, not " + describe(type), key.value->length);
                type = Type::of(TypeKind::Error);
            }
            keys.push_back(Variable{key.name, type, false});
        }
        scope_.pop_back();
        for (size_t i = 0; i < keys.size(); ++i) {
            if (rule.group_by[i].name == "group")
                error(DiagnosticCode::DuplicateName, rule.group_by[i].location,
                      "'group' names the rows of the group; give the key another name", 5);
            declare(rule.group_by[i].name, rule.group_by[i].location, keys[i]);
        }
        grouped_ = true;
        if (!rule.condition)
            error(DiagnosticCode::Type, rule.group_location,
                  "'group by' judges groups with 'signal when' or 'violation when'; a deadline or periodic "
                  "obligation is judged per row",
                  5);
        for (const auto& let : rule.lets)
            if (let.value->kind == ast::ExprKind::Union)
                error(DiagnosticCode::Type, let.value->location,
                      "a union of values is not available in a rule with 'group by'; take the values from "
                      "`group` in the aggregate itself",
                      5);
    }

    for (const auto& let : rule.lets) {
        Type type = let.value->kind == ast::ExprKind::Union ? resolve_union(let.value.get()) : resolve(let.value.get());
        check_not_a_definition(let.name, let.location);
        if (find_variable(let.name) || lets_.count(let.name) || params_.count(let.name))
            error(DiagnosticCode::DuplicateName, let.location, "'" + let.name + "' is already defined in this rule",
                  static_cast<int>(let.name.size()));
        lets_[let.name] = type;
    }

    if (rule.deadline) {
        const ast::Deadline& deadline = *rule.deadline;
        expect(deadline.after.get(), TypeKind::Date, "the trigger date after 'after'");
        expect_duration(deadline.within.get(), "the period after 'within'", true);
        if (deadline.require) resolve_requirement(*deadline.require, false);
        expect(deadline.extend_to.get(), TypeKind::Date, "the date after 'extend to'");
        expect(deadline.unless.get(), TypeKind::Bool, "the condition after 'unless'");
    }
    if (rule.periodic) {
        const ast::Periodic& periodic = *rule.periodic;
        expect(periodic.start.get(), TypeKind::Date, "the start date after 'start'");
        expect(periodic.until.get(), TypeKind::Date, "the end date after 'until'");
        expect_duration(periodic.every.get(), "the period after 'every'", false);
        expect_duration(periodic.within.get(), "the grace after 'within'", true);
        scope_.push_back(Variable{"period", Type::of(TypeKind::Error), true});
        if (periodic.require) resolve_requirement(*periodic.require, true);
        scope_.pop_back();
    }
    if (rule.condition) {
        expect(rule.condition->when.get(), TypeKind::Bool, "the condition after 'when'");
        expect(rule.condition->dated.get(), TypeKind::Date, "the date of the act after 'dated'");
    }
    if (rule.unless) {
        expect(rule.unless.get(), TypeKind::Bool, "the condition after 'unless'");
        if (rule.deadline && rule.deadline->unless)
            error(DiagnosticCode::DuplicateClause, rule.unless_location,
                  "this rule's deadline already has an 'unless' (line " +
                      std::to_string(rule.deadline->unless->location.line) + "); keep one",
                  6);
    }
    // Message placeholders see the subject, the lets and the parameters.
    for (const auto& placeholder : bound_.synthesized) {
        const Type type = resolve(placeholder.get());
        if (!type.is_error() && !type.is_scalar())
            error(DiagnosticCode::BadPlaceholder, placeholder->location,
                  "{" + placeholder->path.front() + "...} is " + describe(type) + "; a message can show a single value",
                  placeholder->length);
    }

    // A rule with errors may use a name where the error is; unused-name warnings would be noise.
    if (diagnostics_->has_errors()) return;
    for (const auto& param : rule.params)
        if (!used_names_.count(param.name))
            diagnostics_->warning(DiagnosticCode::UnusedParam, param.location,
                                  "parameter '" + param.name + "' is never used", static_cast<int>(param.name.size()));
    for (const auto& let : rule.lets)
        if (!used_names_.count(let.name))
            diagnostics_->warning(DiagnosticCode::UnusedLet, let.location,
                                  "'" + let.name + "' is never used (it still shows in the evidence)",
                                  static_cast<int>(let.name.size()));
}

void resolve_rule(BoundRule& bound, const schema::Catalog& catalog, DiagnosticBag& diagnostics) {
    Resolver(bound, catalog, diagnostics).run();
}

void resolve_definition(const ast::Definition& definition, const Definitions& definitions,
                        const schema::Catalog& catalog, DiagnosticBag& diagnostics) {
    BoundRule scratch;
    scratch.definitions = &definitions;
    const auto home = definitions.home.find(&definition);
    scratch.scope = home == definitions.home.end() ? nullptr : home->second;
    Resolver(scratch, catalog, diagnostics).resolve_definition(definition);
}

}  // namespace recallguard::checker
