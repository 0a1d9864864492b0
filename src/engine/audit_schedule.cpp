#include "engine/audit_schedule.h"

#include <algorithm>

namespace recallguard::engine {

AuditSchedule::AuditSchedule(size_t part_count, std::vector<RuleNeeds> rules)
    : rules_(std::move(rules)), order_(rules_.size()), started_(rules_.size()), part_ready_(part_count, false) {
    for (size_t i = 0; i < rules_.size(); ++i) {
        order_[i] = i;
        started_[i] = rules_[i].skipped;
    }
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return rules_[a].rows > rules_[b].rows; });
}

AuditSchedule::Task AuditSchedule::next() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        if (next_copy_ < part_ready_.size()) return {Task::Kind::Copy, next_copy_++};
        if (stopping_) return {};
        bool all_started = true;
        for (const size_t i : order_) {
            if (started_[i]) continue;
            all_started = false;
            const auto& parts = rules_[i].parts;
            if (std::all_of(parts.begin(), parts.end(), [&](size_t part) { return part_ready_.at(part); })) {
                started_[i] = true;
                return {Task::Kind::Rule, i};
            }
        }
        if (all_started) return {};
        changed_.wait(lock);
    }
}

void AuditSchedule::copy_finished(size_t part, bool copied) {
    std::lock_guard<std::mutex> lock(mutex_);
    part_ready_.at(part) = copied;
    stopping_ = stopping_ || !copied;
    changed_.notify_all();
}

void AuditSchedule::stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
}

}  // namespace recallguard::engine
