// `recallguard lsp` driven as an editor's client drives it: the protocol's lifecycle, diagnostics
// as the text changes (with the positions of text after Chinese characters and an emoji counted
// in UTF-16 and in UTF-8), hover, completion, definition, outline, formatting, quick fixes, and
// everything an editor may send that is not well formed.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "../unit/temp_dir.h"
#include "lsp_client.h"
#include "run_cli.h"

namespace {
namespace fs = std::filesystem;
using recallguard::test::Json;
using recallguard::test::LspClient;
using recallguard::test::TempDir;

// Line numbers below are 0-based, as LSP counts.
const std::string kRules = R"rules(package test.lsp {
  title "测试包 test package"
  authority "SAMR"
  calendar CN
  source "Order No. 19"
}

rule T-LSP-ONE {
  title "Recall plan on time"
  cite "Art. 17(1)"
  category missed_recall_measure
  severity high
  param allowed = 10 working days

  for c in defect_cases
  where c.product.market = "CN" and c.conclusion = "defect"
  let plan = earliest(f.filed_on for f in c.filings where f.kind = "recall_plan")

  deadline {
    after c.concluded_on
    within allowed
    require f in c.filings where f.kind = "recall_plan" dated f.filed_on
  }
  message "案件😀 {c.case_id}: 计划 {plan} due {due}"
}
)rules";
constexpr int kMessageLine = 23;

std::string file_uri(const std::string& path) {
    return "file://" + path;
}

Json position(int line, int character) {
    return {{"line", line}, {"character", character}};
}

Json at(const std::string& uri, int line, int character) {
    return {{"textDocument", {{"uri", uri}}}, {"position", position(line, character)}};
}

// UTF-16 code units of UTF-8 text: one per code point, two past U+FFFF.
int utf16_units(const std::string& text) {
    int units = 0;
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
        units += length == 4 ? 2 : 1;
        i += length;
    }
    return units;
}

// The 0-based line and UTF-16 column of the n-th `needle` in `text`.
std::pair<int, int> find(const std::string& text, const std::string& needle, int occurrence = 1) {
    size_t offset = std::string::npos;
    for (int i = 0; i < occurrence; ++i) offset = text.find(needle, offset == std::string::npos ? 0 : offset + 1);
    if (offset == std::string::npos) throw std::runtime_error("no '" + needle + "' in the text");
    const size_t line_start =
        offset == 0 || text.rfind('\n', offset - 1) == std::string::npos ? 0 : text.rfind('\n', offset - 1) + 1;
    const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    return {line, utf16_units(text.substr(line_start, offset - line_start))};
}

class LspCli : public testing::Test {
protected:
    void open(LspClient& client, const std::string& path, const std::string& text, int version = 1) {
        client.notify(
            "textDocument/didOpen",
            {{"textDocument",
              {{"uri", file_uri(path)}, {"languageId", "recallguard-rules"}, {"version", version}, {"text", text}}}});
    }
    Json diagnostics_of(LspClient& client, const std::string& path) {
        while (true) {
            Json note = client.notification("textDocument/publishDiagnostics");
            if (note["params"]["uri"] == file_uri(path)) return note["params"]["diagnostics"];
        }
    }
    void end_session(LspClient& client) {
        EXPECT_EQ(client.request("shutdown", nullptr)["result"], nullptr);
        client.notify("exit", nullptr);
        EXPECT_EQ(client.finish(), 0);
    }
    TempDir dir_;
};

// --- Lifecycle -------------------------------------------------------------------------------

TEST_F(LspCli, InitializeAnnouncesTheFeaturesAndShutdownThenExitEndsWithZero) {
    LspClient client;
    const Json result = client.initialize()["result"];
    const Json& capabilities = result["capabilities"];
    EXPECT_EQ(capabilities["positionEncoding"], "utf-16");  // the client offered nothing else
    EXPECT_EQ(capabilities["textDocumentSync"]["change"], 2);
    for (const char* feature :
         {"hoverProvider", "definitionProvider", "documentSymbolProvider", "documentFormattingProvider"})
        EXPECT_EQ(capabilities[feature], true) << feature;
    EXPECT_EQ(capabilities["completionProvider"]["triggerCharacters"], Json::array({".", "\""}));
    EXPECT_EQ(capabilities["codeActionProvider"]["codeActionKinds"], Json::array({"quickfix"}));
    EXPECT_EQ(result["serverInfo"]["name"], "recallguard");
    end_session(client);
}

TEST_F(LspCli, RequestsBeforeInitializeAndAfterShutdownAreRefusedAndExitWithoutShutdownIsOne) {
    LspClient client;
    EXPECT_EQ(client.request("textDocument/hover", at("file:///x.rules", 0, 0))["error"]["code"], -32002);
    client.initialize();
    EXPECT_EQ(client.request("initialize", {{"capabilities", Json::object()}})["error"]["code"], -32600);
    EXPECT_EQ(client.request("shutdown", nullptr)["result"], nullptr);
    EXPECT_EQ(client.request("textDocument/hover", at("file:///x.rules", 0, 0))["error"]["code"], -32600);
    LspClient abandoned;
    abandoned.initialize();
    abandoned.notify("exit", nullptr);
    EXPECT_EQ(abandoned.finish(), 1);
    client.notify("exit", nullptr);
    EXPECT_EQ(client.finish(), 0);
}

