#include "parser/tokens.h"

#include <cctype>

#include "RuleLexer.h"
#include "common/utf8.h"

namespace recallguard::parser {
namespace {

using grammar::RuleLexer;

// Lexer errors are impossible (UNKNOWN_CHAR takes any character), so none are reported.
class SilentListener : public antlr4::BaseErrorListener {
    void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t, size_t, const std::string&,
                     std::exception_ptr) override {}
};

Token::Kind kind_of(size_t type) {
    switch (type) {
        case RuleLexer::IDENT:
            return Token::Kind::Identifier;
        case RuleLexer::RULE_ID:
            return Token::Kind::RuleId;
        case RuleLexer::STRING:
            return Token::Kind::String;
        case RuleLexer::DATE:
            return Token::Kind::Date;
        case RuleLexer::INT:
        case RuleLexer::DECIMAL:
            return Token::Kind::Number;
        case RuleLexer::LINE_COMMENT:
        case RuleLexer::BLOCK_COMMENT:
            return Token::Kind::Comment;
        case RuleLexer::UNKNOWN_CHAR:
            return Token::Kind::Unknown;
        default:
            return type < RuleLexer::DATE ? Token::Kind::Keyword : Token::Kind::Punctuation;
    }
}

}  // namespace

std::vector<Token> tokenize_rule_text(const std::string& text) {
    std::vector<Token> out;
    if (size_t bad = 0; !valid_utf8(text, bad)) return out;
    antlr4::ANTLRInputStream input(text);
    RuleLexer lexer(&input);
    SilentListener listener;
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
        Token t;
        t.kind = kind_of(token->getType());
        t.text = token->getText();
        t.line = static_cast<int>(token->getLine());
        t.column = static_cast<int>(token->getCharPositionInLine()) + 1;
        t.length = static_cast<int>(token->getStopIndex() - token->getStartIndex() + 1);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::string> rule_keywords() {
    std::vector<std::string> keywords;
    antlr4::ANTLRInputStream empty("");
    RuleLexer lexer(&empty);
    const auto& vocabulary = lexer.getVocabulary();
    for (size_t type = 1; type < RuleLexer::DATE; ++type) {
        const std::string literal = vocabulary.getLiteralName(type);
        if (literal.size() > 2) {
            keywords.push_back(literal.substr(1, literal.size() - 2));  // 'rule' -> rule
            continue;
        }
        // DAY: 'day' | 'days' has no single literal: its symbolic name, and the plural.
        std::string name = vocabulary.getSymbolicName(type);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        keywords.push_back(name);
        keywords.push_back(name + "s");
    }
    return keywords;
}

}  // namespace recallguard::parser
