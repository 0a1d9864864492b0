// The order in which an audit's jobs do its work: first the copies of the working database's
// parts, then the rules, each rule as soon as every part it reads is copied, those reading the
// most rows first. With two jobs, the rules that do not read the largest table run while it is
// still being copied, and a long rule does not start last and run alone. Thread-safe: every
// job asks it for its next task.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace recallguard::engine {

class AuditSchedule {
public:
    struct RuleNeeds {
        std::vector<size_t> parts;  // parts of the working database the rule reads
        int64_t rows = 0;           // rows it reads (estimated): larger starts earlier
        bool skipped = false;       // not to run at all
    };
    struct Task {
        enum class Kind { Copy, Rule, Done } kind = Kind::Done;
        size_t index = 0;  // the part to copy or the rule to run
    };

    AuditSchedule(size_t part_count, std::vector<RuleNeeds> rules);

    // The next task: a part not yet being copied, else the first runnable rule in order, else
    // Done when no rule is left (or the audit stops). Waits while every remaining rule needs a
    // part still being copied.
    Task next();
    // A part's copy ended; a failed copy stops the audit (rules not started are not started, but
    // every part is still copied, so that the error reported does not depend on timing).
    void copy_finished(size_t part, bool copied);
    // No rule starts after this (a rule failed).
    void stop();

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<RuleNeeds> rules_;
    std::vector<size_t> order_;  // rules by rows read, most first
    std::vector<bool> started_;
    std::vector<bool> part_ready_;
    size_t next_copy_ = 0;
    bool stopping_ = false;
};

}  // namespace recallguard::engine