TEST_F(LspCli, TheEndOfTheInputEndsTheServer) {
    LspClient client;
    client.initialize();
    EXPECT_EQ(client.finish(), 1);
}

// --- Diagnostics ------------------------------------------------------------------------------

TEST_F(LspCli, DiagnosticsAreLintsWithTheirCodesRangesAndDidYouMean) {
    std::string text = kRules;
    text.replace(text.find("c.product.market"), 16, "c.product.markt");
    text.replace(text.find("\"defect\""), 8, "\"defekt\"");
    const std::string path = dir_.write("one.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    const Json diagnostics = diagnostics_of(client, path);

    // The same problems as `recallguard lint --format json` on the file.
    const auto lint = recallguard::test::run_cli({"lint", "--format", "json", path});
    const Json lint_json = Json::parse(lint.out);
    std::multiset<std::string> from_lint, from_server;
    for (const auto& d : lint_json["diagnostics"])
        from_lint.insert(d["code"].get<std::string>() + " " + std::to_string(d["line"].get<int>() - 1) + ":" +
                         std::to_string(d["column"].get<int>() - 1) + " " + d["message"].get<std::string>());
    for (const auto& d : diagnostics)
        from_server.insert(d["code"].get<std::string>() + " " + std::to_string(d["range"]["start"]["line"].get<int>()) +
                           ":" + std::to_string(d["range"]["start"]["character"].get<int>()) + " " +
                           d["message"].get<std::string>());
    EXPECT_EQ(from_server, from_lint) << lint.out;
    ASSERT_EQ(diagnostics.size(), 2u) << diagnostics.dump(1);

    const auto [line, column] = find(text, "markt");
    const Json& unknown = diagnostics[0];
    EXPECT_EQ(unknown["code"], "E-UNKNOWN-COLUMN");
    EXPECT_EQ(unknown["severity"], 1);
    EXPECT_EQ(unknown["source"], "recallguard");
    EXPECT_EQ(unknown["range"], Json({{"start", position(line, column)}, {"end", position(line, column + 5)}}));
    EXPECT_EQ(unknown["data"]["replacement"], "market");
    const Json& impossible = diagnostics[1];
    EXPECT_EQ(impossible["code"], "E-IMPOSSIBLE-VALUE");
    EXPECT_EQ(impossible["severity"], 1);
    const auto [value_line, value_column] = find(text, "\"defekt\"");
    EXPECT_EQ(impossible["range"]["start"], position(value_line, value_column));
    EXPECT_EQ(impossible["range"]["end"], position(value_line, value_column + 8));

    // The did-you-mean as a quick fix, with the client sending the diagnostics back.
    const Json actions =
        client.request("textDocument/codeAction", {{"textDocument", {{"uri", file_uri(path)}}},
                                                   {"range", unknown["range"]},
                                                   {"context", {{"diagnostics", diagnostics}}}})["result"];
    ASSERT_EQ(actions.size(), 2u) << actions.dump(1);
    EXPECT_EQ(actions[0]["kind"], "quickfix");
    EXPECT_EQ(actions[0]["title"], "Replace with 'market'");
    EXPECT_EQ(actions[0]["edit"]["changes"][file_uri(path)],
              Json::array({{{"range", unknown["range"]}, {"newText", "market"}}}));
    EXPECT_EQ(actions[1]["edit"]["changes"][file_uri(path)][0]["newText"], "\"defect\"");
    // A client that does not send `data` back gets the same fix.
    Json bare = unknown;
    bare.erase("data");
    const Json again = client.request("textDocument/codeAction", {{"textDocument", {{"uri", file_uri(path)}}},
                                                                  {"range", unknown["range"]},
                                                                  {"context", {{"diagnostics", {bare}}}}})["result"];
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0]["edit"]["changes"][file_uri(path)][0]["newText"], "market");
    end_session(client);
}

// A mistake after Chinese characters and an emoji: UTF-16 counts 😀 as two units, UTF-8 as
// four bytes and each Chinese character as three.
TEST_F(LspCli, RangesAfterChineseTextAndAnEmojiAreCountedInTheNegotiatedEncoding) {
    std::string text = kRules;
    text.replace(text.find("{c.case_id}"), 11, "{c.cse_id}");
    const std::string path = dir_.write("cn.rules", text);
    // `  message "案件😀 {c.` is 11 ASCII + 2 Chinese + 1 emoji + 4 ASCII before `cse_id`.
    struct Case {
        Json offered;
        std::string agreed;
        int column;
    };
    for (const Case& c : {Case{Json::array({"utf-16"}), "utf-16", 11 + 2 + 2 + 4},
                          Case{Json::array({"utf-8", "utf-16"}), "utf-8", 11 + 6 + 4 + 4}}) {
        LspClient client;
        const Json result = client.initialize({{"general", {{"positionEncodings", c.offered}}}})["result"];
        EXPECT_EQ(result["capabilities"]["positionEncoding"], c.agreed);
        open(client, path, text);
        const Json diagnostics = diagnostics_of(client, path);
        ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(1);
        EXPECT_EQ(diagnostics[0]["code"], "E-UNKNOWN-COLUMN");
        EXPECT_EQ(diagnostics[0]["range"]["start"], position(kMessageLine, c.column)) << c.agreed;
        EXPECT_EQ(diagnostics[0]["range"]["end"], position(kMessageLine, c.column + 6)) << c.agreed;
        // Hover at that position names the line's other placeholder's table, so positions map back too.
        const Json hover = client.request("textDocument/hover", at(file_uri(path), kMessageLine, c.column - 2));
        EXPECT_NE(hover["result"]["contents"]["value"].get<std::string>().find("a row of `defect_cases`"),
                  std::string::npos)
            << hover.dump();
        end_session(client);
    }
}

