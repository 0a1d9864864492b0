// The loader reads an editor's unsaved texts in place of the files on disk, for the file named
// and for its imports, and with keep_intact_items checks the rules of a half-typed file.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/rule_loader.h"
#include "temp_dir.h"

namespace recallguard::engine {
namespace {

const std::string kRule = R"rules(package test.unsaved {
  title "Unsaved"
}

rule T-ONE {
  title "One"
  cite "Art. 1"
  category signal
  severity high
  for c in defect_cases
  signal when c.opened_on < as_of
}
)rules";

TEST(LoaderUnsaved, AnUnsavedTextIsReadInsteadOfTheFileAndNeedNotExistOnDisk) {
    test::TempDir dir;
    LoadOptions options;
    options.paths = {dir.file("nowhere.rules")};
    options.unsaved[dir.file("nowhere.rules")] = kRule;
    const auto loaded = load_rules(options);
    EXPECT_FALSE(loaded.diagnostics.has_errors()) << render_diagnostics(loaded);
    ASSERT_EQ(loaded.program.rules.size(), 1u);
    EXPECT_EQ(loaded.sources.at(dir.file("nowhere.rules")), kRule);
}

TEST(LoaderUnsaved, ImportsAreReadFromUnsavedTextsToo) {
    test::TempDir dir;
    const std::string main = dir.write("main.rules", "import \"sub/other.rules\"\n");
    std::filesystem::create_directories(dir.file("sub"));
    dir.write("sub/other.rules", "package broken {");  // on disk: a syntax error
    LoadOptions options;
    options.paths = {main};
    options.unsaved[dir.file("sub/../sub/other.rules")] = kRule;  // matched after normalising
    const auto loaded = load_rules(options);
    EXPECT_FALSE(loaded.diagnostics.has_errors()) << render_diagnostics(loaded);
    ASSERT_EQ(loaded.program.rules.size(), 1u);
    EXPECT_EQ(loaded.program.rules[0]->rule->id, "T-ONE");
}

TEST(LoaderUnsaved, IntactItemsOfAFileWithASyntaxErrorAreChecked) {
    test::TempDir dir;
    const std::string path = dir.write("half.rules", kRule + "\nrule T-TWO {\n  title \"Two\"\n  for c in\n}\n");
    LoadOptions options;
    options.paths = {path};
    EXPECT_TRUE(load_rules(options).program.files.at(0)->rules.empty());
    options.keep_intact_items = true;
    const auto loaded = load_rules(options);
    EXPECT_TRUE(loaded.diagnostics.has_errors());
    ASSERT_EQ(loaded.program.rules.size(), 1u);
    EXPECT_EQ(loaded.program.rules[0]->rule->id, "T-ONE");
}

}  // namespace
}  // namespace recallguard::engine
