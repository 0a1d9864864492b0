// Hostile values in rules, parameters and ingested data are data: never SQL, never a format
// string, never markup. The audited database is byte-for-byte the same after every command.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

using test::file_hash;
using test::read_bytes;
using test::run_cli;

const std::string kDrop = "'; DROP TABLE filings; --";
const std::string kFormat = "%s%n%x%p{}{0}";
const std::string kScript = "<script>alert(1)</script>";
const std::string kQuotes = "\"double\" 'single' `back` \\back\\";
const std::string kNul = std::string("before") + '\0' + "after";
const std::string kConfusable =
    "\xD0\x90pple \xE2\x80\xAE"
    "evil\xE2\x80\xAC \xEF\xBC\x9C";  // Cyrillic A, RLO, fullwidth <

class Injection : public ::testing::Test {
protected:
    void SetUp() override {
        db = dir.file("case.db");
        ASSERT_EQ(run_cli({"init", db}).exit_code, 0);
        dir.write("companies.csv",
                  "company_id,name,country,role\n"
                  "\"C'1\",\"Robert'); DROP TABLE companies; --\",CN,producer\n");
        long_value = std::string(1 << 20, 'x');
        long_value.replace(0, kDrop.size(), kDrop);
        // brand, model: the message shows both; product_id is the finding's subject key.
        const std::vector<std::pair<std::string, std::string>> values{
            {kDrop, kFormat}, {kScript, kQuotes}, {kNul, kConfusable}, {"long", long_value}};
        nlohmann::json products = nlohmann::json::array();
        for (size_t i = 0; i < values.size(); ++i)
            products.push_back({{"product_id", values[i].first + "#" + std::to_string(i)},
                                {"company_id", "C'1"},
                                {"category", "power_bank"},
                                {"brand", values[i].first},
                                {"model", values[i].second},
                                {"market", "CN"},
                                {"units_sold", 1}});
        dir.write("products.json", products.dump());
        const auto r = run_cli({"ingest", db, "--table", "companies", dir.file("companies.csv"), "--table", "products",
                                dir.file("products.json")});
        ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
        rules = dir.write("echo.rules", test::kEchoRules);
        hash = file_hash(db);
    }

    test::CliResult check(const std::string& format, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"check", rules, "--db", db, "--as-of", "2025-06-30", "--format", format};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    }

    test::TempDir dir;
    std::string db, rules, hash, long_value;
};

TEST_F(Injection, ValuesReachJsonIntactAndTheDatabaseIsUnchanged) {
    const auto r = check("json", {"--param", "T-ECHO.label=" + kDrop + kFormat});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    std::set<std::string> messages, keys;
    for (const auto& finding : json["findings"]) {
        messages.insert(finding["message"].get<std::string>());
        keys.insert(finding["subject"]["key"].get<std::string>());
    }
    const std::string label = "|" + kDrop + kFormat;
    EXPECT_TRUE(messages.count(kDrop + "|" + kFormat + label));
    EXPECT_TRUE(messages.count(kScript + "|" + kQuotes + label));
    EXPECT_TRUE(messages.count(kNul + "|" + kConfusable + label)) << "NUL or confusables were altered";
    EXPECT_TRUE(messages.count("long|" + long_value + label)) << "the 1 MiB value was cut";
    EXPECT_TRUE(keys.count(kNul + "#2"));
    EXPECT_EQ(messages.size(), 4u);
    EXPECT_EQ(file_hash(db), hash);
    // The planted statements never ran: every table is still there, with its rows.
    auto opened = sqldb::Database::open(db, sqldb::Database::Mode::ReadOnly);
    auto count = opened.prepare("SELECT (SELECT count(*) FROM companies), (SELECT count(*) FROM filings)");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int(0), 1);
}

TEST_F(Injection, SarifCsvAndHtmlCarryTheValuesSafely) {
    const auto sarif = check("sarif");
    ASSERT_EQ(sarif.exit_code, 1) << sarif.err;
    std::set<std::string> texts;
    const auto log = nlohmann::json::parse(sarif.out);
    // Each message is the finding's own text, then a paragraph naming the company and the law.
    for (const auto& result : log["runs"][0]["results"]) {
        const auto text = result["message"]["text"].get<std::string>();
        const auto about = text.rfind("\n\nCompany: ");
        ASSERT_NE(about, std::string::npos) << text;
        texts.insert(text.substr(0, about));
    }
    EXPECT_TRUE(texts.count(kScript + "|" + kQuotes + "|plain"));
    EXPECT_TRUE(texts.count(kNul + "|" + kConfusable + "|plain"));

    const auto csv = check("csv");
    ASSERT_EQ(csv.exit_code, 1) << csv.err;
    // RFC 4180: the field is quoted and its quotes doubled.
    EXPECT_NE(csv.out.find("\"" + kScript + "|\"\"double\"\" 'single' `back` \\back\\|plain\""), std::string::npos);
    EXPECT_NE(csv.out.find(kFormat), std::string::npos);
    EXPECT_NE(csv.out.find(long_value), std::string::npos);

    const auto html = check("html");
    ASSERT_EQ(html.exit_code, 1) << html.err;
    EXPECT_EQ(html.out.find(kScript), std::string::npos) << "a data value became markup";
    EXPECT_EQ(html.out.find("alert(1)</script>"), std::string::npos);
    EXPECT_NE(html.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.out.find("&quot;double&quot;"), std::string::npos);
    EXPECT_EQ(html.out.find('\0'), std::string::npos) << "a raw NUL reached the HTML";
    EXPECT_EQ(file_hash(db), hash);
}

TEST_F(Injection, ValidateAndLintLeaveTheDatabaseUnchanged) {
    const auto validate = run_cli({"validate", db});
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    const auto lint = run_cli({"lint", rules});
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
    EXPECT_EQ(file_hash(db), hash);
}