TEST_F(LspCli, IncrementalChangesInUtf16KeepTheTextAndTheDiagnosticsInStep) {
    const std::string path = dir_.write("edit.rules", kRules);
    LspClient client;
    client.initialize();
    open(client, path, kRules);
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    // Replace `case_id` (after 案件😀, at UTF-16 column 19) with `cse_id`, as an editor sends it.
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", file_uri(path)}, {"version", 2}}},
                   {"contentChanges",
                    {{{"range", {{"start", position(kMessageLine, 19)}, {"end", position(kMessageLine, 26)}}},
                      {"text", "cse_id"}}}}});
    Json diagnostics = diagnostics_of(client, path);
    ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(1);
    EXPECT_EQ(diagnostics[0]["message"],
              "table defect_cases has no column or relation 'cse_id'; did you mean 'case_id'?");
    EXPECT_EQ(diagnostics[0]["range"]["start"], position(kMessageLine, 19));
    // Half typed: an unfinished line is a syntax error, and only that is shown (as lint does).
    client.notify(
        "textDocument/didChange",
        {{"textDocument", {{"uri", file_uri(path)}, {"version", 3}}},
         {"contentChanges",
          {{{"range", {{"start", position(16, 0)}, {"end", position(16, 0)}}}, {"text", "  let x = c.\n"}}}}});
    diagnostics = diagnostics_of(client, path);
    ASSERT_GE(diagnostics.size(), 1u);
    for (const auto& d : diagnostics) EXPECT_EQ(d["code"], "E-PARSE") << d.dump();
    // A whole-text change puts everything right again.
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", file_uri(path)}, {"version", 4}}},
                                             {"contentChanges", {{{"text", kRules}}}}});
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    end_session(client);
}

// --- Hover ------------------------------------------------------------------------------------

TEST_F(LspCli, HoverExplainsColumnsRelationsParametersLetsRuleIdsAndCalendars) {
    const std::string path = dir_.write("hover.rules", kRules);
    LspClient client;
    client.initialize();
    open(client, path, kRules);
    auto hover = [&](const std::string& needle, int occurrence = 1) {
        const auto [line, column] = find(kRules, needle, occurrence);
        const Json response = client.request("textDocument/hover", at(file_uri(path), line, column + 1));
        return response["result"].is_null() ? std::string("(none)")
                                            : response["result"]["contents"]["value"].get<std::string>();
    };
    const std::string market = hover("market");
    EXPECT_NE(market.find("**market**: column of table `products`"), std::string::npos) << market;
    EXPECT_NE(market.find("Type: text"), std::string::npos) << market;
    const std::string conclusion = hover("conclusion");
    EXPECT_NE(conclusion.find("Values: `\"defect\"`, `\"no_defect\"`"), std::string::npos) << conclusion;
    const std::string product = hover("product.");
    EXPECT_NE(product.find("relation from `defect_cases` to one row of `products`"), std::string::npos) << product;
    const std::string filings = hover("filings", 1);
    EXPECT_NE(filings.find("the rows of `filings`"), std::string::npos) << filings;
    const std::string allowed = hover("allowed", 2);
    EXPECT_NE(allowed.find("Value: `10 working days`"), std::string::npos) << allowed;
    EXPECT_NE(allowed.find("Unit: working days"), std::string::npos) << allowed;
    const std::string plan = hover("{plan}");
    EXPECT_NE(plan.find("**plan**: a date (let)"), std::string::npos) << plan;
    EXPECT_NE(plan.find("let plan = earliest(f.filed_on for f in c.filings where f.kind = \"recall_plan\")"),
              std::string::npos)
        << plan;
    const std::string rule = hover("T-LSP-ONE");
    EXPECT_NE(rule.find("**T-LSP-ONE**: Recall plan on time"), std::string::npos) << rule;
    EXPECT_NE(rule.find("Cites: Art. 17(1)"), std::string::npos) << rule;
    EXPECT_NE(rule.find("Instrument: 测试包 test package — Order No. 19"), std::string::npos) << rule;
    const std::string calendar = hover("CN\n");
    EXPECT_NE(calendar.find("Covers 2008–2026"), std::string::npos) << calendar;
    const std::string table = hover("defect_cases");
    EXPECT_NE(table.find("**defect_cases**: table"), std::string::npos) << table;
    EXPECT_EQ(hover("title"), "(none)");  // a keyword
    end_session(client);
}

// --- Completion -------------------------------------------------------------------------------

std::set<std::string> labels(const Json& response) {
    std::set<std::string> out;
    for (const auto& item : response["result"]["items"]) out.insert(item["label"].get<std::string>());
    return out;
}

