// The documentation holds together: README.md is a short front door whose first code block is
// the two commands (the second is what CI runs), every page of docs/ is linked from it, and
// every relative link in README.md, docs/ and the READMEs of rules/, examples/, schemas/ and
// bench/ leads to a file of the repository and, for an #anchor into a Markdown file, to one of
// its headings (named the way GitHub names them).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();
constexpr std::size_t kReadmeMaxLines = 300;
const std::vector<std::string> kReadmeCommands{"bash scripts/audit-example.sh", "bash scripts/test.sh"};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool is_fence(const std::string& line) {
    const std::string stripped = trim(line);
    return stripped.rfind("```", 0) == 0 || stripped.rfind("~~~", 0) == 0;
}

// Decodes one UTF-8 code point at text[i] (advancing i); a malformed byte comes back as itself.
char32_t next_code_point(const std::string& text, std::size_t& i) {
    const auto byte = static_cast<unsigned char>(text[i++]);
    int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? byte & 0x07 : extra == 2 ? byte & 0x0F : extra == 1 ? byte & 0x1F : byte;
    for (; extra > 0 && i < text.size(); --extra) cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
    return cp;
}

// Punctuation and symbols outside ASCII that GitHub drops from anchors (the blocks our
// headings can contain: Latin-1 signs, general punctuation, arrows and math, CJK brackets,
// full-width punctuation).
bool is_dropped_symbol(char32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

// The anchor GitHub gives a heading: lower case; letters, digits, '-' and '_' kept, each
// space turned into '-', everything else dropped.
std::string github_anchor(const std::string& heading) {
    std::string anchor;
    for (std::size_t i = 0; i < heading.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(heading, i);
        if (cp < 0x80) {
            const auto c = static_cast<unsigned char>(cp);
            if (std::isalnum(c) || c == '-' || c == '_')
                anchor += static_cast<char>(std::tolower(c));
            else if (c == ' ')
                anchor += '-';
        } else if (!is_dropped_symbol(cp)) {
            anchor += heading.substr(start, i - start);
        }
    }
    return anchor;
}

struct Link {
    int line;
    std::string target;
};

struct Markdown {
    std::vector<std::string> lines;
    std::set<std::string> anchors;
    std::vector<Link> links;
};

// Headings and links of a Markdown text, outside fenced code blocks and inline code.
Markdown parse_markdown(const std::string& text) {
    static const std::regex heading(R"(^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$)");
    static const std::regex inline_link(R"(\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\))");
    static const std::regex reference_link(R"(^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?)");
    static const std::regex code_span("`+[^`]*`+");
    Markdown doc;
    doc.lines = split_lines(text);
    std::map<std::string, int> seen;
    bool in_fence = false;
    for (std::size_t n = 0; n < doc.lines.size(); ++n) {
        const std::string& line = doc.lines[n];
        if (is_fence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) continue;
        std::smatch match;
        if (std::regex_match(line, match, heading)) {
            const std::string base = github_anchor(match[1].str());
            const int count = seen[base]++;
            doc.anchors.insert(count == 0 ? base : base + "-" + std::to_string(count));
        }
        const std::string prose = std::regex_replace(line, code_span, "``");
        for (auto it = std::sregex_iterator(prose.begin(), prose.end(), inline_link); it != std::sregex_iterator();
             ++it)
            doc.links.push_back({static_cast<int>(n) + 1, (*it)[1].str()});
        if (std::regex_search(prose, match, reference_link))
            doc.links.push_back({static_cast<int>(n) + 1, match[1].str()});
    }
    return doc;
}

std::string percent_decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool is_markdown(const fs::path& path) {
    return path.extension() == ".md";
}

// Every problem with the relative links of `file` (inside `root`), as "file:line: message".
std::vector<std::string> link_problems(const fs::path& root, const fs::path& file) {
    static const std::regex scheme("^[A-Za-z][A-Za-z0-9+.-]*:");
    std::vector<std::string> problems;
    const Markdown doc = parse_markdown(read_text(file));
    const std::string where = fs::relative(file, root).generic_string();
    for (const Link& link : doc.links) {
        const std::string at = where + ":" + std::to_string(link.line) + ": link '" + link.target + "' ";
        if (std::regex_search(link.target, scheme)) continue;  // https:, mailto: ...
        const auto hash = link.target.find('#');
        const std::string path_part = percent_decode(link.target.substr(0, hash));
        const std::string anchor = hash == std::string::npos ? "" : percent_decode(link.target.substr(hash + 1));
        if (!path_part.empty() && path_part.front() == '/') {
            problems.push_back(at + "is absolute; links must be relative to the file");
            continue;
        }
        const fs::path target = path_part.empty() ? file : (file.parent_path() / path_part).lexically_normal();
        const std::string inside = fs::relative(target, root).generic_string();
        if (inside == ".." || inside.rfind("../", 0) == 0) {
            problems.push_back(at + "points outside the repository");
            continue;
        }
        if (!fs::exists(target)) {
            problems.push_back(at + "names " + inside + ", which does not exist");
            continue;
        }
        if (anchor.empty() || !is_markdown(target)) continue;
        if (!parse_markdown(read_text(target)).anchors.count(anchor))
            problems.push_back(at + "names a heading that " + inside + " does not have (#" + anchor + ")");
    }
    return problems;
}

// README.md, every Markdown file under docs/, and the READMEs of the folders that have them.
std::vector<fs::path> documentation_files(const fs::path& root) {
    std::vector<fs::path> files{root / "README.md"};
    if (fs::is_directory(root / "docs"))
        for (const auto& entry : fs::recursive_directory_iterator(root / "docs"))
            if (entry.is_regular_file() && is_markdown(entry.path())) files.push_back(entry.path());
    for (const char* folder : {"rules", "examples", "schemas", "bench"}) {
        if (!fs::is_directory(root / folder)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root / folder))
            if (entry.is_regular_file() && entry.path().filename() == "README.md") files.push_back(entry.path());
    }
    std::sort(files.begin() + 1, files.end());
    return files;
}

