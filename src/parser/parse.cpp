#include "parser/parse.h"

#include <algorithm>

#include "RuleLexer.h"
#include "RuleParser.h"
#include "common/utf8.h"
#include "parser/syntax_error_listener.h"
#include "parser/transformer.h"

namespace recallguard::parser {
namespace {

// The parser, the transformer and the passes after them recurse once per level of nesting and
// once per operator of a chain (`a and b and ...` is a left-deep tree): bounded here, so that no
// rule file can exhaust the stack. Real rules stay far below both limits.
constexpr int kMaxNesting = 200;           // brackets plus a run of prefix `not` / `-`
constexpr int kMaxOperatorsPerRule = 500;  // between two `rule` / `package` keywords; bundled rules: <= 33

bool is_operator(size_t type) {
    using L = grammar::RuleLexer;
    switch (type) {
        case L::AND:
        case L::OR:
        case L::NOT:
        case L::IN:
        case L::IS:
        case L::BETWEEN:
        case L::EQ:
        case L::NEQ:
        case L::LE:
        case L::GE:
        case L::LT:
        case L::GT:
        case L::PLUS:
        case L::MINUS:
        case L::STAR:
        case L::SLASH:
        case L::DOT:
            return true;
        default:
            return false;
    }
}

// Reports the first token past a limit (E-PARSE); false when there is one.
bool within_limits(const std::vector<antlr4::Token*>& tokens, const std::string& path, DiagnosticBag& diagnostics) {
    using L = grammar::RuleLexer;
    int depth = 0, prefix_run = 0, operators = 0;
    for (const auto* token : tokens) {
        if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL || token->getType() == antlr4::Token::EOF) continue;
        const size_t type = token->getType();
        if (type == L::RULE || type == L::PACKAGE || type == L::DEFINE) operators = 0;
        if (type == L::LPAREN || type == L::LBRACE) ++depth;
        if ((type == L::RPAREN || type == L::RBRACE) && depth > 0) --depth;
        prefix_run = (type == L::NOT || type == L::MINUS) ? prefix_run + 1 : 0;
        if (is_operator(type)) ++operators;
        const SourceLocation at{path, static_cast<int>(token->getLine()),
                                static_cast<int>(token->getCharPositionInLine()) + 1};
        if (depth + prefix_run > kMaxNesting) {
            diagnostics.error(DiagnosticCode::Parse, at,
                              "expressions nest deeper than " + std::to_string(kMaxNesting) +
                                  " levels here; use `let` to name the parts");
            return false;
        }
        if (operators > kMaxOperatorsPerRule) {
            diagnostics.error(DiagnosticCode::Parse, at,
                              "this rule has more than " + std::to_string(kMaxOperatorsPerRule) +
                                  " operators; split it into several rules or `let`s");
            return false;
        }
    }
    return true;
}

// True when no syntax error touched the subtree: no error node, no recognition exception.
bool intact(antlr4::tree::ParseTree* tree) {
    if (dynamic_cast<antlr4::tree::ErrorNode*>(tree)) return false;
    if (auto* context = dynamic_cast<antlr4::ParserRuleContext*>(tree); context && context->exception) return false;
    for (auto* child : tree->children)
        if (!intact(child)) return false;
    return true;
}

}  // namespace

ast::RuleFile parse_rule_file(const std::string& path, const std::string& text, DiagnosticBag& diagnostics,
                              const ParseOptions& options) {
    ast::RuleFile file;
    file.path = path;
    file.text = text;
    // ANTLR's input stream decodes UTF-8 and throws on bad bytes: report them instead.
    if (size_t bad = 0; !valid_utf8(text, bad)) {
        diagnostics.error(DiagnosticCode::Encoding, location_of_offset(path, text, bad),
                          invalid_utf8_message(text, bad));
        return file;
    }

    antlr4::ANTLRInputStream input(text);
    grammar::RuleLexer lexer(&input);
    SyntaxErrorListener listener(path, diagnostics);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    for (auto* token : tokens.getTokens()) {
        if (token->getType() == grammar::RuleLexer::LINE_COMMENT ||
            token->getType() == grammar::RuleLexer::BLOCK_COMMENT)
            file.comments.push_back({static_cast<int>(token->getLine()),
                                     static_cast<int>(token->getCharPositionInLine()) + 1, token->getText()});
    }

    if (!within_limits(tokens.getTokens(), path, diagnostics)) return file;

    grammar::RuleParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    auto* tree = parser.ruleFile();
    // A tree with syntax errors still holds what could be read; the transformer must not
    // trip over missing children, so it only runs on a clean parse.
    if (parser.getNumberOfSyntaxErrors() == 0) {
        Transformer transformer(path, diagnostics);
        transformer.transform_file(tree, file);
    } else if (options.keep_intact_items) {
        // An item counts as intact only when it parsed whole, with no syntax error inside it
        // (recovery can also resynchronise without leaving an error node). An error at an item's
        // first keyword belongs to the item before it ("'rule' starts a new item, but ...").
        const auto& error_tokens = listener.offending_token_indexes();
        Transformer transformer(path, diagnostics);
        for (auto* top : tree->topLevel()) {
            const size_t first = top->getStart()->getTokenIndex();
            const size_t last = top->getStop() ? top->getStop()->getTokenIndex() : first;
            const bool reported_inside = std::any_of(error_tokens.begin(), error_tokens.end(),
                                                     [&](size_t index) { return index > first && index <= last; });
            if (!reported_inside && top->getStop() && intact(top)) transformer.transform_top_level(top, file);
        }
    }
    return file;
}

}  // namespace recallguard::parser
