#include "common/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace recallguard {
namespace fs = std::filesystem;

namespace {

// Never destroyed: the signal thread may still use them while the main thread runs exit().
std::mutex& registry_mutex() {
    static auto* mutex = new std::mutex;
    return *mutex;
}

std::multiset<std::string>& registry() {
    static auto* paths = new std::multiset<std::string>;
    return *paths;
}

sigset_t interruption_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    return signals;
}

void say(const std::string& text) {
    // write(2): nothing buffered, nothing that could wait on a lock another thread holds.
    for (size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<size_t>(n);
    }
}

[[noreturn]] void interrupted(int signal_number) {
    // Holding the lock to the end: no path is registered or handed back while they are removed.
    std::lock_guard lock(registry_mutex());
    for (const auto& path : registry()) {
        // Another thread may still create a file in a folder being removed (SQLite's journal):
        // a few attempts see the folder gone.
        for (int attempt = 0; attempt < 5; ++attempt) {
            std::error_code error;
            fs::remove_all(path, error);
            if (!fs::exists(fs::symlink_status(path, error))) break;
        }
    }
    say(std::string("\nrecallguard: interrupted (") +
        (signal_number == SIGINT    ? "SIGINT"
         : signal_number == SIGTERM ? "SIGTERM"
                                    : "SIGHUP") +
        "); temporary files removed, nothing half-written was kept\n");
    ::_exit(128 + signal_number);
}

}  // namespace

void handle_interruptions() {
    const sigset_t signals = interruption_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
        int signal_number = 0;
        while (sigwait(&signals, &signal_number) != 0) {
        }
        interrupted(signal_number);
    }).detach();
}

void remove_on_interruption(const std::string& path) {
    std::lock_guard lock(registry_mutex());
    registry().insert(path);
}

void keep_on_interruption(const std::string& path) {
    std::lock_guard lock(registry_mutex());
    const auto found = registry().find(path);
    if (found != registry().end()) registry().erase(found);
}

}  // namespace recallguard
