#include "common/diagnostic_codes.h"

#include <array>

namespace recallguard {
namespace {

using C = DiagnosticCode;
using D = CodeDomain;

constexpr std::array kCodes{
    DiagnosticCodeInfo{C::Parse, "E-PARSE", D::Rules,
                       "the text is not valid syntax here; the message says what was expected"},
    DiagnosticCodeInfo{C::DuplicateClause, "E-DUPLICATE-CLAUSE", D::Rules,
                       "a clause that may appear once appears twice, or a rule has two bodies"},
    DiagnosticCodeInfo{C::BadDate, "E-BAD-DATE", D::Rules, "a date literal is not a real calendar date (2024-02-30)"},
    DiagnosticCodeInfo{C::UnknownTable, "E-UNKNOWN-TABLE", D::Rules,
                       "`for x in <table>` or an aggregate names a table that does not exist"},
    DiagnosticCodeInfo{C::UnknownColumn, "E-UNKNOWN-COLUMN", D::Rules,
                       "a path names a column or relation its table does not have (with the closest name)"},
    DiagnosticCodeInfo{C::UnknownRelation, "E-UNKNOWN-RELATION", D::Rules,
                       "an aggregate's source follows a relation that does not exist"},
    DiagnosticCodeInfo{C::UnknownName, "E-UNKNOWN-NAME", D::Rules,
                       "a name is not a variable, `let`, parameter or period field in scope"},
    DiagnosticCodeInfo{C::UnknownCalendar, "E-UNKNOWN-CALENDAR", D::Rules,
                       "a calendar does not exist, or working days are counted with no calendar"},
    DiagnosticCodeInfo{C::Type, "E-TYPE", D::Rules,
                       "values of the wrong kind: a date compared with a number, working days added to a number, "
                       "sum of dates, ..."},
    DiagnosticCodeInfo{C::BadValue, "E-BAD-VALUE", D::Rules,
                       "a value of the right kind that the rule cannot use: a period of 0 (`every 0 months`), a "
                       "duration longer than 100 years"},
    DiagnosticCodeInfo{C::DuplicateRule, "E-DUPLICATE-RULE", D::Rules,
                       "a rule id is defined twice without effective periods to tell the versions apart"},
    DiagnosticCodeInfo{C::OverlappingVersions, "E-OVERLAPPING-VERSIONS", D::Rules,
                       "two versions of a rule are in force on the same day"},
    DiagnosticCodeInfo{C::MissingTrigger, "E-MISSING-TRIGGER", D::Rules,
                       "a deadline without `after`, a periodic obligation without `start`"},
    DiagnosticCodeInfo{C::MissingClause, "E-MISSING-CLAUSE", D::Rules,
                       "a rule without category, severity, subject or body; a deadline without `within` or "
                       "`require`"},
    DiagnosticCodeInfo{C::BadCategory, "E-BAD-CATEGORY", D::Rules, "the category is not one of the listed categories"},
    DiagnosticCodeInfo{C::BadSeverity, "E-BAD-SEVERITY", D::Rules,
                       "the severity is not one of critical, high, medium, low, info"},
    DiagnosticCodeInfo{C::DuplicateName, "E-DUPLICATE-NAME", D::Rules,
                       "a variable, `let` or parameter name is defined twice in a rule, or a `define`d name twice in "
                       "the names a file sees"},
    DiagnosticCodeInfo{C::BadPlaceholder, "E-BAD-PLACEHOLDER", D::Rules,
                       "a message placeholder that is not a value, or not available in this kind of rule"},
    DiagnosticCodeInfo{C::Import, "E-IMPORT", D::Rules,
                       "an imported file does not exist or is not a rule file (*.rules)"},
    DiagnosticCodeInfo{C::NoPackage, "E-NO-PACKAGE", D::Rules, "a rule comes before any `package` in its file"},
    DiagnosticCodeInfo{C::EffectivePeriod, "E-EFFECTIVE-PERIOD", D::Rules, "an effective period ends before it starts"},
    DiagnosticCodeInfo{C::Encoding, "E-ENCODING", D::Rules, "the file is not valid UTF-8"},
    DiagnosticCodeInfo{C::Io, "E-IO", D::Rules, "a file or folder cannot be read"},
    DiagnosticCodeInfo{C::Calendar, "E-CALENDAR", D::Rules, "a calendar file is malformed"},
    DiagnosticCodeInfo{C::ImpossibleValue, "E-IMPOSSIBLE-VALUE", D::Rules,
                       "a value compared with a fixed-list column is not in its list: the test can never be true "
                       "(or, with != and not in, never false)"},
    DiagnosticCodeInfo{C::Cycle, "E-CYCLE", D::Rules,
                       "definitions that are defined in terms of each other, or rules that displace each other, in a "
                       "cycle"},
    DiagnosticCodeInfo{C::NoCitation, "W-NO-CITATION", D::Rules, "a rule cites no article of law"},
    DiagnosticCodeInfo{C::UnusedParam, "W-UNUSED-PARAM", D::Rules, "a parameter is never used"},
    DiagnosticCodeInfo{C::UnusedLet, "W-UNUSED-LET", D::Rules, "a `let` is never used"},
    DiagnosticCodeInfo{C::NoTitle, "W-NO-TITLE", D::Rules, "a rule or package has no title"},
    DiagnosticCodeInfo{C::NoRules, "W-NO-RULES", D::Rules, "a folder given to lint holds no `*.rules` file"},
    DiagnosticCodeInfo{C::UnknownParam, "E-UNKNOWN-PARAM", D::Parameters,
                       "`--param` (or a rule test's `param` line) names a rule or parameter that does not exist"},
    DiagnosticCodeInfo{C::ParamValue, "E-PARAM-VALUE", D::Parameters,
                       "a `--param` value (or a rule test's `param` value) does not have the parameter's type, or is "
                       "one the rule cannot use"},
    DiagnosticCodeInfo{C::TestRead, "E-TEST-READ", D::RuleTests, "a rule test file cannot be read"},
    DiagnosticCodeInfo{C::TestSyntax, "E-TEST-SYNTAX", D::RuleTests,
                       "a line of a rule test is not in the format; the message says what was expected"},
    DiagnosticCodeInfo{C::TestValue, "E-TEST-VALUE", D::RuleTests,
                       "a value in a rule test does not have its column's or setting's type"},
    DiagnosticCodeInfo{C::TestCells, "E-TEST-CELLS", D::RuleTests,
                       "a table row has another number of cells than its header"},
    DiagnosticCodeInfo{C::TestUnknownTable, "E-TEST-UNKNOWN-TABLE", D::RuleTests,
                       "`rows` names a table the case data model does not have"},
    DiagnosticCodeInfo{C::TestUnknownColumn, "E-TEST-UNKNOWN-COLUMN", D::RuleTests,
                       "a header names a column its table (or the expected findings) does not have"},
    DiagnosticCodeInfo{C::TestUnknownRule, "E-TEST-UNKNOWN-RULE", D::RuleTests,
                       "a test names a rule that is not loaded, or expects a finding of a rule it does not run"},
    DiagnosticCodeInfo{C::TestEmpty, "W-TEST-EMPTY", D::RuleTests, "a rule test file holds no test"},
    DiagnosticCodeInfo{C::FilingIo, "F-IO", D::Filings, "filing file is missing or cannot be read"},
    DiagnosticCodeInfo{C::FilingSize, "F-SIZE", D::Filings, "filing file is larger than 1 MiB"},
    DiagnosticCodeInfo{C::FilingUtf8, "F-UTF8", D::Filings, "filing is not valid UTF-8 (located at the byte)"},
    DiagnosticCodeInfo{C::FilingJson, "F-JSON", D::Filings,
                       "filing is not JSON, is truncated, or nests deeper than 64"},
    DiagnosticCodeInfo{C::FilingDuplicateKey, "F-DUPLICATE-KEY", D::Filings,
                       "filing has a member twice in one JSON object"},
    DiagnosticCodeInfo{C::FilingKind, "F-KIND", D::Filings,
                       "filing kind is missing or unknown (with the closest kind)"},
    DiagnosticCodeInfo{
        C::FilingSchema, "F-SCHEMA", D::Filings,
        "filing does not match the schema of its kind (type, required, enum, date, bounds, unexpected member)"},
    DiagnosticCodeInfo{C::FilingReference, "F-REFERENCE", D::Filings,
                       "filing refers to a company, product or case that does not exist, or did not yet exist on the "
                       "date the filing is dated"},
    DiagnosticCodeInfo{C::FilingOwner, "F-OWNER", D::Filings,
                       "filing's company, product and case do not belong together (a product of another company, a "
                       "case of another product)"},
    DiagnosticCodeInfo{C::FilingMarket, "F-MARKET", D::Filings, "filing made to an authority of another market"},
    DiagnosticCodeInfo{C::FilingDuplicateId, "F-DUPLICATE-ID", D::Filings, "filing id is not unique"},
    DiagnosticCodeInfo{C::FilingAsOf, "F-AS-OF", D::Filings, "filing dated after the audit date"},
};

// Each entry sits at its enum's index, and every enum value has one.
constexpr bool entries_in_enum_order() {
    for (size_t i = 0; i < kCodes.size(); ++i)
        if (static_cast<size_t>(kCodes[i].id) != i) return false;
    return true;
}
static_assert(entries_in_enum_order(), "kCodes must list the codes in the order of enum DiagnosticCode");
static_assert(kCodes.size() == static_cast<size_t>(DiagnosticCode::FilingAsOf) + 1,
              "every DiagnosticCode needs an entry in kCodes");

}  // namespace

const DiagnosticCodeInfo& code_info(DiagnosticCode code) {
    return kCodes[static_cast<size_t>(code)];
}

std::string_view code_text(DiagnosticCode code) {
    return code_info(code).code;
}

std::optional<DiagnosticCode> parse_diagnostic_code(std::string_view text) {
    for (const auto& info : kCodes)
        if (info.code == text) return info.id;
    return std::nullopt;
}

std::span<const DiagnosticCodeInfo> all_diagnostic_codes() {
    return kCodes;
}

}  // namespace recallguard
