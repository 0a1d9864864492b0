#include "parser/parse.h"

#include "RuleLexer.h"
#include "RuleParser.h"
#include "common/utf8.h"
#include "parser/syntax_error_listener.h"
#include "parser/transformer.h"

namespace recallguard::parser {

ast::RuleFile parse_rule_file(const std::string& path, const std::string& text, DiagnosticBag& diagnostics) {
    ast::RuleFile file;
    file.path = path;
    file.text = text;
    // ANTLR's input stream decodes UTF-8 and throws on bad bytes: report them instead.
    if (size_t bad = 0; !valid_utf8(text, bad)) {
        diagnostics.error("E-ENCODING", location_of_offset(path, text, bad), invalid_utf8_message(text, bad));
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
        if (token->getType() == grammar::RuleLexer::LINE_COMMENT || token->getType() == grammar::RuleLexer::BLOCK_COMMENT)
            file.comments.push_back({static_cast<int>(token->getLine()),
                                     static_cast<int>(token->getCharPositionInLine()) + 1, token->getText()});
    }

    grammar::RuleParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    auto* tree = parser.ruleFile();
    // A tree with syntax errors still holds what could be read; the transformer must not
    // trip over missing children, so it only runs on a clean parse.
    if (parser.getNumberOfSyntaxErrors() == 0) {
        Transformer transformer(path, diagnostics);
        transformer.transform_file(tree, file);
    }
    return file;
}

}  // namespace recallguard::parser
