#include "parser/syntax_error_listener.h"

#include <set>

#include "RuleLexer.h"
#include "RuleParser.h"

namespace recallguard::parser {
namespace {

using grammar::RuleLexer;

// Friendly names for token types in "expected ..." lists.
std::string token_description(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
    switch (type) {
        case RuleLexer::IDENT: return "a name";
        case RuleLexer::STRING: return "a string";
        case RuleLexer::DATE: return "a date";
        case RuleLexer::INT: return "a number";
        case RuleLexer::DECIMAL: return "a decimal number";
        case RuleLexer::RULE_ID: return "a rule id like CN-CP-PLAN";
        case antlr4::Token::EOF: return "end of file";
        default: break;
    }
    std::string literal = vocabulary.getLiteralName(type);
    if (!literal.empty()) return literal;
    return vocabulary.getSymbolicName(type);
}

std::string describe_token(antlr4::Token* token) {
    if (!token || token->getType() == antlr4::Token::EOF) return "end of file";
    if (token->getType() == RuleLexer::UNKNOWN_CHAR) return "character '" + token->getText() + "'";
    return "'" + token->getText() + "'";
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                      size_t column, const std::string& message, std::exception_ptr) {
    SourceLocation location{file_, static_cast<int>(line), static_cast<int>(column) + 1};
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (!parser) {
        diagnostics_.error("E-PARSE", location, "cannot read the text here: " + message);
        return;
    }
    std::string text = "unexpected " + describe_token(offending);
    if (offending && offending->getType() == RuleLexer::UNKNOWN_CHAR && offending->getText() == "\"")
        text = "unterminated string (a string ends with \" on the same line)";
    const auto expected = parser->getExpectedTokens();
    std::set<std::string> names;
    for (size_t type : expected.toList()) names.insert(token_description(parser->getVocabulary(), type));
    if (!names.empty() && names.size() <= 12) {
        text += "; expected ";
        size_t i = 0;
        for (const auto& name : names) {
            if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
            text += name;
            ++i;
        }
    } else if (!names.empty()) {
        text += " (the clause or expression is not complete here)";
    }
    const int length = offending && offending->getType() != antlr4::Token::EOF
                           ? static_cast<int>(offending->getStopIndex() - offending->getStartIndex() + 1)
                           : 1;
    diagnostics_.error("E-PARSE", location, text, length);
}

}  // namespace recallguard::parser
