// Exceptions for failures that are not user diagnostics, each tied to a CLI exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace recallguard {

// Process exit codes shared by every subcommand.
enum ExitCode : int {
    kExitClean = 0,
    kExitFindings = 1,  // findings or problems were found
    kExitBadInput = 2,  // bad usage, unreadable or invalid input
    kExitInternal = 3,  // a bug or an environment failure
};

// Input the user gave us is unusable (unreadable file, corrupt database, bad flag value).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Something that should not happen; reported as an internal error.
class InternalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace recallguard
