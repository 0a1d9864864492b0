// The rule catalogue: every package and rule of the standard packs in words, safely escaped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "doc/catalogue.h"
#include "engine/rule_loader.h"

namespace recallguard::doc {
namespace {

engine::LoadedRules load(const std::vector<std::string>& paths) {
    engine::LoadOptions options;
    options.paths = paths;
    return engine::load_rules(options);
}

TEST(DocCatalogue, StandardPacksInMarkdown) {
    const auto rules = load({std::string(RECALLGUARD_SOURCE_DIR) + "/rules"});
    ASSERT_FALSE(rules.diagnostics.has_errors());
    const auto catalogue = build_catalogue(rules.program, {});
    ASSERT_EQ(catalogue.packages.size(), 5u);
    size_t count = 0;
    for (const auto& package : catalogue.packages) count += package.rules.size();
    EXPECT_EQ(count, 23u);
    EXPECT_EQ(catalogue.packages[0].name, "cn.consumer_products");
    EXPECT_EQ(catalogue.packages[0].authority, "SAMR");
    EXPECT_EQ(catalogue.packages[0].calendar, "CN");

    std::ostringstream md;
    write_markdown(catalogue, md);
    const std::string text = md.str();
    EXPECT_NE(text.find("23 rules in 5 packages."), std::string::npos);
    EXPECT_NE(text.find("### CN-CP-PLAN — Recall plan filed within 10 working days of confirming a defect"),
              std::string::npos);
    EXPECT_NE(text.find("| allowed | 10 working days |"), std::string::npos);
    EXPECT_NE(text.find("  - [CN-CP-PLAN](#rule-CN-CP-PLAN): Recall plan"), std::string::npos);
    EXPECT_NE(text.find("<a id=\"rule-CN-CP-PLAN\"></a>"), std::string::npos);
    EXPECT_NE(text.find("- Trigger: `c.concluded_on`"), std::string::npos);
    EXPECT_NE(text.find("- Period: `allowed (10 working days)`"), std::string::npos);
    EXPECT_NE(text.find("- Required record: `f in c.filings where f.kind = \"recall_plan\" dated f.filed_on`"),
              std::string::npos);
    EXPECT_NE(text.find("- Periods start: `r.started_on`"), std::string::npos);
    EXPECT_NE(text.find("- Signal when: `completion < min_ratio`"), std::string::npos);
    // Markdown's active characters in prose are escaped.
    EXPECT_NE(text.find("cn.consumer\\_products"), std::string::npos);
}

TEST(DocCatalogue, NamesRuleFilesWithoutPathsOfTheMachine) {
    // The rules given by an absolute path: the published catalogue names the files below the
    // folder given, never the folder's place on the machine that made the catalogue.
    const std::string root = std::string(RECALLGUARD_SOURCE_DIR) + "/rules";
    const auto rules = load({root});
    ASSERT_FALSE(rules.diagnostics.has_errors());
    const auto catalogue = build_catalogue(rules.program, {root});
    std::ostringstream md, html;
    write_markdown(catalogue, md);
    write_html(catalogue, html);
    for (const std::string text : {md.str(), html.str()}) {
        EXPECT_EQ(text.find(RECALLGUARD_SOURCE_DIR), std::string::npos);
        EXPECT_NE(text.find("rules/cn/vehicles.rules:"), std::string::npos);
    }
    // The same names whether the folder is given relative, with a trailing slash or absolute.
    EXPECT_EQ(published_path(root + "/cn/vehicles.rules", {root + "/"}), "rules/cn/vehicles.rules");
    EXPECT_EQ(published_path("rules/cn/vehicles.rules", {"rules"}), "rules/cn/vehicles.rules");
    EXPECT_EQ(published_path("/srv/packs/us/cpsc.rules", {"/srv/other", "/srv/packs/us/cpsc.rules"}), "cpsc.rules");
    // A file outside every root (an import from elsewhere): its name alone.
    EXPECT_EQ(published_path("/home/someone/shared/common.rules", {"/srv/packs"}), "common.rules");
}

TEST(DocCatalogue, ExpressionsPrintAsWrittenWithNeededParentheses) {
    const auto rules = load({std::string(RECALLGUARD_SOURCE_DIR) + "/rules/signals"});
    ASSERT_FALSE(rules.diagnostics.has_errors());
    std::ostringstream md;
    write_markdown(build_catalogue(rules.program, {}), md);
    EXPECT_NE(md.str().find("`cluster_date + grace < as_of and no(d in p.defect_cases where d.opened_on <= "
                            "cluster_date + grace)`"),
              std::string::npos)
        << md.str();
    EXPECT_NE(md.str().find("`coalesce(latest(p.units_remedied for p in r.recall_progress by p.as_of), 0)`"),
              std::string::npos);
}

TEST(DocCatalogue, ConditionsReadAsFmtWritesThem) {
    // The catalogue quotes conditions with the one expression printer `fmt` uses: a string with
    // a tab reads back as written ("\t"), not with the raw character.
    const auto dir = std::filesystem::temp_directory_path() / ("rg_doc_printer_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "x.rules") << R"(package x.test {
  title "T"
  authority "A"
  jurisdiction "CN"
}
rule X-TAB {
  title "Tab"
  cite "Art. 1"
  category prohibited_act
  severity high
  for c in defect_cases
  where c.case_id != "a\tb" and not (c.case_id = "x" or c.case_id = "y")
  violation when c.concluded_on is known
}
)";
    const auto rules = load({(dir / "x.rules").string()});
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);
    std::ostringstream md;
    write_markdown(build_catalogue(rules.program, {}), md);
    EXPECT_NE(md.str().find(R"(`c in defect_cases where c.case_id != "a\tb" and not (c.case_id = "x" or )"
                            R"(c.case_id = "y")`)"),
              std::string::npos)
        << md.str();
}

TEST(DocCatalogue, HtmlIsOneEscapedPage) {
    const auto dir = std::filesystem::temp_directory_path() / ("rg_doc_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "x.rules") << R"(package x.test {
  title "Evil <script>alert(1)</script> & co"
  authority "A"
  jurisdiction "CN"
}
rule X-ONE {
  title "Title with <b>tags</b>"
  cite "Art. 1"
  category prohibited_act
  severity high
  description "Sales after <defect>."
  for c in defect_cases
  where c.conclusion = "defect"
  violation when c.concluded_on is known
  message "Case {c.case_id}."
}
)";
    const auto rules = load({(dir / "x.rules").string()});
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);
    std::ostringstream html;
    write_html(build_catalogue(rules.program, {}), html);
    const std::string page = html.str();
    EXPECT_EQ(page.find("<script>"), std::string::npos);
    EXPECT_EQ(page.find("<b>tags"), std::string::npos);
    EXPECT_NE(page.find("Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), std::string::npos);
    EXPECT_NE(page.find("Sales after &lt;defect&gt;."), std::string::npos);
    EXPECT_NE(page.find("<code>c in defect_cases where c.conclusion = &quot;defect&quot;</code>"), std::string::npos)
        << page;
    EXPECT_EQ(page.find("src="), std::string::npos) << "no external resources";
    EXPECT_EQ(page.rfind("</html>\n"), page.size() - 8);
}

}  // namespace
}  // namespace recallguard::doc
