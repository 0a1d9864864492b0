// Every diagnostic code recallguard reports, each with its meaning: the one registry. Codes are
// stable (editors, CI scripts and SARIF consumers key on them); the letter says how they are
// reported: E an error, W a warning, F a problem in a filing (an error).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace recallguard {

enum class DiagnosticCode {
    // Rule files and calendars: `lint` and every command that loads rules.
    Parse,
    DuplicateClause,
    BadDate,
    UnknownTable,
    UnknownColumn,
    UnknownRelation,
    UnknownName,
    UnknownCalendar,
    Type,
    BadValue,
    DuplicateRule,
    OverlappingVersions,
    MissingTrigger,
    MissingClause,
    BadCategory,
    BadSeverity,
    DuplicateName,
    BadPlaceholder,
    Import,
    NoPackage,
    EffectivePeriod,
    Encoding,
    Io,
    Calendar,
    ImpossibleValue,
    Cycle,
    NoCitation,
    UnusedParam,
    UnusedLet,
    NoTitle,
    NoRules,
    // `check --param` and the `param` lines of rule tests.
    UnknownParam,
    ParamValue,
    // Rule tests (*.ruletest).
    TestRead,
    TestSyntax,
    TestValue,
    TestCells,
    TestUnknownTable,
    TestUnknownColumn,
    TestUnknownRule,
    TestEmpty,
    // Filings (`check-filing`).
    FilingIo,
    FilingSize,
    FilingUtf8,
    FilingJson,
    FilingDuplicateKey,
    FilingKind,
    FilingSchema,
    FilingReference,
    FilingOwner,
    FilingMarket,
    FilingDuplicateId,
    FilingAsOf,
};

// Where a code comes from, which also says which documentation lists it.
enum class CodeDomain { Rules, Parameters, RuleTests, Filings };

struct DiagnosticCodeInfo {
    DiagnosticCode id;
    std::string_view code;  // "E-UNKNOWN-COLUMN"
    CodeDomain domain;
    std::string_view meaning;  // one line, as the documentation's code table says it
};

const DiagnosticCodeInfo& code_info(DiagnosticCode code);
std::string_view code_text(DiagnosticCode code);  // "E-UNKNOWN-COLUMN"
// The code written `text`, if it is one.
std::optional<DiagnosticCode> parse_diagnostic_code(std::string_view text);

// Every code, in the order of the enum (the documentation's order).
std::span<const DiagnosticCodeInfo> all_diagnostic_codes();

}  // namespace recallguard
