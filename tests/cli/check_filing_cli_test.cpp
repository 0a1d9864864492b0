// End to end: `recallguard check-filing` on the example filings against the power-bank
// example database — what each filing resolves or causes, exact locations of every kind of
// bad input, exit codes, outputs (text, JSON, SARIF checked by the reference validator,
// JUnit), and the case database's bytes unchanged by every command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "../unit/run_command.h"
#include "run_cli.h"

namespace fs = std::filesystem;
using nlohmann::json;
using recallguard::test::CliResult;
using recallguard::test::run_cli;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();
const fs::path kExamples = kRepo / "examples" / "filings";
const std::string kRules = (kRepo / "rules").string();

std::string example(const std::string& name) {
    return (kExamples / name).string();
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

class CheckFiling : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        scratch_ = new recallguard::testing::ScratchDir("check-filing");
        db_ = (scratch_->path() / "power-banks.sqlite").string();
        const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                                  (kRepo / "examples/power-banks-2025/build.sh").string() + "' '" + db_ +
                                  "' > /dev/null";
        ASSERT_EQ(std::system(build.c_str()), 0) << build;
        db_bytes_ = new std::string(read_bytes(db_));
    }
    static void TearDownTestSuite() {
        delete db_bytes_;
        delete scratch_;
    }

    // Runs check-filing and asserts the case database is byte for byte what it was.
    static CliResult check(std::vector<std::string> filings, const std::string& as_of,
                           std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"check-filing", "--db", db_, "--as-of", as_of};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), filings.begin(), filings.end());
        args.push_back(kRules);
        auto result = run_cli(args);
        EXPECT_EQ(read_bytes(db_), *db_bytes_) << "the case database changed";
        return result;
    }

    static inline recallguard::testing::ScratchDir* scratch_ = nullptr;
    static inline std::string db_;
    static inline std::string* db_bytes_ = nullptr;
};