TEST_F(LspCli, CompletionFollowsTheNavigationPathAndOffersValuesCalendarsAndNames) {
    const std::string path = dir_.write("complete.rules", kRules);
    LspClient client;
    client.initialize();
    open(client, path, kRules);
    // After `c.product.` (the cursor just after the dot): the columns and relations of products.
    const auto [line, column] = find(kRules, "market");
    const auto members = labels(client.request("textDocument/completion", at(file_uri(path), line, column)));
    for (const char* name : {"market", "category", "model", "units_sold", "company", "filings", "sales"})
        EXPECT_TRUE(members.count(name)) << name;
    EXPECT_FALSE(members.count("conclusion"));  // a column of defect_cases, not products
    // After `c.`: the columns of defect_cases.
    const auto subject = labels(client.request("textDocument/completion", at(file_uri(path), line, column - 8)));
    EXPECT_TRUE(subject.count("conclusion") && subject.count("product") && subject.count("filings"));
    // Inside the string compared with c.conclusion: its values, replacing what is typed.
    const auto [value_line, value_column] = find(kRules, "defect\"");
    const Json values = client.request("textDocument/completion", at(file_uri(path), value_line, value_column + 2));
    EXPECT_EQ(labels(values), (std::set<std::string>{"defect", "no_defect"}));
    EXPECT_EQ(values["result"]["items"][0]["textEdit"]["range"],
              Json({{"start", position(value_line, value_column)}, {"end", position(value_line, value_column + 2)}}));
    // After `calendar `: the calendars.
    const auto [calendar_line, calendar_column] = find(kRules, "CN\n");
    const auto calendars =
        labels(client.request("textDocument/completion", at(file_uri(path), calendar_line, calendar_column)));
    EXPECT_EQ(calendars, (std::set<std::string>{"CN", "US"}));
    // At the start of a clause: keywords and the names in scope.
    const auto words = labels(client.request("textDocument/completion", at(file_uri(path), 17, 0)));
    for (const char* name : {"deadline", "violation", "let", "c", "allowed", "plan", "count", "as_of"})
        EXPECT_TRUE(words.count(name)) << name;
    end_session(client);
}

TEST_F(LspCli, CompletionWorksWhileTheRuleIsHalfTyped) {
    std::string text = kRules;
    // `unless c.product.` with nothing after the dot: the rule does not parse.
    text.replace(text.find("  }\n  message"), 4, "    unless c.product.\n  }\n");
    const std::string path = dir_.write("half.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    const auto [line, column] = find(text, "unless c.product.");
    const auto members = labels(client.request("textDocument/completion", at(file_uri(path), line, column + 17)));
    EXPECT_TRUE(members.count("market") && members.count("company")) << testing::PrintToString(members);
    // Value completion in a comparison being typed: `c.conclusion = "` and nothing more.
    std::string typing = kRules;
    typing.replace(typing.find("c.conclusion = \"defect\""), 23, "c.conclusion = \"");
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", file_uri(path)}, {"version", 2}}},
                                             {"contentChanges", {{{"text", typing}}}}});
    const auto [value_line, value_column] = find(typing, "c.conclusion = \"");
    EXPECT_EQ(labels(client.request("textDocument/completion", at(file_uri(path), value_line, value_column + 16))),
              (std::set<std::string>{"defect", "no_defect"}));
    end_session(client);
}

TEST_F(LspCli, CompletionPicksTheDeclarationInScopeWhenANameIsReused) {
    std::string text = kRules;
    text.replace(text.find("\n  deadline {"), 0,
                 "\n  let plans = count(x in c.filings where x.kind = \"recall_plan\")"
                 "\n  let sold = sum(x.units for x in c.product.sales where x.sold_on > c.opened_on)");
    const std::string path = dir_.write("reuse.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    auto members_at = [&](const std::string& needle, int occurrence) {
        const auto [line, column] = find(text, needle, occurrence);
        return labels(client.request("textDocument/completion", at(file_uri(path), line, column + 2)));
    };
    // `x.kind` in the first: filings; `x.units` (before its declaration) and `x.sold_on`: sales.
    EXPECT_TRUE(members_at("x.kind", 1).count("kind"));
    EXPECT_FALSE(members_at("x.kind", 1).count("units"));
    EXPECT_TRUE(members_at("x.units", 1).count("units"));
    EXPECT_FALSE(members_at("x.units", 1).count("kind"));
    EXPECT_TRUE(members_at("x.sold_on", 1).count("sold_on"));
    end_session(client);
}

// --- Definition, outline -------------------------------------------------------------------------

