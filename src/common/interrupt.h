// Clean interruption: SIGINT, SIGTERM and SIGHUP remove the temporary files and folders the
// process has in use (working copies, files being written), then end it with 128 + the signal
// number, the shell's convention (130 for SIGINT, 143 for SIGTERM).
#pragma once

#include <string>

namespace recallguard {

// Blocks SIGINT, SIGTERM and SIGHUP in every thread and answers them on a thread of their own.
// Call once, at the start of main, before any other thread exists. Without it (unit tests) the
// signals keep their default action and the registry below is merely bookkeeping.
void handle_interruptions();

// A file or folder (removed with everything in it) to delete if the process is interrupted
// while it is registered. Registering the same path twice needs two unregistrations.
void remove_on_interruption(const std::string& path);
void keep_on_interruption(const std::string& path);

}  // namespace recallguard