std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const std::string& problem : problems) out += problem + "\n";
    return out;
}

// The first fenced code block of a Markdown text, comments and blank lines left out.
std::vector<std::string> first_code_block_commands(const std::string& text) {
    std::vector<std::string> commands;
    bool inside = false;
    for (const std::string& line : split_lines(text)) {
        if (is_fence(line)) {
            if (inside) break;
            inside = true;
            continue;
        }
        if (!inside) continue;
        std::string command = line;
        if (const auto comment = command.find(" #"); comment != std::string::npos) command.erase(comment);
        if (trim(command).rfind('#', 0) == 0) continue;
        if (!trim(command).empty()) commands.push_back(trim(command));
    }
    return commands;
}

TEST(DocsTest, GithubAnchorsOfHeadings) {
    EXPECT_EQ(github_anchor("`check`"), "check");
    EXPECT_EQ(github_anchor("Tutorial: from an empty file to a checked, tested rule"),
              "tutorial-from-an-empty-file-to-a-checked-tested-rule");
    EXPECT_EQ(github_anchor("Rule tests (`*.ruletest`)"), "rule-tests-ruletest");
    EXPECT_EQ(github_anchor("`recallguard validate DB [--format text|json] [--jobs N]`"),
              "recallguard-validate-db---format-textjson---jobs-n");
    EXPECT_EQ(github_anchor("`consumer_products.rules` — 《消费品召回管理暂行规定》"),
              "consumer_productsrules--消费品召回管理暂行规定");
    const Markdown doc = parse_markdown("# Limits\n## Limits\n```\n# not a heading\n```\n");
    EXPECT_EQ(doc.anchors, (std::set<std::string>{"limits", "limits-1"}));
}

TEST(DocsTest, LinksAreFoundOutsideCodeOnly) {
    const Markdown doc = parse_markdown(
        "See [the CLI](docs/cli.md#check) and [`x`](a.md \"title\"), not `[y](b.md)`.\n"
        "```\n[z](c.md)\n```\n"
        "[ref]: docs/ref.md\n");
    ASSERT_EQ(doc.links.size(), 3u);
    EXPECT_EQ(doc.links[0].target, "docs/cli.md#check");
    EXPECT_EQ(doc.links[1].target, "a.md");
    EXPECT_EQ(doc.links[2].target, "docs/ref.md");
    EXPECT_EQ(doc.links[2].line, 5);
}