TEST_F(LspCli, DefinitionLeadsToParametersLetsVariablesImportsAndCalendars) {
    const std::string shared = "package test.shared {\n  title \"Shared\"\n}\n";
    const std::string shared_path = dir_.write("shared.rules", shared);
    const std::string text = "import \"shared.rules\"\n\n" + kRules;
    const std::string path = dir_.write("def.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    auto definition = [&](const std::string& needle, int occurrence) {
        const auto [line, column] = find(text, needle, occurrence);
        return client.request("textDocument/definition", at(file_uri(path), line, column + 1))["result"];
    };
    auto range_of = [&](const std::string& needle, int occurrence, int length) {
        const auto [line, column] = find(text, needle, occurrence);
        return Json({{"start", position(line, column)}, {"end", position(line, column + length)}});
    };
    EXPECT_EQ(definition("allowed", 2), Json({{"uri", file_uri(path)}, {"range", range_of("allowed", 1, 7)}}));
    EXPECT_EQ(definition("{plan}", 1)["range"], range_of("plan =", 1, 4));
    EXPECT_EQ(definition("c.concluded_on", 1)["range"], range_of("c in defect_cases", 1, 1));
    // The second `f` (in `require f ...`) is its own declaration; its uses lead there.
    EXPECT_EQ(definition("f.filed_on", 2)["range"],
              range_of("f in c.filings where f.kind = \"recall_plan\" dated", 1, 1));
    const Json import = definition("import", 1);
    EXPECT_EQ(import["uri"], file_uri(shared_path));
    EXPECT_EQ(import["range"]["start"], position(0, 0));
    const Json calendar = definition("CN\n", 1);
    const std::string calendar_uri = calendar["uri"];
    EXPECT_EQ(calendar_uri.substr(calendar_uri.size() - 21), "calendars/CN.calendar");
    EXPECT_EQ(definition("market", 1), nullptr);  // the data model has no source file
    end_session(client);
}

TEST_F(LspCli, DocumentSymbolsArePackagesWithTheirRules) {
    const std::string text = kRules + "\nrule T-LSP-TWO {\n  title \"Two\"\n}\n";
    const std::string path = dir_.write("symbols.rules", text);
    LspClient client;
    client.initialize({{"textDocument", {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}}}}});
    open(client, path, text);
    const Json symbols =
        client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", file_uri(path)}}}})["result"];
    ASSERT_EQ(symbols.size(), 1u) << symbols.dump(1);
    EXPECT_EQ(symbols[0]["name"], "test.lsp");
    EXPECT_EQ(symbols[0]["kind"], 4);
    ASSERT_EQ(symbols[0]["children"].size(), 2u);
    const Json& rule = symbols[0]["children"][0];
    EXPECT_EQ(rule["name"], "T-LSP-ONE");
    EXPECT_EQ(rule["detail"], "Recall plan on time");
    EXPECT_EQ(rule["range"]["start"], position(7, 0));
    EXPECT_EQ(rule["range"]["end"], position(24, 1));
    EXPECT_EQ(rule["selectionRange"], Json({{"start", position(7, 5)}, {"end", position(7, 14)}}));
    EXPECT_EQ(rule["children"][0]["name"], "allowed");
    EXPECT_EQ(rule["children"][1]["name"], "plan");
    EXPECT_EQ(symbols[0]["children"][1]["name"], "T-LSP-TWO");
    // A client without hierarchy gets the flat list, with containers.
    LspClient flat;
    flat.initialize();
    open(flat, path, text);
    const Json list =
        flat.request("textDocument/documentSymbol", {{"textDocument", {{"uri", file_uri(path)}}}})["result"];
    ASSERT_EQ(list.size(), 5u) << list.dump(1);
    EXPECT_EQ(list[1]["name"], "T-LSP-ONE");
    EXPECT_EQ(list[1]["containerName"], "test.lsp");
    end_session(client);
    end_session(flat);
}

// --- Formatting ---------------------------------------------------------------------------------

TEST_F(LspCli, FormattingIsRecallguardFmtAndWritesNoFile) {
    const std::string messy =
        "package p { title \"P\" }\nrule T-ONE { title \"案件\"   cite \"x\"\n"
        "for c in defect_cases violation when c.opened_on<as_of }\n";
    const std::string path = dir_.write("messy.rules", messy);
    const std::string copy = dir_.write("copy.rules", messy);
    ASSERT_EQ(recallguard::test::run_cli({"fmt", copy}).exit_code, 0);
    const std::string expected = recallguard::test::read_bytes(copy);
    ASSERT_NE(expected, messy);
    LspClient client;
    client.initialize();
    open(client, path, messy);
    const Json edits = client.request(
        "textDocument/formatting",
        {{"textDocument", {{"uri", file_uri(path)}}}, {"options", {{"tabSize", 4}, {"insertSpaces", true}}}})["result"];
    ASSERT_EQ(edits.size(), 1u) << edits.dump(1);
    EXPECT_EQ(edits[0]["range"], Json({{"start", position(0, 0)}, {"end", position(3, 0)}}));
    EXPECT_EQ(edits[0]["newText"], expected);
    EXPECT_EQ(recallguard::test::read_bytes(path), messy);
    // Formatted text: no edits. A text with a syntax error: nothing, and a message saying why.
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", file_uri(path)}, {"version", 2}}},
                                             {"contentChanges", {{{"text", expected}}}}});
    EXPECT_EQ(client.request("textDocument/formatting", {{"textDocument", {{"uri", file_uri(path)}}}})["result"],
              Json::array());
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", file_uri(path)}, {"version", 3}}},
                                             {"contentChanges", {{{"text", "rule {"}}}}});
    EXPECT_EQ(client.request("textDocument/formatting", {{"textDocument", {{"uri", file_uri(path)}}}})["result"],
              nullptr);
    EXPECT_NE(client.notification("window/showMessage")["params"]["message"].get<std::string>().find("syntax errors"),
              std::string::npos);
    end_session(client);
}

