// Turns ANTLR's syntax errors into located diagnostics that say what was expected.
#pragma once

#include <antlr4-runtime.h>

#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace recallguard::parser {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    SyntaxErrorListener(std::string file, DiagnosticBag& diagnostics)
        : file_(std::move(file)), diagnostics_(diagnostics) {}

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                     const std::string& message, std::exception_ptr error) override;

    // The token index of every syntax error, reported or not (follow-on errors are not reported).
    const std::vector<size_t>& offending_token_indexes() const { return offending_; }

private:
    std::string file_;
    DiagnosticBag& diagnostics_;
    size_t suppress_until_ = 0;  // token index up to which follow-on errors are not reported
    std::vector<size_t> offending_;
};

}  // namespace recallguard::parser
