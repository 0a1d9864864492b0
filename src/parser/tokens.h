// The rule language's tokens as plain data, for tools that look at text the parser cannot read
// yet (an editor completing a half-typed line). ANTLR's own token classes stay in this folder.
#pragma once

#include <string>
#include <vector>

namespace recallguard::parser {

struct Token {
    enum class Kind { Keyword, Identifier, RuleId, String, Date, Number, Punctuation, Comment, Unknown };
    Kind kind = Kind::Unknown;
    std::string text;
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in code points
    int length = 1;  // code points
};

// Every token of `text` (comments included, whitespace not). Text that is not valid UTF-8 gives
// no tokens.
std::vector<Token> tokenize_rule_text(const std::string& text);

// The language's keywords, as the lexer defines them ("package", "rule", "working", ...).
std::vector<std::string> rule_keywords();

}  // namespace recallguard::parser
