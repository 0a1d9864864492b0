#include "parser/syntax_error_listener.h"

#include <algorithm>
#include <limits>
#include <set>

#include "RuleLexer.h"
#include "RuleParser.h"

namespace recallguard::parser {
namespace {

using grammar::RuleLexer;

// Groups of tokens named as one thing in "expected ..." lists, so a message names the
// construct ("a rule clause") rather than thirty keywords. A group is named when at least
// `needed` of its `signs` are expected; the tokens it `covers` are then not listed one by one.
struct TokenGroup {
    const char* description;
    std::vector<size_t> signs;
    size_t needed;
    std::vector<size_t> covers;
};

const std::vector<TokenGroup>& token_groups() {
    using L = RuleLexer;
    static const std::vector<size_t> rule_clauses{L::TITLE,     L::CITE,     L::CATEGORY,  L::SEVERITY, L::DESCRIPTION,
                                                  L::EFFECTIVE, L::CALENDAR, L::PARAM,     L::FOR,      L::LET,
                                                  L::DEADLINE,  L::PERIODIC, L::VIOLATION, L::SIGNAL,   L::MESSAGE};
    static const std::vector<size_t> operators{L::EQ,   L::NEQ,   L::LT,  L::LE, L::GT, L::GE, L::PLUS, L::MINUS,
                                               L::STAR, L::SLASH, L::AND, L::OR, L::IS, L::IN, L::NOT,  L::BETWEEN};
    static const std::vector<TokenGroup> groups{
        {"a rule clause (title, cite, category, severity, description, effective, calendar, param, for, let, "
         "deadline, periodic, violation when, signal when, message)",
         rule_clauses, 8, rule_clauses},
        {"a package clause (title, authority, jurisdiction, calendar, effective, source)",
         {L::AUTHORITY, L::JURISDICTION, L::SOURCE},
         3,
         {L::TITLE, L::AUTHORITY, L::JURISDICTION, L::CALENDAR, L::EFFECTIVE, L::SOURCE}},
        {"a deadline clause (after, within, require, extend to, unless)",
         {L::AFTER, L::REQUIRE, L::EXTEND, L::UNLESS},
         4,
         {L::AFTER, L::WITHIN, L::REQUIRE, L::EXTEND, L::UNLESS}},
        {"a periodic clause (start, every, until, within, require)",
         {L::START, L::EVERY, L::REQUIRE},
         3,
         {L::START, L::EVERY, L::UNTIL, L::WITHIN, L::REQUIRE}},
        {"'package', 'import', 'define' or 'rule'",
         {L::PACKAGE, L::IMPORT, L::RULE},
         3,
         {L::PACKAGE, L::IMPORT, L::DEFINE, L::RULE}},
        {"an operator (= != < <= > >= + - * / and or in is between)", operators, 8, operators},
    };
    return groups;
}

// Tokens that can begin a value: when enough are expected, "a value" stands for all of them.
bool starts_value(size_t type) {
    using L = RuleLexer;
    return type == L::IDENT || type == L::INT || type == L::STRING || type == L::DATE || type == L::DECIMAL ||
           type == L::LPAREN || type == L::MINUS || type == L::NOT || type == L::AS_OF || type == L::TRUE ||
           type == L::FALSE || type == L::COUNT || type == L::EXISTS || type == L::NO || type == L::SUM ||
           type == L::MIN || type == L::MAX || type == L::EARLIEST || type == L::LATEST || type == L::UNION ||
           type == L::COALESCE || (type >= L::PACKAGE && type <= L::WORKING);  // keywords usable as names
}

// Friendly names for single tokens in "expected ..." lists.
std::string token_description(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
    switch (type) {
        case RuleLexer::IDENT:
            return "a name";
        case RuleLexer::STRING:
            return "a string";
        case RuleLexer::DATE:
            return "a date";
        case RuleLexer::INT:
            return "a number";
        case RuleLexer::DECIMAL:
            return "a decimal number";
        case RuleLexer::RULE_ID:
            return "a rule id like CN-CP-PLAN (capital letters and digits, with hyphens)";
        case RuleLexer::DAY:
            return "'days'";
        case RuleLexer::MONTH:
            return "'months'";
        case RuleLexer::NEQ:
            return "'!='";
        case antlr4::Token::EOF:
            return "end of file";
        default:
            break;
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

// Keywords the grammar also accepts as names (RuleParser.name: `c.source`, `p.as_of`).
bool keyword_name(size_t type) {
    using L = RuleLexer;
    switch (type) {
        case L::SOURCE:
        case L::START:
        case L::CONTAINS:
        case L::STARTS:
        case L::ENDS:
        case L::WITH:
        case L::MATCHES:
        case L::EFFECTIVE:
        case L::UNTIL:
        case L::CITE:
        case L::DATED:
        case L::EXTEND:
        case L::UNLESS:
        case L::EXISTS:
        case L::NO:
        case L::EARLIEST:
        case L::LATEST:
        case L::UNION:
        case L::COALESCE:
        case L::WORKING:
        case L::DISPLACES:
        case L::GROUP:
        case L::KNOWN:
        case L::MISSING:
        case L::COUNT:
        case L::MIN:
        case L::MAX:
        case L::SUM:
        case L::FROM:
        case L::TO:
        case L::BY:
        case L::CATEGORY:
        case L::TITLE:
        case L::DESCRIPTION:
        case L::SEVERITY:
        case L::AS_OF:
        case L::DAY:
        case L::MONTH:
        case L::CALENDAR:
        case L::PERIODIC:
        case L::MESSAGE:
        case L::SIGNAL:
        case L::VIOLATION:
        case L::WHEN:
        case L::EVERY:
        case L::DEADLINE:
        case L::REQUIRE:
        case L::WITHIN:
        case L::AFTER:
        case L::AUTHORITY:
        case L::JURISDICTION:
        case L::HAS:
            return true;
        default:
            return false;
    }
}

// "expected a rule clause (...) or '}'": groups first, then the tokens no group covers.
std::string describe_expected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary) {
    std::set<size_t> remaining;
    for (size_t type : expected.toList()) remaining.insert(type);
    std::vector<std::string> parts;
    if (remaining.count(RuleLexer::IDENT) && remaining.count(RuleLexer::INT) && remaining.count(RuleLexer::STRING)) {
        parts.push_back("a value (a name, number, date, string, duration, aggregate or '(')");
        for (auto it = remaining.begin(); it != remaining.end();)
            it = starts_value(*it) ? remaining.erase(it) : std::next(it);
    }
    // Keywords that may be names (RuleParser.name) are covered by "a name" (before the groups:
    // many clause keywords are names too, and a name is all that is expected then).
    if (remaining.count(RuleLexer::IDENT)) {
        for (auto it = remaining.begin(); it != remaining.end();)
            it = keyword_name(*it) ? remaining.erase(it) : std::next(it);
    }
    for (const auto& group : token_groups()) {
        const size_t present = static_cast<size_t>(
            std::count_if(group.signs.begin(), group.signs.end(), [&](size_t t) { return remaining.count(t) > 0; }));
        if (present < group.needed) continue;
        parts.push_back(group.description);
        for (size_t t : group.covers) remaining.erase(t);
    }
    std::set<std::string> singles;
    for (size_t type : remaining) singles.insert(token_description(vocabulary, type));
    if (parts.empty() && singles.size() > 12) return "";
    parts.insert(parts.end(), singles.begin(), singles.end());
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) text += i + 1 == parts.size() ? " or " : ", ";
        text += parts[i];
    }
    return text;
}

// Characters people reach for from other languages.
std::string hint_for(antlr4::Token* token) {
    if (!token || token->getType() != RuleLexer::UNKNOWN_CHAR) return "";
    const std::string text = token->getText();
    if (text == "&") return ": write 'and' to join conditions";
    if (text == "|") return ": write 'or' to join conditions";
    if (text == "!") return ": write 'not' to negate a condition, or != for 'not equal'";
    if (text == ";") return ": a clause ends where the next one starts, with no ';'";
    return "";
}

bool starts_top_level(size_t type) {
    return type == RuleLexer::RULE || type == RuleLexer::PACKAGE || type == RuleLexer::IMPORT ||
           type == RuleLexer::DEFINE;
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                      size_t column, const std::string& message, std::exception_ptr) {
    SourceLocation location{file_, static_cast<int>(line), static_cast<int>(column) + 1};
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (!parser) {
        diagnostics_.error(DiagnosticCode::Parse, location, "cannot read the text here: " + message);
        return;
    }
    // After a syntax error the parser resynchronises by guessing; what it then reports up
    // to the next `rule`, `package` or `import` is mostly a consequence of the first error.
    const size_t index = offending ? offending->getTokenIndex() : std::numeric_limits<size_t>::max();
    offending_.push_back(index);
    if (suppress_until_ && index < suppress_until_) return;
    suppress_until_ = std::numeric_limits<size_t>::max();
    if (auto* stream = dynamic_cast<antlr4::BufferedTokenStream*>(parser->getTokenStream())) {
        for (size_t i = index + 1; i < stream->size(); ++i) {
            // A new item starts with its keyword at the start of a line.
            if (starts_top_level(stream->get(i)->getType()) && stream->get(i)->getCharPositionInLine() == 0) {
                suppress_until_ = i;
                break;
            }
        }
    }

    const int length = offending && offending->getType() != antlr4::Token::EOF
                           ? static_cast<int>(offending->getStopIndex() - offending->getStartIndex() + 1)
                           : 1;
    if (offending && offending->getType() == RuleLexer::UNKNOWN_CHAR && offending->getText() == "\"") {
        diagnostics_.error(DiagnosticCode::Parse, location,
                           "unterminated string: a string must end with \" on the same line", 1);
        return;
    }
    const auto expected = parser->getExpectedTokens();
    if (offending && starts_top_level(offending->getType()) &&
        expected.contains(static_cast<size_t>(RuleLexer::RBRACE))) {
        diagnostics_.error(DiagnosticCode::Parse, location,
                           "'" + offending->getText() +
                               "' starts a new item, but the block before it is not closed; "
                               "add '}' before it",
                           length);
        return;
    }
    std::string text = "unexpected " + describe_token(offending);
    if (const std::string hint = hint_for(offending); !hint.empty()) {
        diagnostics_.error(DiagnosticCode::Parse, location, text + hint, length);
        return;
    }
    if (offending && offending->getType() >= RuleLexer::PACKAGE && offending->getType() <= RuleLexer::WORKING &&
        expected.contains(static_cast<size_t>(RuleLexer::IDENT)))
        text += " ('" + offending->getText() + "' is a keyword and cannot be a name here)";
    const std::string wanted = describe_expected(expected, parser->getVocabulary());
    text += wanted.empty() ? " (the clause or expression is not complete here)" : "; expected " + wanted;
    // `violation when a <` followed by `message "..."` reads `message` as a name.
    if (auto* stream = dynamic_cast<antlr4::BufferedTokenStream*>(parser->getTokenStream());
        stream && offending && index != std::numeric_limits<size_t>::max()) {
        antlr4::Token* previous = nullptr;
        for (size_t i = index; i-- > 0;) {
            if (stream->get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
                previous = stream->get(i);
                break;
            }
        }
        if (previous && previous->getType() == RuleLexer::EQ && offending->getType() == RuleLexer::EQ)
            text += " (equality is a single '=')";
        else if (previous && keyword_name(previous->getType()) && previous->getLine() == offending->getLine() &&
                 !(offending->getType() >= RuleLexer::PACKAGE && offending->getType() <= RuleLexer::WORKING))
            text += " ('" + previous->getText() + "' before it was read as a name, so the expression before '" +
                    previous->getText() + "' is probably not complete)";
    }
    diagnostics_.error(DiagnosticCode::Parse, location, text, length);
}

}  // namespace recallguard::parser