// --- Workspace: imports from open buffers, calendars ----------------------------------------------

TEST_F(LspCli, ImportsReadOpenBuffersAndChangesToAnImportReachItsImporters) {
    const std::string base = "package test.base {\n  title \"Base\"\n}\n";
    const std::string base_path = dir_.write("base.rules", base);
    const std::string text = "import \"base.rules\"\n\n" + kRules;
    const std::string path = dir_.write("main.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    // Opening the imported file with a rule id that the importer uses too: a duplicate, found in
    // the unsaved buffer, reported on the importer at its import.
    const std::string clash = base + "\n" + kRules.substr(kRules.find("rule T-LSP-ONE"));
    open(client, base_path, clash);
    Json diagnostics;
    do diagnostics = diagnostics_of(client, path);
    while (diagnostics.empty());
    bool duplicate = false;
    for (const auto& d : diagnostics) duplicate = duplicate || d["code"] == "E-DUPLICATE-RULE";
    EXPECT_TRUE(duplicate) << diagnostics.dump(1);
    // A missing import is an error at the import.
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", file_uri(path)}, {"version", 2}}},
                   {"contentChanges", {{{"text", "import \"nowhere.rules\"\n\n" + kRules}}}}});
    diagnostics = diagnostics_of(client, path);
    ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(1);
    EXPECT_EQ(diagnostics[0]["code"], "E-IMPORT");
    EXPECT_EQ(diagnostics[0]["range"]["start"], position(0, 0));
    end_session(client);
}

TEST_F(LspCli, AnImportThatDoesNotParseShowsItsSyntaxErrorsAndTheProblemsOfItsIntactRulesAsLintDoes) {
    // The imported file has a rule with an unknown column (intact) and a rule that does not parse.
    std::string broken = kRules;
    broken.replace(broken.find("c.product.market"), 16, "c.product.markt");
    broken += "\nrule T-LSP-TWO {\n  for c in\n}\n";
    dir_.write("broken.rules", broken);
    const std::string text = "import \"broken.rules\"\n";
    const std::string path = dir_.write("importer.rules", text);
    LspClient client;
    client.initialize();
    open(client, path, text);
    const Json diagnostics = diagnostics_of(client, path);
    const auto lint = recallguard::test::run_cli({"lint", "--format", "json", path});
    const Json lint_json = Json::parse(lint.out);
    ASSERT_EQ(diagnostics.size(), lint_json["diagnostics"].size()) << diagnostics.dump(1) << lint.out;
    std::multiset<std::string> codes;
    for (const auto& d : diagnostics) {
        codes.insert(d["code"].get<std::string>());
        EXPECT_EQ(d["range"]["start"], position(0, 0));  // at the import
        EXPECT_EQ(d["relatedInformation"][0]["location"]["uri"], file_uri(dir_.file("broken.rules")));
    }
    EXPECT_EQ(codes.count("E-UNKNOWN-COLUMN"), 1u) << diagnostics.dump(1);  // the intact rule's problem
    EXPECT_GE(codes.count("E-PARSE"), 1u) << diagnostics.dump(1);
    end_session(client);
}

TEST_F(LspCli, CalendarsComeFromTheFlagOrTheEditorsInitializationOptions) {
    fs::create_directories(dir_.file("calendars"));
    dir_.write("calendars/XX.calendar",
               "calendar XX\ntitle \"Test calendar\"\nweekend sat sun\nyears 2025 2025\n2025-01-01 holiday New Year\n");
    const std::string path = dir_.write("cal.rules", kRules);
    auto codes_and_calendars = [&](LspClient& client) {
        open(client, path, kRules);
        std::string codes;
        for (const auto& d : diagnostics_of(client, path)) codes += d["code"].get<std::string>() + " ";
        const auto [line, column] = find(kRules, "CN\n");
        const Json completion = client.request("textDocument/completion", at(file_uri(path), line, column));
        return codes + "| " + testing::PrintToString(labels(completion));
    };
    {
        // An editor that sends an empty setting leaves the command line's folder in force.
        LspClient client({"lsp", "--calendars", dir_.file("calendars")});
        client.initialize(Json::object(), {{"calendars", ""}});
        EXPECT_EQ(codes_and_calendars(client), "E-UNKNOWN-CALENDAR | { \"XX\" }");
        // A configuration change back to the bundled calendars: CN is there again.
        client.notify("workspace/didChangeConfiguration", {{"settings", {{"recallguard", {{"calendars", ""}}}}}});
        EXPECT_EQ(diagnostics_of(client, path).size(), 1u);  // still the flag's folder
        end_session(client);
    }
    {
        // Relative to the workspace root, as an editor's setting is written.
        LspClient client;
        client.initialize(Json::object(), {{"calendars", "calendars"}}, file_uri(dir_.file("")));
        EXPECT_EQ(codes_and_calendars(client), "E-UNKNOWN-CALENDAR | { \"XX\" }");
        client.notify("workspace/didChangeConfiguration", {{"settings", {{"recallguard", {{"calendars", ""}}}}}});
        EXPECT_EQ(diagnostics_of(client, path), Json::array());  // the bundled calendars have CN
        end_session(client);
    }
}