TEST(DocsTest, BrokenLinksAreReported) {
    recallguard::test::TempDir dir;
    const fs::path root = fs::path(dir.file("README.md")).parent_path();
    fs::create_directories(root / "docs");
    dir.write("docs/a.md", "# Page A\n## A part\n");
    dir.write("README.md",
              "[ok](docs/a.md#a-part) [ok](docs/a.md) [ok](#top) [web](https://example.org/x)\n"
              "# Top\n"
              "[gone](docs/missing.md)\n"
              "[no heading](docs/a.md#another-part)\n"
              "[no heading here](#bottom)\n"
              "[outside](../elsewhere.md)\n"
              "[absolute](/etc/passwd)\n");
    const std::vector<std::string> problems = link_problems(root, root / "README.md");
    ASSERT_EQ(problems.size(), 5u) << joined(problems);
    EXPECT_NE(problems[0].find("README.md:3: link 'docs/missing.md' names docs/missing.md, which does not exist"),
              std::string::npos);
    EXPECT_NE(problems[1].find("README.md:4:"), std::string::npos);
    EXPECT_NE(problems[1].find("(#another-part)"), std::string::npos);
    EXPECT_NE(problems[2].find("README.md:5:"), std::string::npos);
    EXPECT_NE(problems[3].find("outside the repository"), std::string::npos);
    EXPECT_NE(problems[4].find("is absolute"), std::string::npos);
}

TEST(DocsTest, ReadmeIsAFrontDoorUnder300Lines) {
    const std::size_t lines = split_lines(read_text(kRepo / "README.md")).size();
    EXPECT_LT(lines, kReadmeMaxLines) << "README.md has " << lines
                                      << " lines: keep it a front door and move the detail into docs/";
}

TEST(DocsTest, ReadmeFirstCodeBlockIsTheTwoCommands) {
    EXPECT_EQ(first_code_block_commands(read_text(kRepo / "README.md")), kReadmeCommands);
    EXPECT_EQ(first_code_block_commands("Intro\n```sh\nbash a.sh   # (1) comment\n\nbash b.sh\n```\n```\nc\n```\n"),
              (std::vector<std::string>{"bash a.sh", "bash b.sh"}));
    // CI runs exactly the second command.
    bool ci_runs_it = false;
    for (const std::string& line : split_lines(read_text(kRepo / ".ci" / "run")))
        if (trim(line).rfind('#', 0) != 0 && line.find(kReadmeCommands[1]) != std::string::npos) ci_runs_it = true;
    EXPECT_TRUE(ci_runs_it) << ".ci/run does not run `" << kReadmeCommands[1] << "`";
}

TEST(DocsTest, EveryRelativeLinkResolves) {
    std::vector<std::string> problems;
    const std::vector<fs::path> files = documentation_files(kRepo);
    for (const fs::path& file : files) {
        const std::vector<std::string> found = link_problems(kRepo, file);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    EXPECT_GT(files.size(), 1u);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(DocsTest, EveryDocsPageIsLinkedFromReadme) {
    std::set<std::string> linked;
    for (const Link& link : parse_markdown(read_text(kRepo / "README.md")).links)
        linked.insert(fs::path(link.target.substr(0, link.target.find('#'))).lexically_normal().generic_string());
    ASSERT_TRUE(fs::is_directory(kRepo / "docs")) << "there is no docs/ folder";
    std::vector<std::string> unlinked;
    for (const auto& entry : fs::directory_iterator(kRepo / "docs")) {
        if (!is_markdown(entry.path())) continue;
        const std::string page = "docs/" + entry.path().filename().string();
        if (!linked.count(page)) unlinked.push_back(page + " is not linked from README.md");
    }
    EXPECT_TRUE(unlinked.empty()) << joined(unlinked);
}

}  // namespace
