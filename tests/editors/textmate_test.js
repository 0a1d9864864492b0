// Loads the VS Code extension's TextMate grammars with VS Code's own engine (vscode-textmate and
// vscode-oniguruma, installed by scripts/test-tools.sh) and tokenizes bundled files: keywords,
// strings, dates, durations, comments and the rest must get their scopes, and every keyword of
// the rule language's lexer (grammar/RuleLexer.g4) must be highlighted as one.
// Usage: node tests/editors/textmate_test.js (from anywhere). Exit 0: all checks hold; 1: a check
// failed (each failure is printed); 77: the npm tools are not installed (ctest reports a skip).
"use strict";

const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "../..");
const modules = path.join(root, "tests/tools/node_modules");
let vsctm, oniguruma;
try {
  vsctm = require(path.join(modules, "vscode-textmate"));
  oniguruma = require(path.join(modules, "vscode-oniguruma"));
} catch (e) {
  console.error("textmate_test: vscode-textmate is not installed; run scripts/test-tools.sh");
  process.exit(77);
}

const extension = path.join(root, "editors/vscode");
const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
const grammarFiles = Object.fromEntries(
  manifest.contributes.grammars.map((g) => [g.scopeName, path.join(extension, g.path)])
);

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}

async function main() {
  const wasm = fs.readFileSync(path.join(modules, "vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file) : null;
    },
  });

  // Every token of a text: its text, 0-based line and scopes.
  async function tokenize(scopeName, text) {
    const grammar = await registry.loadGrammar(scopeName);
    check(grammar, `grammar ${scopeName} does not load`);
    const tokens = [];
    let stack = vsctm.INITIAL;
    text.split("\n").forEach((line, number) => {
      const result = grammar.tokenizeLine(line, stack);
      for (const token of result.tokens)
        tokens.push({ text: line.substring(token.startIndex, token.endIndex), line: number, lineText: line,
                      scopes: token.scopes });
      stack = result.ruleStack;
    });
    return tokens;
  }
  // The first token with exactly this text (on a line that contains `context`, when given) has a
  // scope starting with `prefix`.
  function expectScope(tokens, text, prefix, file, context) {
    const token = tokens.find((t) => t.text === text && (!context || t.lineText.includes(context)));
    check(token, `${file}: no token '${text}'`);
    if (token)
      check(token.scopes.some((s) => s.startsWith(prefix)),
        `${file}: '${text}' has scopes ${token.scopes.join(" ")}, wanted ${prefix}*`);
  }

  // A bundled rule pack.
  const rulesFile = "rules/cn/consumer_products.rules";
  const rules = await tokenize("source.recallguard-rules", fs.readFileSync(path.join(root, rulesFile), "utf8"));
  for (const [text, scope] of [
    ["// China — consumer products.", "comment.line.double-slash"],
    ["package", "keyword.other.package"],
    ["cn.consumer_products", "entity.name.namespace"],
    ["rule", "keyword.other.rule"],
    ["CN-CP-PLAN", "entity.name.type.rule-id"],
    ["title", "keyword.other.metadata"],
    ["deadline", "keyword.control"],
    ["within", "keyword.control"],
    ["require", "keyword.control"],
    ["and", "keyword.operator.word"],
    ["earliest", "support.function.aggregate"],
    ["2020-01-01", "constant.numeric.date"],
    ["10", "constant.numeric.duration"],
    ["working days", "keyword.other.unit"],
    ["3", "constant.numeric.duration"],
    ["months", "keyword.other.unit"],
    ["allowed", "variable.other.definition"],
    ["market", "variable.other.member"],
    ["{c.case_id}", "variable.other.placeholder"],
    ["!=", "keyword.operator"],
  ])
    expectScope(rules, text, scope, rulesFile);
  expectScope(rules, "CN", "entity.name.tag.calendar", rulesFile, "calendar CN");
  expectScope(rules, "CN", "string.quoted.double", rulesFile, "jurisdiction");
  const title = rules.find((t) => t.text.startsWith('消费品召回管理暂行规定'));
  check(title && title.scopes.some((s) => s.startsWith("string.quoted.double")), `${rulesFile}: the Chinese title is not a string`);
  // A keyword spelled as a column after a dot is a member, not a keyword (c.source).
  const dotted = await tokenize("source.recallguard-rules", "  where c.source = \"complaint\" /* block */");
  expectScope(dotted, "source", "variable.other.member", "c.source");
  expectScope(dotted, "/*", "comment.block", "block comment");

  // Every keyword of the lexer, standing alone, is highlighted as some kind of keyword.
  const lexer = fs.readFileSync(path.join(root, "grammar/RuleLexer.g4"), "utf8");
  const keywordBlock = lexer.substring(lexer.indexOf("// --- Keywords"), lexer.indexOf("// --- Literals"));
  const keywords = [...keywordBlock.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
  check(keywords.length > 50, `only ${keywords.length} keywords read from RuleLexer.g4`);
  for (const keyword of keywords) {
    if (["working", "day", "days", "month", "months"].includes(keyword)) continue;  // units, after a number
    const tokens = await tokenize("source.recallguard-rules", `x ${keyword} y`);
    const token = tokens.find((t) => t.text === keyword);
    check(token && token.scopes.some((s) => /^(keyword|support\.function|constant\.language|storage)/.test(s)),
      `keyword '${keyword}' is not highlighted: ${token ? token.scopes.join(" ") : "no token"}`);
  }

  // A calendar and a rule test.
  const calendarFile = "rules/calendars/CN.calendar";
  const calendar = await tokenize("source.recallguard-calendar", fs.readFileSync(path.join(root, calendarFile), "utf8"));
  for (const [text, scope] of [
    ["calendar", "keyword.other.calendar"],
    ["weekend", "keyword.other.calendar"],
    ["sat", "support.constant.weekday"],
    ["2024-01-01", "constant.numeric.date"],
    ["holiday", "keyword.other.day-kind"],
    ["workday", "keyword.other.day-kind"],
    ["People's Republic of China — State Council holiday notices", "string.quoted.double"],
  ])
    expectScope(calendar, text, scope, calendarFile);
  check(calendar.some((t) => t.text.startsWith("# Working-day calendar CN") && t.scopes.some((s) => s.startsWith("comment"))),
    `${calendarFile}: the first comment is not a comment`);

  const testFile = "rules/cn/tests/cn-cp-plan.ruletest";
  const ruletest = await tokenize("source.recallguard-ruletest", fs.readFileSync(path.join(root, testFile), "utf8"));
  for (const [text, scope] of [
    ["rows", "keyword.other.rows"],
    ["companies", "entity.name.type.table"],
    ["test", "keyword.other.test"],
    ["as_of", "keyword.other"],
    ["expect", "keyword.other.expect"],
    ["CN-CP-PLAN", "entity.name.type.rule-id"],
    ["|", "punctuation.separator.cell"],
  ])
    expectScope(ruletest, text, scope, testFile);
  check(ruletest.some((t) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(t.text) && t.scopes.some((s) => s.startsWith("constant.numeric.date"))),
    `${testFile}: no date highlighted`);
}

main()
  .then(() => {
    for (const failure of failures) console.error("textmate_test: " + failure);
    if (!failures.length) console.log("textmate_test: ok");
    process.exit(failures.length ? 1 : 0);
  })
  .catch((e) => {
    console.error("textmate_test: " + (e.stack || e));
    process.exit(1);
  });
