// The checker's passes on small rule texts: the types it binds and the diagnostics each pass gives.
#include "checker/checker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>

#include "compiler/compile.h"
#include "parser/parse.h"
#include "schema/catalog.h"

namespace recallguard::checker {
namespace {

const std::string kPackage = "package test.checker {\n  title \"Checker tests\"\n  calendar CN\n}\n";

// A complete rule around `body`: metadata, the subject `for <subject>` and the body lines.
std::string rule_text(const std::string& subject, const std::string& body, const std::string& extra = "") {
    return kPackage + "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n  category reporting\n  severity high\n" +
           extra + "  for " + subject + "\n" + body + "\n}\n";
}

struct Checked {
    BoundProgram program;
    DiagnosticBag diagnostics;

    const BoundRule* rule() const { return program.rules.empty() ? nullptr : program.rules.front().get(); }
    bool has(const std::string& code) const {
        const auto& items = diagnostics.items();
        return std::any_of(items.begin(), items.end(), [&](const Diagnostic& d) { return d.code == code; });
    }
    const Diagnostic* first(const std::string& code) const {
        for (const auto& d : diagnostics.items())
            if (d.code == code) return &d;
        return nullptr;
    }
    std::string all() const {
        std::string out;
        for (const auto& d : diagnostics.sorted()) out += d.code + " " + d.message + "\n";
        return out;
    }
};

Checked check(const std::string& text) {
    Checked checked;
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    files.push_back(std::make_unique<ast::RuleFile>(parser::parse_rule_file("t.rules", text, checked.diagnostics)));
    CheckOptions options;
    options.calendars = {"CN", "US"};
    checked.program = check_program(std::move(files), schema::Catalog::case_data_v1(), options, checked.diagnostics);
    return checked;
}

// The type of the value of the rule's first `let`.
TypeKind let_type(const Checked& checked, size_t index = 0) {
    const BoundRule* rule = checked.rule();
    if (!rule) return TypeKind::Error;
    return rule->info(rule->rule->lets.at(index).value.get()).type.kind;
}

TEST(CheckerTypes, WorkingDaysAddedToADateIsADate) {
    const auto checked = check(rule_text("c in defect_cases",
                                         "  let due = c.concluded_on + 10 working days\n"
                                         "  violation when due < as_of"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    EXPECT_EQ(let_type(checked), TypeKind::Date);
    EXPECT_EQ(checked.rule()->calendar, "CN");  // working days need the package's calendar
}

TEST(CheckerTypes, CountIsAWholeNumberAndExistsACondition) {
    const auto checked = check(rule_text("c in defect_cases",
                                         "  let n = count(f in c.filings)\n"
                                         "  let any = exists(f in c.filings where f.kind = \"recall_plan\")\n"
                                         "  violation when n > 2 and any"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    EXPECT_EQ(let_type(checked, 0), TypeKind::Int);
    EXPECT_EQ(let_type(checked, 1), TypeKind::Bool);
}

TEST(CheckerTypes, NavigationThroughToOneRelationsResolvesToTheColumn) {
    const auto checked = check(rule_text("r in recalls",
                                         "  let market = r.case.product.market\n"
                                         "  violation when market = \"CN\""));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    const BoundRule& rule = *checked.rule();
    const ExprInfo& info = rule.info(rule.rule->lets[0].value.get());
    EXPECT_EQ(info.type.kind, TypeKind::Text);
    ASSERT_TRUE(info.path.has_value());
    EXPECT_EQ(info.path->kind, PathBinding::Kind::Column);
    EXPECT_EQ(info.path->column, "market");
    ASSERT_EQ(info.path->steps.size(), 2u);
    EXPECT_EQ(info.path->steps[0].to_table, "defect_cases");
    EXPECT_EQ(info.path->steps[1].to_table, "products");
}

TEST(CheckerTypes, MultiStepSetsBindTheirToManyChain) {
    const auto checked =
        check(rule_text("d in design_changes", "  violation when no(r in d.product.defect_cases.recalls)"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    const BoundRule& rule = *checked.rule();
    const ast::Expr* aggregate = rule.rule->condition->when.get();
    const SourceBinding& source = rule.source(aggregate->comprehension.get());
    EXPECT_EQ(source.kind, SourceBinding::Kind::Related);
    EXPECT_EQ(source.to_one.size(), 1u);   // product
    EXPECT_EQ(source.to_many.size(), 2u);  // defect_cases, recalls
    EXPECT_EQ(source.table, "recalls");
}

TEST(CheckerTypes, AggregatesTakeTheTypeOfTheirValues) {
    const auto checked = check(rule_text("p in products",
                                         "  let first = earliest(s.sold_on for s in p.sales)\n"
                                         "  let units = sum(s.units for s in p.sales)\n"
                                         "  let ratio = units / p.units_sold\n"
                                         "  let days_between = as_of - first\n"
                                         "  violation when first is known and ratio > 0.5 and days_between > 3"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    EXPECT_EQ(let_type(checked, 0), TypeKind::Date);
    EXPECT_EQ(let_type(checked, 1), TypeKind::Int);
    EXPECT_EQ(let_type(checked, 2), TypeKind::Number);
    EXPECT_EQ(let_type(checked, 3), TypeKind::Int);
}

TEST(CheckerTypes, UnionMakesASetOfValuesToIterate) {
    const auto checked = check(
        rule_text("p in products",
                  "  let events = union(i.occurred_on for i in p.incidents, k.received_on for k in p.complaints)\n"
                  "  let first = earliest(t in events where t > 2024-01-01)\n"
                  "  signal when first is known"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    const BoundRule& rule = *checked.rule();
    const Type& events = rule.info(rule.rule->lets[0].value.get()).type;
    EXPECT_EQ(events.kind, TypeKind::Values);
    EXPECT_EQ(events.element, TypeKind::Date);
    EXPECT_EQ(let_type(checked, 1), TypeKind::Date);
}

TEST(CheckerTypes, BetweenTakesArithmeticBoundsSoAFollowingAndJoinsConditions) {
    const auto checked = check(rule_text("d in design_changes",
                                         "  where d.effective_on between 2024-01-01 and 2024-12-31 + 10 days and "
                                         "d.safety_related = 1\n  signal when d.kind = \"design_change\""));
    EXPECT_FALSE(checked.diagnostics.has_errors()) << checked.all();
    ASSERT_NE(checked.rule(), nullptr);
    const ast::Expr* where = checked.rule()->rule->subject->where.get();
    EXPECT_EQ(where->binary_op, ast::BinaryOp::And);
    EXPECT_EQ(where->children[0]->kind, ast::ExprKind::Between);
}

TEST(CheckerTypes, ParametersHaveTheirDefaultsType) {
    const auto checked = check(
        rule_text("c in defect_cases", "  violation when c.opened_on + window < as_of", "  param window = 3 months\n"));
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    const BoundRule& rule = *checked.rule();
    const ast::Expr* sum = rule.rule->condition->when->children[0].get();
    EXPECT_EQ(rule.info(sum->children[1].get()).type.kind, TypeKind::Months);
    EXPECT_EQ(rule.info(sum).type.kind, TypeKind::Date);
    EXPECT_TRUE(rule.calendar.empty());  // no working days, so no calendar is needed
}

TEST(CheckerResolve, ADateComparedWithANumberIsATypeError) {
    const auto checked = check(rule_text("c in defect_cases", "  violation when c.opened_on > 30"));
    const Diagnostic* d = checked.first("E-TYPE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("cannot compare a date with a whole number"), std::string::npos) << d->message;
    EXPECT_EQ(checked.rule(), nullptr);  // a rule with errors is not bound
}

TEST(CheckerResolve, WorkingDaysAddedToANumberIsATypeError) {
    const auto checked = check(rule_text("r in recalls", "  violation when r.units_affected + 10 working days > 3"));
    const Diagnostic* d = checked.first("E-TYPE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("working days can only be added to or subtracted from a date"), std::string::npos)
        << d->message;
}

TEST(CheckerResolve, SumOfDatesIsATypeError) {
    const auto checked = check(rule_text("p in products", "  violation when sum(s.sold_on for s in p.sales) > 0"));
    const Diagnostic* d = checked.first("E-TYPE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("sum(...) adds numbers, not a date"), std::string::npos) << d->message;
}

TEST(CheckerResolve, AToManyRelationUsedAsAValueIsATypeError) {
    const auto checked = check(rule_text("c in defect_cases", "  violation when c.filings = 3"));
    const Diagnostic* d = checked.first("E-TYPE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("set of rows of filings"), std::string::npos) << d->message;
}

TEST(CheckerResolve, MisspeltColumnSuggestsTheClosestName) {
    const auto checked = check(rule_text("c in defect_cases", "  violation when c.conclusoin = \"defect\""));
    const Diagnostic* d = checked.first("E-UNKNOWN-COLUMN");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("did you mean 'conclusion'?"), std::string::npos) << d->message;
    EXPECT_EQ(d->location.line, 11);
    EXPECT_EQ(d->location.column, 20);  // under `conclusoin`, not under `c`
}

TEST(CheckerResolve, UnknownTableRelationAndNameEachHaveTheirCode) {
    EXPECT_TRUE(check(rule_text("c in defect_case", "  violation when c.opened_on < as_of")).has("E-UNKNOWN-TABLE"));
    EXPECT_TRUE(
        check(rule_text("c in defect_cases", "  violation when count(f in c.filing) = 0")).has("E-UNKNOWN-RELATION"));
    EXPECT_TRUE(check(rule_text("c in defect_cases", "  violation when nothing > 0")).has("E-UNKNOWN-NAME"));
}

// A rule that can never hold would report "no finding" for every subject: an error, not a warning.
TEST(CheckerResolve, ImpossibleEnumValueIsAnErrorWithTheClosestValue) {
    const auto checked = check(rule_text("c in defect_cases", "  violation when c.conclusion = \"defects\""));
    const Diagnostic* d = checked.first("E-IMPOSSIBLE-VALUE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_EQ(d->severity, Severity::Error);
    EXPECT_NE(d->message.find("(one of: defect, no_defect)"), std::string::npos) << d->message;
    EXPECT_NE(d->message.find("did you mean \"defect\"?"), std::string::npos) << d->message;
    EXPECT_TRUE(checked.diagnostics.has_errors());
}

TEST(CheckerResolve, UnusedParamAndLetWarn) {
    const auto checked = check(rule_text("c in defect_cases",
                                         "  let n = count(f in c.filings)\n"
                                         "  violation when c.concluded_on is missing",
                                         "  param limit = 3\n"));
    EXPECT_TRUE(checked.has("W-UNUSED-PARAM")) << checked.all();
    EXPECT_TRUE(checked.has("W-UNUSED-LET")) << checked.all();
    EXPECT_FALSE(checked.diagnostics.has_errors()) << checked.all();
}

TEST(CheckerResolve, ANameDefinedTwiceIsAnError) {
    const auto checked = check(rule_text("c in defect_cases", "  let c = 3\n  violation when c > 2"));
    EXPECT_TRUE(checked.has("E-DUPLICATE-NAME")) << checked.all();
}

TEST(CheckerResolve, PeriodFieldsExistOnlyAsStartEndAndNumber) {
    const std::string body =
        "  periodic {\n    start r.started_on\n    every 3 months\n    within 10 working days\n"
        "    require f in r.case.filings where f.period_end <= period.%s dated f.filed_on\n  }";
    std::string good = body, bad = body;
    good.replace(good.find("%s"), 2, "end");
    bad.replace(bad.find("%s"), 2, "stop");
    EXPECT_FALSE(check(rule_text("r in recalls", good)).diagnostics.has_errors());
    const auto checked = check(rule_text("r in recalls", bad));
    const Diagnostic* d = checked.first("E-UNKNOWN-NAME");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("period.start, period.end and period.number"), std::string::npos);
}

TEST(CheckerMetadata, CategorySeverityAndCalendarAreCheckedAgainstTheirLists) {
    const std::string text = kPackage +
                             "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n  category reportng\n  severity severe\n"
                             "  calendar UK\n  for c in defect_cases\n  violation when c.concluded_on is missing\n}\n";
    const auto checked = check(text);
    ASSERT_NE(checked.first("E-BAD-CATEGORY"), nullptr) << checked.all();
    EXPECT_NE(checked.first("E-BAD-CATEGORY")->message.find("did you mean 'reporting'?"), std::string::npos);
    EXPECT_TRUE(checked.has("E-BAD-SEVERITY"));
    EXPECT_TRUE(checked.has("E-UNKNOWN-CALENDAR"));
}

TEST(CheckerMetadata, MissingClausesAndTriggersAreReported) {
    const auto checked = check(kPackage + "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n}\n" +
                               "rule T-TWO {\n  title \"T\"\n  cite \"Art. 2\"\n  category reporting\n  severity low\n"
                               "  for c in defect_cases\n  deadline {\n    within 2 days\n"
                               "    require f in c.filings dated f.filed_on\n  }\n}\n");
    size_t missing = 0;
    for (const auto& d : checked.diagnostics.items()) missing += d.code == "E-MISSING-CLAUSE";
    EXPECT_EQ(missing, 4u) << checked.all();  // category, severity, subject, body of T-ONE
    EXPECT_TRUE(checked.has("E-MISSING-TRIGGER"));
}

TEST(CheckerMetadata, RuleVersionsMustNotOverlap) {
    const std::string version =
        "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n  category reporting\n  severity low\n  effective %s\n"
        "  for c in defect_cases\n  violation when c.concluded_on is missing\n    dated c.opened_on\n}\n";
    auto with = [&](const std::string& period) {
        std::string text = version;
        return text.replace(text.find("%s"), 2, period);
    };
    const auto apart = check(kPackage + with("from 2020-01-01 until 2024-01-01") + with("from 2024-01-01"));
    EXPECT_FALSE(apart.diagnostics.has_errors()) << apart.all();
    EXPECT_EQ(apart.program.rules.size(), 2u);
    const auto overlapping = check(kPackage + with("from 2020-01-01 until 2024-06-01") + with("from 2024-01-01"));
    EXPECT_TRUE(overlapping.has("E-OVERLAPPING-VERSIONS")) << overlapping.all();
    const std::string unversioned =
        "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n  category reporting\n  severity low\n"
        "  for c in defect_cases\n  violation when c.concluded_on is missing\n}\n";
    EXPECT_TRUE(check(kPackage + unversioned + unversioned).has("E-DUPLICATE-RULE"));
}

TEST(CheckerMetadata, WorkingDaysWithoutACalendarAreAnError) {
    const std::string text =
        "package p {\n  title \"No calendar\"\n}\n" +
        rule_text("c in defect_cases", "  violation when c.opened_on + 5 working days < as_of").substr(kPackage.size());
    const auto checked = check(text);
    const Diagnostic* d = checked.first("E-UNKNOWN-CALENDAR");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("counts working days"), std::string::npos);
}

TEST(CheckerMessage, PlaceholdersAreBoundOrRejected) {
    const auto good =
        check(rule_text("c in defect_cases",
                        "  deadline {\n    after c.concluded_on\n    within 10 days\n"
                        "    require f in c.filings dated f.filed_on\n  }\n"
                        "  message \"Case {c.case_id} of {c.product.model} due {due}, {days_late} late\""));
    ASSERT_NE(good.rule(), nullptr) << good.all();
    const auto& message = good.rule()->message;
    ASSERT_EQ(message.size(), 4u);
    EXPECT_EQ(message[0].kind, Placeholder::Kind::Expr);
    EXPECT_EQ(good.rule()->info(message[1].expr).type.kind, TypeKind::Text);
    EXPECT_EQ(message[2].kind, Placeholder::Kind::Due);
    EXPECT_EQ(message[3].kind, Placeholder::Kind::DaysLate);

    const auto bad = check(rule_text("c in defect_cases",
                                     "  violation when c.concluded_on is missing\n"
                                     "  message \"{due} {c.filings} {two words}\""));
    size_t count = 0;
    for (const auto& d : bad.diagnostics.items()) count += d.code == "E-BAD-PLACEHOLDER";
    EXPECT_EQ(count, 2u) << bad.all();            // {due} outside a deadline, {two words}
    EXPECT_TRUE(bad.has("E-TYPE")) << bad.all();  // {c.filings} is a set of rows, not a value
}

TEST(CheckerParams, OverridesAreParsedInTheParametersType) {
    Checked checked;
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    files.push_back(std::make_unique<ast::RuleFile>(parser::parse_rule_file(
        "t.rules",
        rule_text("c in defect_cases", "  violation when c.opened_on + window < as_of", "  param window = 30 days\n"),
        checked.diagnostics)));
    CheckOptions options;
    options.param_overrides = {{"T-ONE.window", "45 days"}};
    checked.program = check_program(std::move(files), schema::Catalog::case_data_v1(), options, checked.diagnostics);
    ASSERT_NE(checked.rule(), nullptr) << checked.all();
    EXPECT_EQ(checked.rule()->param("window")->value.integer, 45);
    EXPECT_TRUE(checked.rule()->param("window")->overridden);

    // A misspelt rule or parameter and a value of the wrong type are each reported.
    for (const auto& [key, value, code, fragment] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"T-ONEE.window", "45 days", "E-UNKNOWN-PARAM", "did you mean 'T-ONE'?"},
             {"T-ONE.windw", "45 days", "E-UNKNOWN-PARAM", "did you mean 'window'?"},
             {"T-ONE.window", "soon", "E-PARAM-VALUE", "not a whole number"},
             {"T-ONE.window", "2 months", "E-PARAM-VALUE", "unit"}}) {
        Checked bad;
        std::vector<std::unique_ptr<ast::RuleFile>> bad_files;
        bad_files.push_back(std::make_unique<ast::RuleFile>(
            parser::parse_rule_file("t.rules",
                                    rule_text("c in defect_cases", "  violation when c.opened_on + window < as_of",
                                              "  param window = 30 days\n"),
                                    bad.diagnostics)));
        CheckOptions bad_options;
        bad_options.param_overrides = {{key, value}};
        bad.program =
            check_program(std::move(bad_files), schema::Catalog::case_data_v1(), bad_options, bad.diagnostics);
        const Diagnostic* d = bad.first(code);
        ASSERT_NE(d, nullptr) << key << "=" << value << "\n" << bad.all();
        EXPECT_NE(d->message.find(fragment), std::string::npos) << d->message;
    }

    std::string error;
    ast::Literal days;
    days.kind = ast::Literal::Kind::Days;
    EXPECT_FALSE(parse_param_value("3 months", days, error).has_value());
    EXPECT_NE(error.find("unit"), std::string::npos);
}

TEST(CheckerParams, AUnitMismatchNamesTheExpectedUnitInAWholeSentence) {
    std::string error;
    ast::Literal months;
    months.kind = ast::Literal::Kind::Months;
    EXPECT_FALSE(parse_param_value("12 weeks", months, error).has_value());
    EXPECT_EQ(error, "the unit 'weeks' does not match the parameter's unit, months (write `12 months` or just `12`)");
}

// strtod reads these; a NaN compares false with everything and would switch the rule off.
TEST(CheckerParams, ANumberParameterRefusesNanAndInfinities) {
    ast::Literal ratio;
    ratio.kind = ast::Literal::Kind::Decimal;
    for (const std::string text : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e999", "-1e999"}) {
        std::string error;
        EXPECT_FALSE(parse_param_value(text, ratio, error).has_value()) << text;
        EXPECT_NE(error.find("is not a finite number"), std::string::npos) << text << ": " << error;
    }
    std::string error;
    const auto half = parse_param_value("0.5", ratio, error);
    ASSERT_TRUE(half.has_value()) << error;
    EXPECT_EQ(half->decimal, 0.5);
}

// --- What editors read: the suggested replacement, and rules kept though they have errors ------

TEST(CheckerSuggestions, EveryDidYouMeanCarriesTheReplacementForTheUnderlinedText) {
    struct Case {
        std::string subject, body, extra, code, replacement;
    };
    const std::vector<Case> cases{
        {"c in defect_cases", "  violation when c.product.markt = \"CN\"", "", "E-UNKNOWN-COLUMN", "market"},
        {"c in defect_cases", "  violation when c.conclusion = \"defekt\"", "", "E-IMPOSSIBLE-VALUE", "\"defect\""},
        {"c in defect_case", "  violation when c.opened_on < as_of", "", "E-UNKNOWN-TABLE", "defect_cases"},
        {"c in defect_cases", "  violation when count(f in c.filngs) = 0", "", "E-UNKNOWN-RELATION", "filings"},
        {"c in defect_cases", "  violation when cc.opened_on < as_of", "", "E-UNKNOWN-NAME", "c"},
        {"c in defect_cases", "  violation when count(x in defect_case) = 0", "", "E-UNKNOWN-TABLE", "defect_cases"},
        {"c in defect_cases", "  violation when c.opened_on < as_of", "  calendar cn\n", "E-UNKNOWN-CALENDAR", "CN"},
    };
    for (const auto& c : cases) {
        const auto checked = check(rule_text(c.subject, c.body, c.extra));
        const Diagnostic* found = checked.first(c.code);
        ASSERT_NE(found, nullptr) << c.body << "\n" << checked.all();
        EXPECT_EQ(found->replacement, c.replacement) << c.body;
        EXPECT_NE(found->message.find("did you mean"), std::string::npos) << found->message;
    }
    // No close name, no replacement.
    const auto far = check(rule_text("c in defect_cases", "  violation when c.zzzzzzzz = 1"));
    ASSERT_NE(far.first("E-UNKNOWN-COLUMN"), nullptr);
    EXPECT_EQ(far.first("E-UNKNOWN-COLUMN")->replacement, "");
}

TEST(CheckerSuggestions, ARuleWithErrorsIsKeptApartWithWhatWasBound) {
    const auto checked = check(
        rule_text("c in defect_cases", "  let concluded = c.concluded_on\n  violation when c.product.markt = \"CN\""));
    EXPECT_TRUE(checked.program.rules.empty());
    ASSERT_EQ(checked.program.rules_with_errors.size(), 1u);
    const BoundRule& rule = *checked.program.rules_with_errors.front();
    EXPECT_EQ(rule.subject_table, "defect_cases");
    EXPECT_EQ(rule.info(rule.rule->lets.at(0).value.get()).type.kind, TypeKind::Date);
}

// Lengths count characters: a caret under "缺陷" is 4 wide ("", 2 characters), not 8 (its bytes).
TEST(CheckerSuggestions, LengthsAndPlaceholderColumnsCountCharactersNotBytes) {
    const auto checked = check(rule_text("c in defect_cases",
                                         "  violation when c.conclusion = \"缺陷\"\n"
                                         "  message \"案件 {c.cse_id}\""));
    const Diagnostic* value = checked.first("E-IMPOSSIBLE-VALUE");
    ASSERT_NE(value, nullptr) << checked.all();
    EXPECT_EQ(value->length, 4);
    const Diagnostic* placeholder = checked.first("E-UNKNOWN-COLUMN");
    ASSERT_NE(placeholder, nullptr) << checked.all();
    EXPECT_EQ(placeholder->location.column, 18);  // `  message "案件 {c.` is 17 characters
}

// A value of the right type that the rule cannot use is a diagnostic of the checker, whether it
// is written in the rule or given with --param; the compiler never sees it.
TEST(CheckerValues, APeriodOfZeroIsRefusedWhereverItComesFrom) {
    const std::string periodic =
        "  periodic {\n    start r.started_on\n    every PERIOD\n    within 10 days\n"
        "    require p in r.recall_progress dated p.as_of\n  }";
    auto with_period = [&](const std::string& period) {
        std::string body = periodic;
        body.replace(body.find("PERIOD"), 6, period);
        return body;
    };
    const auto literal = check(rule_text("r in recalls", with_period("0 months")));
    const Diagnostic* d = literal.first("E-BAD-VALUE");
    ASSERT_NE(d, nullptr) << literal.all();
    EXPECT_NE(d->message.find("a period of 0 months never ends"), std::string::npos) << d->message;
    EXPECT_EQ(d->location.line, 13);

    const auto by_default = check(rule_text("r in recalls", with_period("n"), "  param n = 0 days\n"));
    ASSERT_TRUE(by_default.has("E-BAD-VALUE")) << by_default.all();

    Checked overridden;
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    files.push_back(std::make_unique<ast::RuleFile>(parser::parse_rule_file(
        "t.rules", rule_text("r in recalls", with_period("n"), "  param n = 3 months\n"), overridden.diagnostics)));
    CheckOptions options;
    options.calendars = {"CN"};
    options.param_overrides = {{"T-ONE.n", "0 months"}};
    overridden.program =
        check_program(std::move(files), schema::Catalog::case_data_v1(), options, overridden.diagnostics);
    d = overridden.first("E-PARAM-VALUE");
    ASSERT_NE(d, nullptr) << overridden.all();
    EXPECT_EQ(d->location.file, "--param T-ONE.n");
    EXPECT_NE(d->message.find("bad value for T-ONE.n: a period of 0 months never ends"), std::string::npos);
}

TEST(CheckerValues, DurationsLongerThanACenturyAreRefused) {
    const auto checked = check(rule_text("c in defect_cases", "  violation when c.opened_on + 40000 days < as_of"));
    const Diagnostic* d = checked.first("E-BAD-VALUE");
    ASSERT_NE(d, nullptr) << checked.all();
    EXPECT_NE(d->message.find("40000 days is longer than 100 years"), std::string::npos) << d->message;
    EXPECT_FALSE(check(rule_text("c in defect_cases", "  violation when c.opened_on + 36525 days < as_of"))
                     .diagnostics.has_errors());
}

TEST(CheckerValues, ADurationIsALiteralAParameterOrALetOfOne) {
    // A let of a duration is known when the rule is checked: it computes dates like the literal.
    const auto let = check(rule_text("c in defect_cases",
                                     "  let grace = window\n"
                                     "  violation when c.opened_on + grace < as_of",
                                     "  param window = 30 days\n"));
    ASSERT_NE(let.rule(), nullptr) << let.all();
    const ast::Expr* use = let.rule()->rule->condition->when->children[0]->children[1].get();
    const auto known = static_duration(*let.rule(), use);
    ASSERT_NE(known.value, nullptr);
    EXPECT_EQ(known.value->integer, 30);
    EXPECT_EQ(known.param, let.rule()->param("window"));
    // The compiler takes it (it stopped with an internal error when a let held the duration):
    // the date is shifted by the parameter's 30 days.
    const auto compiled = compiler::compile_rule(*let.rule(), schema::Catalog::case_data_v1(), {"2025-06-30"});
    EXPECT_NE(std::find(compiled.params.begin(), compiled.params.end(), sqldb::SqlValue(std::string("+30 days"))),
              compiled.params.end());
}

}  // namespace
}  // namespace recallguard::checker