TEST_F(LspCli, RuleTestsAndCalendarFilesGetTheDiagnosticsOfTheirParsers) {
    LspClient client;
    client.initialize();
    const std::string calendar_path = dir_.file("XX.calendar");
    client.notify(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", file_uri(calendar_path)},
           {"languageId", "recallguard-calendar"},
           {"version", 1},
           {"text", "calendar XX\ntitle \"节假日\"\nweekend sat sun\nyears 2025 2025\n2025-02-30 holiday 春节\n"}}}});
    Json diagnostics = diagnostics_of(client, calendar_path);
    ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(1);
    EXPECT_EQ(diagnostics[0]["code"], "E-CALENDAR");
    EXPECT_EQ(diagnostics[0]["range"]["start"]["line"], 4);
    fs::create_directories(dir_.file("x/y"));  // no rule files near it: its parser's checks only
    const std::string test_path = dir_.file("x/y/a.ruletest");
    client.notify("textDocument/didOpen", {{"textDocument",
                                            {{"uri", file_uri(test_path)},
                                             {"languageId", "recallguard-ruletest"},
                                             {"version", 1},
                                             {"text", "test \"one\"\nas_of 2025-13-01\nexpect nothing\n"}}}});
    diagnostics = diagnostics_of(client, test_path);
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_EQ(diagnostics[0]["range"]["start"]["line"], 1) << diagnostics.dump(1);
    // Neither is formatted or completed: those are for rule files.
    EXPECT_EQ(client.request("textDocument/formatting", {{"textDocument", {{"uri", file_uri(test_path)}}}})["result"],
              nullptr);
    EXPECT_EQ(client.request("textDocument/completion", at(file_uri(test_path), 0, 0))["result"], Json::array());
    end_session(client);
}

TEST_F(LspCli, RuleIdsInARuleTestLeadToTheirRulesInThePack) {
    fs::create_directories(dir_.file("pack/tests"));
    const std::string rules_path = dir_.write("pack/one.rules", kRules);
    const std::string test = "# 测试\ntest \"late\"\nas_of 2025-12-31\nrules T-LSP-ONE T-LSP-TOW\nexpect nothing\n";
    const std::string test_path = dir_.write("pack/tests/one.ruletest", test);
    LspClient client;
    client.initialize();
    client.notify(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", file_uri(test_path)}, {"languageId", "recallguard-ruletest"}, {"version", 1}, {"text", test}}}});
    const Json diagnostics = diagnostics_of(client, test_path);
    ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.dump(1);
    EXPECT_EQ(diagnostics[0]["code"], "E-TEST-UNKNOWN-RULE");
    EXPECT_NE(diagnostics[0]["message"].get<std::string>().find("did you mean 'T-LSP-ONE'"), std::string::npos);
    const auto [line, column] = find(test, "T-LSP-ONE");
    const Json hover = client.request("textDocument/hover", at(file_uri(test_path), line, column + 3))["result"];
    EXPECT_NE(hover["contents"]["value"].get<std::string>().find("**T-LSP-ONE**: Recall plan on time"),
              std::string::npos)
        << hover.dump();
    EXPECT_EQ(hover["range"], Json({{"start", position(line, column)}, {"end", position(line, column + 9)}}));
    const Json definition = client.request("textDocument/definition", at(file_uri(test_path), line, column))["result"];
    EXPECT_EQ(definition,
              Json({{"uri", file_uri(rules_path)}, {"range", {{"start", position(7, 5)}, {"end", position(7, 14)}}}}));
    EXPECT_EQ(client.request("textDocument/hover", at(file_uri(test_path), line, column + 12))["result"], nullptr);
    end_session(client);
}

// --- Robustness ---------------------------------------------------------------------------------

TEST_F(LspCli, MalformedMessagesAreAnsweredWithErrorsAndTheServerCarriesOn) {
    const std::string path = dir_.write("robust.rules", kRules);
    LspClient client;
    client.initialize();
    auto next_error = [&]() {
        Json message = client.read_message();
        while (!message.contains("error")) message = client.read_message();
        return message;
    };
    client.write_raw("Content-Length: 8\r\n\r\n{\"jsonrp");  // not JSON
    EXPECT_EQ(next_error()["error"]["code"], -32700);
    client.write_raw("Content-Length: 4\r\n\r\n\"\xff\xfe\"");  // not UTF-8
    EXPECT_EQ(next_error()["error"]["code"], -32700);
    client.write_raw("Content-Type: text/plain\r\n\r\n");  // no length
    EXPECT_EQ(next_error()["error"]["code"], -32700);
    client.write_raw("Content-Length: lots\r\n\r\n");
    EXPECT_EQ(next_error()["error"]["code"], -32700);
    client.send(Json::array({{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "shutdown"}}}));  // a batch
    EXPECT_EQ(next_error()["error"]["code"], -32600);
    client.send({{"jsonrpc", "2.0"}, {"id", Json::object()}, {"method", "shutdown"}});
    EXPECT_EQ(next_error()["error"]["code"], -32600);
    EXPECT_EQ(client.request("textDocument/frobnicate", Json::object())["error"]["code"], -32601);
    client.notify("textDocument/frobnicated", Json::object());  // ignored
    client.notify("$/cancelRequest", {{"id", 99}});
    EXPECT_EQ(client.request("textDocument/hover", {{"textDocument", 5}})["error"]["code"], -32602);
    EXPECT_EQ(client.request("textDocument/hover", at(file_uri(path), 0, 0))["error"]["code"], -32602);  // not open
    client.notify("textDocument/didOpen", {{"textDocument", {{"uri", file_uri(path)}}}});  // no text: ignored
    EXPECT_EQ(client.notification("window/logMessage")["params"]["type"], 1);
    open(client, path, kRules);
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    EXPECT_EQ(
        client.request("textDocument/hover", {{"textDocument", {{"uri", file_uri(path)}}},
                                              {"position", {{"line", "one"}, {"character", 0}}}})["error"]["code"],
        -32602);
    // Positions past the end are the end; a change with a broken range changes nothing.
    EXPECT_EQ(client.request("textDocument/hover", at(file_uri(path), 100000, 100000))["result"], nullptr);
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", file_uri(path)}, {"version", 2}}},
                                             {"contentChanges", {{{"range", {{"start", 1}}}, {"text", "x"}}}}});
    EXPECT_EQ(client.notification("window/logMessage")["params"]["type"], 1);
    const auto [line, column] = find(kRules, "market");
    EXPECT_NE(client.request("textDocument/hover", at(file_uri(path), line, column))["result"], nullptr);
    end_session(client);
}

