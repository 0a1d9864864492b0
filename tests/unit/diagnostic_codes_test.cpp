// The registry of diagnostic codes (common/diagnostic_codes.h) and the documentation's code
// tables: each table lists exactly the codes of its part of the registry, with their meanings.
#include "common/diagnostic_codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace recallguard {
namespace {

// `| CODE | meaning |` rows of the tables in a documentation file, by code.
std::map<std::string, std::string> documented_codes(const std::string& file) {
    std::ifstream in(std::filesystem::path(RECALLGUARD_SOURCE_DIR) / "docs" / file);
    EXPECT_TRUE(in) << file;
    std::map<std::string, std::string> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("| ", 0) != 0) continue;
        const size_t bar = line.find(" | ", 2);
        if (bar == std::string::npos || line.size() < bar + 5 || line.substr(line.size() - 2) != " |") continue;
        const std::string code = line.substr(2, bar - 2);
        if (code.size() < 3 || code[1] != '-' || code.find(' ') != std::string::npos) continue;
        rows[code] = line.substr(bar + 3, line.size() - bar - 5);
    }
    return rows;
}

std::map<std::string, std::string> registered_codes(const std::set<CodeDomain>& domains) {
    std::map<std::string, std::string> codes;
    for (const auto& info : all_diagnostic_codes())
        if (domains.count(info.domain)) codes[std::string(info.code)] = std::string(info.meaning);
    return codes;
}

TEST(DiagnosticCodes, EachIsRegisteredOnceWithAMeaningAndTheLetterOfItsSeverity) {
    std::set<std::string> seen;
    for (const auto& info : all_diagnostic_codes()) {
        const std::string code(info.code);
        EXPECT_TRUE(seen.insert(code).second) << code << " is registered twice";
        EXPECT_FALSE(info.meaning.empty()) << code;
        EXPECT_EQ(code_info(info.id).code, info.code);
        EXPECT_EQ(parse_diagnostic_code(code), info.id);
        const char letter = code[0];
        if (info.domain == CodeDomain::Filings)
            EXPECT_EQ(letter, 'F') << code;
        else
            EXPECT_TRUE(letter == 'E' || letter == 'W') << code;
    }
    EXPECT_FALSE(parse_diagnostic_code("E-NO-SUCH-CODE"));
}

TEST(DiagnosticCodes, TheLanguageReferenceListsTheRuleCodes) {
    EXPECT_EQ(documented_codes("language.md"), registered_codes({CodeDomain::Rules, CodeDomain::Parameters}));
}

TEST(DiagnosticCodes, TheRuleTestGuideListsTheRuleTestCodes) {
    EXPECT_EQ(documented_codes("rule-tests.md"), registered_codes({CodeDomain::RuleTests}));
}

TEST(DiagnosticCodes, TheFilingGuideListsTheFilingCodes) {
    EXPECT_EQ(documented_codes("filings.md"), registered_codes({CodeDomain::Filings}));
}

}  // namespace
}  // namespace recallguard