TEST_F(Injection, HostileIdentifiersInRulesAreUnknownNamesNotSql) {
    const std::string text = R"(rule T-BAD {
  title "t"
  cite "c"
  category signal
  severity low
  for p in products
  signal when p."units_sold; DROP TABLE filings" > 0
  message "x"
}
)";
    dir.write("bad.rules", text);
    auto r = run_cli({"check", dir.file("bad.rules"), "--db", db, "--as-of", "2025-06-30"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    dir.write("bad2.rules",
              std::string(test::kEchoRules)
                  .replace(std::string(test::kEchoRules).find("for p in products"), 17, "for p in products_x"));
    r = run_cli({"check", dir.file("bad2.rules"), "--db", db, "--as-of", "2025-06-30"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("E-UNKNOWN-TABLE"), std::string::npos) << r.err;
    r = run_cli({"check", rules, "--db", db, "--as-of", "2025-06-30", "--rule", kDrop});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no rule '" + kDrop + "'"), std::string::npos) << r.err;
    r = run_cli({"check", rules, "--db", db, "--as-of", kDrop});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(file_hash(db), hash);
}

TEST_F(Injection, AParameterThatIsNotOfTheDefaultsTypeIsRefused) {
    std::string text = test::kEchoRules;
    text.replace(text.find("param label = \"plain\""), 21, "param label = 3");
    dir.write("num.rules", text);
    const auto r = run_cli({"check", dir.file("num.rules"), "--db", db, "--as-of", "2025-06-30", "--param",
                            "T-ECHO.label=3; DROP TABLE filings"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("E-PARAM-VALUE"), std::string::npos) << r.err;
    EXPECT_EQ(file_hash(db), hash);
}

// A parameter set with --param changes the rules: every output says so, and the rules
// fingerprint is not the one of the published rules.
TEST_F(Injection, AParameterSetForTheRunIsInEveryOutputAndInTheFingerprint) {
    const auto plain = check("json");
    const auto changed = check("json", {"--param", "T-ECHO.label=changed"});
    ASSERT_EQ(changed.exit_code, 1) << changed.err;
    const auto plain_json = nlohmann::json::parse(plain.out), changed_json = nlohmann::json::parse(changed.out);
    EXPECT_EQ(plain_json["run"]["parameters"], nlohmann::json::object());
    EXPECT_EQ(changed_json["run"]["parameters"], nlohmann::json({{"T-ECHO.label", "\"changed\""}}));
    EXPECT_NE(plain_json["run"]["rules_fingerprint"], changed_json["run"]["rules_fingerprint"]);
    // The same value written otherwise is the same rule.
    const auto again = nlohmann::json::parse(check("json", {"--param", "T-ECHO.label=changed"}).out);
    EXPECT_EQ(again["run"]["rules_fingerprint"], changed_json["run"]["rules_fingerprint"]);

    const auto sarif = nlohmann::json::parse(check("sarif", {"--param", "T-ECHO.label=changed"}).out);
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["properties"]["parameters"],
              nlohmann::json({{"T-ECHO.label", "\"changed\""}}));
    const auto text = check("text", {"--param", "T-ECHO.label=changed"});
    EXPECT_NE(text.out.find("parameter set for this run: T-ECHO.label = \"changed\"\n"), std::string::npos) << text.out;
    const auto html = check("html", {"--param", "T-ECHO.label=" + kScript});
    EXPECT_NE(html.out.find("<dt>Parameters set for this run</dt><dd>T-ECHO.label = &quot;&lt;script&gt;"),
              std::string::npos)
        << html.out.substr(0, 4000);
    EXPECT_EQ(file_hash(db), hash);
}

// `--param X.min_ratio=nan` would make `completion < min_ratio` false for every recall: the rule
// silently off. NaN and infinities are refused like any value of the wrong type.
TEST_F(Injection, ANumberThatIsNotFiniteIsRefusedAsAParameterAndAsAnOption) {
    const std::string rules = std::string(RECALLGUARD_SOURCE_DIR) + "/rules/signals";
    for (const std::string value : {"nan", "inf", "-inf", "1e999"}) {
        const auto r = run_cli(
            {"check", rules, "--db", db, "--as-of", "2025-06-30", "--param", "SIG-LOW-COMPLETION.min_ratio=" + value});
        EXPECT_EQ(r.exit_code, 2) << value << r.out << r.err;
        EXPECT_NE(r.err.find("is not a finite number"), std::string::npos) << value << r.err;
    }
    for (const std::string option : {"--rule-timeout", "--busy-timeout"}) {
        const auto r = run_cli({"check", rules, "--db", db, "--as-of", "2025-06-30", option, "nan"});
        EXPECT_EQ(r.exit_code, 2) << option << r.out << r.err;
        EXPECT_NE(r.err.find("not a finite number"), std::string::npos) << option << r.err;
    }
    EXPECT_EQ(file_hash(db), hash);
}

// A parameter value the compiler could not use (a period of 0 months) is refused by the checker
// with the parameter named, before anything runs: exit 2, not an internal error.
TEST_F(Injection, APeriodOfZeroGivenWithParamIsADiagnostic) {
    const auto r = run_cli({"check", std::string(RECALLGUARD_SOURCE_DIR) + "/rules/cn", "--db", db, "--as-of",
                            "2025-06-30", "--param", "CN-CP-STAGE-REPORT.period_length=0 months"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("--param CN-CP-STAGE-REPORT.period_length: error[E-PARAM-VALUE]: bad value for "
                         "CN-CP-STAGE-REPORT.period_length: a period of 0 months never ends"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    EXPECT_EQ(file_hash(db), hash);
}

}  // namespace
}  // namespace recallguard