TEST_F(CheckFiling, PlanFiledOnTimeResolvesTheMissingPlanAndPasses) {
    const auto r = check({example("xingchen-plan-on-time.json")}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("filing F-XC-06-ONTIME (recall_plan), as of 2025-10-20"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("resolves:   missing CN-CP-PLAN defect_cases DC-XC-V20, due 2025-10-16"), std::string::npos)
        << r.out;
    // Sales after the defect was confirmed stay a violation: the plan does not undo them.
    EXPECT_NE(r.out.find("leaves open: violation CN-CP-STOP-SALE defect_cases DC-XC-V20"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("finding:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("all pass"), std::string::npos) << r.out;
}

TEST_F(CheckFiling, LatePlanGivesTheLateFindingAtItsFiledOnLine) {
    const auto r = check({example("xingchen-plan-late.json")}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(
        r.out.find("finding:    late CN-CP-PLAN defect_cases DC-XC-V20, due 2025-10-16, done 2025-10-20, 4 days late"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("at " + example("xingchen-plan-late.json") + ":7:15"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("resolves:   missing CN-CP-PLAN defect_cases DC-XC-V20"), std::string::npos) << r.out;
}

TEST_F(CheckFiling, IncompletePlanViolatesArt18AtTheEmptyField) {
    const auto r = check({example("xingchen-plan-incomplete.json")}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("finding:    violation FILING-CN-PLAN-CONTENT filings F-XC-06-DRAFT"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("at " + example("xingchen-plan-incomplete.json") + ":15:16"), std::string::npos) << r.out;
    // On time, so the missing plan is still resolved.
    EXPECT_NE(r.out.find("resolves:   missing CN-CP-PLAN"), std::string::npos) << r.out;
}

TEST_F(CheckFiling, ProgressReportResolvesTheMissingStageReport) {
    const auto r = check({example("xingchen-progress-report.json")}, "2025-12-31");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("resolves:   missing CN-CP-STAGE-REPORT recalls RC-XC-S10 period 3, due 2025-12-17"),
              std::string::npos)
        << r.out;
}

struct Broken {
    std::string file;
    std::string as_of;
    std::string location;  // line:col
    std::string code;
    std::string text;  // part of the message
};

TEST_F(CheckFiling, EachBrokenExampleGetsOnePreciseError) {
    const std::vector<Broken> cases{
        {"broken-not-json.json", "2025-12-31", "3:11", "F-JSON", "not valid JSON"},
        {"broken-truncated.json", "2025-12-31", "9:4", "F-JSON", "truncated"},
        {"broken-wrong-type.json", "2025-12-31", "13:23", "F-SCHEMA",
         "/content/units_remedied: expected an integer, found the string \"15,900\""},
        {"broken-bad-date.json", "2025-12-31", "9:17", "F-SCHEMA", "\"2025-11-31\" is not a date that exists"},
        {"broken-unknown-kind.json", "2025-12-31", "3:11", "F-KIND", "did you mean \"recall_plan\"?"},
        {"broken-other-market.json", "2025-12-31", "7:16", "F-MARKET", "product 'BJ-T30-US' is sold in US"},
        {"broken-duplicate-id.json", "2025-12-31", "2:16", "F-DUPLICATE-ID", "already in the case database"},
        {"broken-unknown-case.json", "2025-12-31", "6:14", "F-REFERENCE", "did you mean 'DC-XC-V20'?"},
        {"broken-invalid-utf8.json", "2025-12-31", "15:69", "F-UTF8", "not valid UTF-8: byte 0xFF"},
    };
    for (const auto& c : cases) {
        const auto r = check({example(c.file)}, c.as_of);
        EXPECT_EQ(r.exit_code, 2) << c.file << "\n" << r.out << r.err;
        const std::string head = example(c.file) + ":" + c.location + ": error[" + c.code + "]: ";
        EXPECT_NE(r.out.find(head), std::string::npos) << c.file << "\n" << r.out;
        EXPECT_NE(r.out.find(c.text), std::string::npos) << c.file << "\n" << r.out;
        EXPECT_NE(r.out.find("1 problem(s) in 1 filing(s); no rule was run"), std::string::npos) << c.file << "\n"
                                                                                                 << r.out;
    }
}

TEST_F(CheckFiling, FileAboveOneMebibyteIsRefusedUnread) {
    const auto path = scratch_->path() / "huge.json";
    std::ofstream(path, std::ios::binary) << "{\"pad\": \"" << std::string(1024 * 1024, 'x') << "\"}";
    const auto r = check({path.string()}, "2025-12-31");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(path.string() + ": error[F-SIZE]: the file is 1048587 bytes; filings are limited to 1048576"),
              std::string::npos)
        << r.out;
}

TEST_F(CheckFiling, DuplicateIdsWithinTheBatchAreAnError) {
    const auto copy = scratch_->path() / "again.json";
    fs::copy_file(example("xingchen-plan-on-time.json"), copy, fs::copy_options::overwrite_existing);
    const auto r = check({example("xingchen-plan-on-time.json"), copy.string()}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(copy.string() +
                         ":2:16: error[F-DUPLICATE-ID]: /filing_id: filing id 'F-XC-06-ONTIME' is also used by"),
              std::string::npos)
        << r.out;
}

TEST_F(CheckFiling, CompanyProductAndCaseMustBelongTogether) {
    const std::string base = read_bytes(example("xingchen-plan-on-time.json"));
    auto variant = [&](const std::string& name, const std::string& from, const std::string& to) {
        std::string text = base;
        text.replace(text.find(from), from.size(), to);
        text.replace(text.find("F-XC-06-ONTIME"), 14, "F-" + name);
        const auto path = scratch_->path() / (name + ".json");
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    };
    const auto other_company = variant("owner", "\"company_id\": \"XINGCHEN\"", "\"company_id\": \"QINGYUAN\"");
    const auto other_case = variant("case", "\"product_id\": \"XC-V20\"", "\"product_id\": \"XC-S10\"");
    const auto typo = variant("typo", "\"company_id\": \"XINGCHEN\"", "\"company_id\": \"XINGCHNE\"");
    const auto r = check({other_company, other_case, typo}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(
                  other_company +
                  ":5:17: error[F-OWNER]: /product_id: product 'XC-V20' belongs to company 'XINGCHEN', not 'QINGYUAN'"),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find(other_case +
                   ":6:14: error[F-OWNER]: /case_id: defect case 'DC-XC-V20' is about product 'XC-V20', not 'XC-S10'"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(typo + ":4:17: error[F-REFERENCE]: /company_id: no company 'XINGCHNE' in the case database; "
                                "did you mean 'XINGCHEN'?"),
              std::string::npos)
        << r.out;
}

TEST_F(CheckFiling, FilingDatedAfterTheAuditDateIsAnError) {
    const auto r = check({example("xingchen-plan-late.json")}, "2025-10-18");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(example("xingchen-plan-late.json") + ":7:15: error[F-AS-OF]"), std::string::npos) << r.out;
}

TEST_F(CheckFiling, JsonReportListsTheFilingWithLocatedFindings) {
    const auto r = check({example("xingchen-plan-late.json")}, "2025-10-20", {"--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto report = json::parse(r.out);
    EXPECT_EQ(report["exit_code"], 1);
    ASSERT_EQ(report["filings"].size(), 1u);
    const auto& late = report["filings"][0];
    EXPECT_EQ(late["filing_id"], "F-XC-06-LATE");
    EXPECT_EQ(late["status"], "findings");
    ASSERT_EQ(late["findings"].size(), 1u);
    EXPECT_EQ(late["findings"][0]["rule_id"], "CN-CP-PLAN");
    EXPECT_EQ(late["findings"][0]["status"], "late");
    EXPECT_EQ(late["findings"][0]["filing_location"]["line"], 7);
    EXPECT_EQ(late["resolves"][0]["status"], "missing");
}

TEST_F(CheckFiling, FilingsOfABatchAreCheckedTogether) {
    // The plan filed on time meets the obligation, so the later plan in the same batch is not late.
    const auto r = check({example("xingchen-plan-late.json"), example("xingchen-plan-on-time.json")}, "2025-10-20",
                         {"--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto report = json::parse(r.out);
    ASSERT_EQ(report["filings"].size(), 2u);
    EXPECT_EQ(report["filings"][0]["status"], "passes");
    EXPECT_EQ(report["filings"][1]["status"], "passes");
    EXPECT_EQ(report["filings"][1]["resolves"][0]["rule_id"], "CN-CP-PLAN");
}

TEST_F(CheckFiling, MalformedFilingInJsonFormatStillReportsTheProblem) {
    const auto r = check({example("broken-wrong-type.json")}, "2025-12-31", {"--format", "json"});
    EXPECT_EQ(r.exit_code, 2);
    const auto report = json::parse(r.out);
    EXPECT_EQ(report["filings"][0]["status"], "malformed");
    EXPECT_EQ(report["filings"][0]["problems"][0]["location"]["line"], 13);
    EXPECT_NE(r.err.find(":13:23: error[F-SCHEMA]"), std::string::npos) << r.err;
}

json sarif_of(const CliResult& r) {
    return json::parse(r.out);
}

const json* result_for(const json& sarif, const std::string& rule_id) {
    for (const auto& result : sarif["runs"][0]["results"])
        if (result["ruleId"] == rule_id) return &result;
    return nullptr;
}

fs::path validator_path() {
    return kRepo / "tests/tools/node_modules/.bin/sarif-multitool";
}

// Runs the SARIF reference validator; returns its complaints ("" when none).
std::string validate_sarif(const std::string& sarif) {
    recallguard::testing::ScratchDir scratch("filing-sarif");
    const auto input = scratch.path() / "report.sarif";
    const auto log = scratch.path() / "validation.sarif";
    std::ofstream(input, std::ios::binary) << sarif;
    using recallguard::testing::shell_quote;
    const auto result = recallguard::testing::run_command(
        shell_quote(validator_path().string()) + " validate --rule-kind '\"Sarif;Gh\"' --log ForceOverwrite --output " +
            shell_quote(log.string()) + " " + shell_quote(input.string()),
        scratch);
    if (!fs::exists(log)) return "no validation log written:\n" + result.out + result.err;
    std::string problems;
    for (const auto& run : json::parse(read_bytes(log))["runs"])
        for (const auto& item : run.value("results", json::array()))
            if (item.value("level", "warning") == "error") problems += item["message"].dump() + "\n";
    if (result.out.find(": error ") != std::string::npos) problems += result.out;
    return problems;
}

TEST_F(CheckFiling, SarifPutsTheLateFindingOnTheFilingLineAndPassesTheValidator) {
    const auto r = check({example("xingchen-plan-late.json")}, "2025-10-20",
                         {"--format", "sarif", "--sarif-uri-base", kRepo.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto sarif = sarif_of(r);
    const json* late = result_for(sarif, "CN-CP-PLAN");
    ASSERT_TRUE(late) << r.out;
    const auto& physical = (*late)["locations"][0]["physicalLocation"];
    EXPECT_EQ(physical["artifactLocation"]["uri"], "examples/filings/xingchen-plan-late.json");
    EXPECT_EQ(physical["region"]["startLine"], 7);
    EXPECT_EQ(physical["region"]["startColumn"], 15);
    if (!fs::exists(validator_path()))
        GTEST_SKIP() << "the SARIF validator is not installed: run scripts/test-tools.sh";
    EXPECT_EQ(validate_sarif(r.out), "");
}

TEST_F(CheckFiling, SarifCarriesSchemaProblemsAsResultsAndPassesTheValidator) {
    const auto r = check({example("broken-bad-date.json")}, "2025-12-31",
                         {"--format", "sarif", "--sarif-uri-base", kRepo.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    const auto sarif = sarif_of(r);
    const json* problem = result_for(sarif, "F-SCHEMA");
    ASSERT_TRUE(problem) << r.out;
    const auto& physical = (*problem)["locations"][0]["physicalLocation"];
    EXPECT_EQ(physical["artifactLocation"]["uri"], "examples/filings/broken-bad-date.json");
    EXPECT_EQ(physical["region"]["startLine"], 9);
    if (!fs::exists(validator_path()))
        GTEST_SKIP() << "the SARIF validator is not installed: run scripts/test-tools.sh";
    EXPECT_EQ(validate_sarif(r.out), "");
}

// One malformed filing of a batch is reported; the others are still audited.
TEST_F(CheckFiling, AMalformedFilingDoesNotStopTheOthers) {
    const auto r = check({example("broken-bad-date.json"), example("xingchen-plan-late.json")}, "2025-10-20");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;  // a malformed filing is still bad input
    EXPECT_NE(r.out.find(example("broken-bad-date.json") + ":9:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(example("broken-bad-date.json") + ": malformed (see above); not audited"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("filing F-XC-06-LATE (recall_plan), as of 2025-10-20"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("finding:    late CN-CP-PLAN"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("check-filing: 1 of 2 filing(s) checked"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 malformed, not audited"), std::string::npos) << r.out;

    const auto j = check({example("broken-bad-date.json"), example("xingchen-plan-late.json")}, "2025-10-20",
                         {"--format", "json"});
    const auto report = json::parse(j.out);
    EXPECT_EQ(report["audited"], true);
    ASSERT_EQ(report["filings"].size(), 2u);
    EXPECT_EQ(report["filings"][0]["status"], "malformed");
    EXPECT_EQ(report["filings"][1]["status"], "findings");
}

TEST_F(CheckFiling, JunitReportHasAFailureForTheLatePlan) {
    const auto out = scratch_->path() / "junit.xml";
    const auto r = check({example("xingchen-plan-late.json")}, "2025-10-20", {"--format", "junit", "-o", out.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string xml = read_bytes(out);
    EXPECT_EQ(xml.rfind("<?xml", 0), 0u) << xml;
    EXPECT_NE(xml.find("CN-CP-PLAN"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<failure"), std::string::npos) << xml;
    // Each test case names the file the problem is in (here the filing), each suite its time.
    EXPECT_NE(xml.find("file=\"" + example("xingchen-plan-late.json") + "\""), std::string::npos) << xml;
    EXPECT_NE(xml.find(" time=\""), std::string::npos) << xml;
}

TEST_F(CheckFiling, UsageErrorsExitTwo) {
    EXPECT_EQ(run_cli({"check-filing", "--db", db_, kRules}).exit_code, 2);                              // no filing
    EXPECT_EQ(run_cli({"check-filing", "--db", db_, example("xingchen-plan-late.json")}).exit_code, 2);  // no rules
    EXPECT_EQ(check({example("xingchen-plan-late.json")}, "2025-13-01").exit_code, 2);
    EXPECT_EQ(run_cli({"check-filing", "--db", (scratch_->path() / "none.sqlite").string(),
                       example("xingchen-plan-late.json"), kRules})
                  .exit_code,
              2);
}

// The GitHub Actions example runs the real command line: take it from the YAML and run it.
TEST_F(CheckFiling, GithubActionsExampleCommandRuns) {
    std::ifstream in(kRepo / "examples/ci/github-actions.yml");
    std::string line, command;
    while (std::getline(in, line))
        if (line.find("build/recallguard check-filing") != std::string::npos)
            command = line.substr(line.find_first_not_of(' '));
    ASSERT_FALSE(command.empty());
    recallguard::testing::ScratchDir work("gha");
    fs::create_directories(work.path() / "build");
    fs::create_symlink(RECALLGUARD_BINARY, work.path() / "build/recallguard");
    fs::create_symlink(kRepo / "rules", work.path() / "rules");
    fs::copy_file(db_, work.path() / "cases.sqlite");
    std::ofstream(work.path() / "changed.txt") << example("xingchen-plan-late.json") << "\n";
    const auto r = recallguard::testing::run_command(
        "cd " + recallguard::testing::shell_quote(work.path().string()) +
            " && AS_OF=2025-10-20 GITHUB_WORKSPACE=" + recallguard::testing::shell_quote(kRepo.string()) + " bash -c " +
            recallguard::testing::shell_quote(command),
        work);
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.out << r.err;
    const auto sarif = json::parse(read_bytes(work.path() / "filings.sarif"));
    ASSERT_TRUE(result_for(sarif, "CN-CP-PLAN"));
}

}  // namespace
