// The order of an audit's work: copies first, then each rule once the parts it reads are
// copied, most rows first; a failed copy or a stop ends the rules but not the copies.
#include "engine/audit_schedule.h"

#include <gtest/gtest.h>

#include <future>

namespace recallguard::engine {
namespace {

using Kind = AuditSchedule::Task::Kind;

// Rules: 0 reads part 1 (100 rows), 1 reads part 0 (10 rows), 2 reads no part (50 rows), 3 is skipped.
std::vector<AuditSchedule::RuleNeeds> four_rules() {
    return {{{1}, 100, false}, {{0}, 10, false}, {{}, 50, false}, {{0}, 1000, true}};
}

TEST(AuditSchedule, CopiesFirstThenEachRuleOnceItsPartsAreCopiedLargestFirst) {
    AuditSchedule schedule(2, four_rules());
    auto task = schedule.next();
    EXPECT_EQ(task.kind, Kind::Copy);
    EXPECT_EQ(task.index, 0u);
    task = schedule.next();
    EXPECT_EQ(task.kind, Kind::Copy);
    EXPECT_EQ(task.index, 1u);
    // Rule 0 reads the most rows but waits for part 1; rule 2 needs no part.
    task = schedule.next();
    EXPECT_EQ(task.kind, Kind::Rule);
    EXPECT_EQ(task.index, 2u);
    schedule.copy_finished(1, true);
    task = schedule.next();
    EXPECT_EQ(task.index, 0u);
    schedule.copy_finished(0, true);
    task = schedule.next();
    EXPECT_EQ(task.index, 1u);
    // The skipped rule never runs.
    EXPECT_EQ(schedule.next().kind, Kind::Done);
}

TEST(AuditSchedule, AJobWaitsForTheCopyItsRuleNeeds) {
    AuditSchedule schedule(1, {{{0}, 10, false}});
    ASSERT_EQ(schedule.next().kind, Kind::Copy);
    auto waiting = std::async(std::launch::async, [&] { return schedule.next(); });
    EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
    schedule.copy_finished(0, true);
    const auto task = waiting.get();
    EXPECT_EQ(task.kind, Kind::Rule);
    EXPECT_EQ(task.index, 0u);
}

TEST(AuditSchedule, AFailedCopyEndsTheRulesButEveryPartIsStillCopied) {
    AuditSchedule schedule(2, four_rules());
    ASSERT_EQ(schedule.next().kind, Kind::Copy);
    auto waiting = std::async(std::launch::async, [&] {
        std::vector<AuditSchedule::Task> tasks;
        for (auto task = schedule.next(); task.kind != Kind::Done; task = schedule.next()) tasks.push_back(task);
        return tasks;
    });
    // The other job copies part 1 and runs rule 2 (it needs no part); then it waits, until the copy of
    // part 0 fails: no more rules.
    schedule.copy_finished(0, false);
    const auto tasks = waiting.get();
    ASSERT_GE(tasks.size(), 1u);
    EXPECT_EQ(tasks[0].kind, Kind::Copy);
    EXPECT_EQ(tasks[0].index, 1u);
    for (size_t k = 1; k < tasks.size(); ++k) EXPECT_EQ(tasks[k].index, 2u) << "only the rule that needs no part";
    EXPECT_EQ(schedule.next().kind, Kind::Done);
}

TEST(AuditSchedule, StopEndsTheRulesNotStarted) {
    AuditSchedule schedule(0, {{{}, 5, false}, {{}, 3, false}});
    EXPECT_EQ(schedule.next().kind, Kind::Rule);
    schedule.stop();
    EXPECT_EQ(schedule.next().kind, Kind::Done);
}

}  // namespace
}  // namespace recallguard::engine