TEST_F(LspCli, HugeOrDeepMessagesAndHugeDocumentsAreRefusedWithoutStoppingTheServer) {
    LspClient client;
    client.initialize();
    const size_t huge = (64u << 20) + 1;
    client.write_raw("Content-Length: " + std::to_string(huge) + "\r\n\r\n");
    client.write_raw(std::string(huge, ' '));
    const Json refused = client.read_message();
    EXPECT_EQ(refused["error"]["code"], -32600);
    EXPECT_NE(refused["error"]["message"].get<std::string>().find("larger than the limit"), std::string::npos);
    // Deep nesting, at the top or in the parameters of a request: refused before it is parsed.
    for (const std::string& deep : {std::string(1'000'000, '[') + std::string(1'000'000, ']'),
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":" +
                                        std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}"}) {
        client.write_raw("Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep);
        const Json error = client.read_message();
        EXPECT_EQ(error["error"]["code"], -32600);
        EXPECT_NE(error["error"]["message"].get<std::string>().find("nests deeper"), std::string::npos);
    }
    // A 5 MB document is over the rule-file limit: one diagnostic says so.
    const std::string path = dir_.file("big.rules");
    open(client, path, "// " + std::string(5u << 20, 'x') + "\n");
    const Json diagnostics = diagnostics_of(client, path);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0]["code"], "E-IO");
    end_session(client);
}

TEST_F(LspCli, AFileDeletedWhileOpenAndAnUntitledBufferAreStillAnalysed) {
    const std::string path = dir_.write("gone.rules", kRules);
    LspClient client;
    client.initialize();
    open(client, path, kRules);
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    fs::remove(path);
    client.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", file_uri(path)}, {"type", 3}}}}});
    EXPECT_EQ(diagnostics_of(client, path), Json::array());  // the editor's text is what counts
    const auto [line, column] = find(kRules, "market");
    EXPECT_NE(client.request("textDocument/hover", at(file_uri(path), line, column))["result"], nullptr);
    client.notify("textDocument/didOpen", {{"textDocument",
                                            {{"uri", "untitled:Untitled-1"},
                                             {"languageId", "recallguard-rules"},
                                             {"version", 1},
                                             {"text", "rule T-X {\n  severity hihg\n}\n"}}}});
    Json note = client.notification("textDocument/publishDiagnostics");
    EXPECT_EQ(note["params"]["uri"], "untitled:Untitled-1");
    bool severity = false;
    for (const auto& d : note["params"]["diagnostics"]) severity = severity || d["code"] == "E-BAD-SEVERITY";
    EXPECT_TRUE(severity) << note.dump(1);
    client.notify("textDocument/didClose", {{"textDocument", {{"uri", file_uri(path)}}}});
    EXPECT_EQ(diagnostics_of(client, path), Json::array());
    EXPECT_FALSE(fs::exists(path));
    end_session(client);
}

TEST_F(LspCli, ASessionWritesNoFile) {
    const std::string path = dir_.write("ro.rules", "package p { title \"P\" }\nrule T-ONE { title \"T\" }\n");
    auto listing = [&]() {
        std::map<std::string, std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(dir_.file("")))
            files[entry.path().string()] = recallguard::test::read_bytes(entry.path().string());
        return files;
    };
    const auto before = listing();
    LspClient client({"lsp"}, dir_.file(""));
    client.initialize(Json::object(), Json::object(), file_uri(dir_.file("")));
    open(client, path, recallguard::test::read_bytes(path));
    diagnostics_of(client, path);
    client.request("textDocument/formatting", {{"textDocument", {{"uri", file_uri(path)}}}});
    client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", file_uri(path)}}}});
    client.notify("textDocument/didSave", {{"textDocument", {{"uri", file_uri(path)}}}});
    diagnostics_of(client, path);
    end_session(client);
    EXPECT_EQ(listing(), before);
}

}  // namespace
