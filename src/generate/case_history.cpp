// Defect cases and what follows from them in the simulation: conclusions, recalls, notices,
// progress, and the filings each regime requires, on time or (as breaches) late or missing.
#include <fmt/format.h>

#include <algorithm>

#include "generate/simulation_state.h"

namespace recallguard::generate {
namespace {

bool is_china(Regime r) {
    return r == Regime::ChinaConsumer || r == Regime::ChinaVehicle;
}

}  // namespace

int CompanySimulation::serious_incidents_known(const ProductPlan& plan, const std::string& hazard, Date by) const {
    int count = 0;
    for (size_t row : plan.incident_rows) {
        const IncidentRow& i = out_.incidents[row];
        if ((i.outcome == "death" || i.outcome == "serious_injury") && i.hazard == hazard && i.known_on <= by) ++count;
    }
    return count;
}

void CompanySimulation::add_cases(ProductPlan& plan) {
    const std::optional<Date> cluster = fire_cluster_start(plan);
    if (plan.defective && !plan.ignore_cluster) {
        static const std::vector<std::string> kSources{"complaint", "incident", "test", "regulator_notice", "internal"};
        Date opened = plan.onset.plus_days(rng_.between(10, 40));
        std::string source = kSources[rng_.weighted({40, 25, 15, 10, 10})];
        // A fire cluster obliges the company to investigate within days.
        if (cluster && cluster->plus_days(10) < opened) {
            opened = cluster->plus_days(rng_.between(0, 10));
            source = "complaint";
        }
        if (exists(opened)) add_case(plan, CaseKind::Defect, opened, source, plan.defect_hazard);
    }
    if (cluster && !plan.ignore_cluster) {
        bool answered = false;
        for (Date opened : plan.case_opened) answered = answered || opened <= cluster->plus_days(10);
        // Unless the company leaves the fire cluster uninvestigated (a breach).
        if (!answered && !violate()) {
            const Date opened = cluster->plus_days(rng_.between(1, 10));
            if (exists(opened)) add_case(plan, CaseKind::Cluster, opened, "complaint", "fire");
        }
    }
    // Routine investigations, most of which find nothing.
    if (rng_.chance(0.25)) {
        static const std::vector<std::string> kSources{"test", "internal", "regulator_notice", "complaint", "incident"};
        static const std::vector<std::string> kHazards{"fire", "overheating", "electric_shock", "injury", "other"};
        const Date opened = random_date(plan.launch.plus_days(20), settings_.horizon);
        add_case(plan, CaseKind::Routine, opened, kSources[rng_.weighted({30, 25, 15, 20, 10})],
                 plan.category == "vehicle" && rng_.chance(0.5) ? "crash" : rng_.pick(kHazards));
    }
}

void CompanySimulation::add_case(ProductPlan& plan, CaseKind kind, Date opened, const std::string& source,
                                 const std::string& hazard) {
    CaseRow c;
    c.case_id = fmt::format("{}-DC{}", plan.id, plan.case_opened.size() + 1);
    c.product_id = plan.id;
    c.opened_on = opened;
    c.source = source;
    c.hazard = hazard;
    plan.case_opened.push_back(opened);

    if (source == "regulator_notice") {
        const Date issued = std::max(WorkingDays::first_covered(), opened.plus_days(-rng_.between(0, 7)));
        out_.regulator_actions.push_back({next_id(out_.company.company_id + "-RA", action_counter_, 3),
                                          out_.company.company_id, c.case_id, "investigation_notice", issued,
                                          issued.plus_days(30)});
    }

    // Investigations take 15 to 85 days: past 90 days with serious harm known is a stalled case.
    std::optional<Date> concluded = opened.plus_days(rng_.between(15, 85));
    if (kind == CaseKind::Defect && plan.stall_case) {
        concluded = rng_.chance(0.5) ? std::nullopt : std::optional<Date>(opened.plus_days(rng_.between(150, 400)));
    } else if (kind == CaseKind::Defect && plan.edge_conclusion) {
        const int64_t span = plan.edge_conclusion->days() - opened.days();
        if (span >= 15 && span <= 85) concluded = plan.edge_conclusion;
    }
    // Two serious incidents of the case's hazard make "no defect" a denial (SIG-DENIED-HARM).
    const bool harm_known = concluded && serious_incidents_known(plan, hazard, *concluded) >= 2;
    std::string conclusion = "no_defect";
    if (kind == CaseKind::Defect)
        conclusion = plan.deny_harm ? "no_defect" : "defect";
    else if (harm_known || (kind == CaseKind::Cluster && plan.defective))
        conclusion = "defect";

    // An interim safety measure while the investigation runs.
    if (rng_.chance(0.15))
        add_change(plan, opened.plus_days(rng_.between(0, 30)),
                   plan.category == "vehicle" ? "service_bulletin" : "design_change", true);

    if (concluded && exists(*concluded)) {
        c.concluded_on = concluded;
        c.conclusion = conclusion;
    }
    out_.cases.push_back(c);
    if (c.conclusion == "defect") {
        if (!plan.first_defect_conclusion || *c.concluded_on < *plan.first_defect_conclusion)
            plan.first_defect_conclusion = c.concluded_on;
        add_recall(plan, c);
    }
}

void CompanySimulation::add_recall(ProductPlan& plan, const CaseRow& defect_case) {
    const Date concluded = *defect_case.concluded_on;
    const Date decided = concluded.plus_days(rng_.between(0, 1));
    const bool vehicle = plan.category == "vehicle";

    // The first filing about the case: the recall plan (China) or the Part 573 defect report (NHTSA).
    std::optional<Date> trigger;
    auto file_first = [&](const std::string& kind, std::optional<Date> filed) {
        if (filed && exists(*filed)) {
            FilingRow& f = add_filing(plan, kind, *filed, defect_case.case_id);
            f.content = fmt::format(R"({{"case_id":"{}","hazard":"{}","remedy_planned":true}})", defect_case.case_id,
                                    defect_case.hazard);
            trigger = filed;
        }
    };
    switch (plan.regime) {
        case Regime::ChinaConsumer:
            file_first("recall_plan", respond(decided, after_working_days(plan, concluded, 10)));
            break;
        case Regime::ChinaVehicle:
            file_first("recall_plan", respond(decided, after_working_days(plan, concluded, 5)));
            break;
        case Regime::UsVehicle:
            file_first("defect_report", respond(decided, after_working_days(plan, concluded, 5)));
            break;
        case Regime::UsConsumer:
            file_first("defect_report", concluded.plus_days(rng_.between(1, 10)));
            break;
        case Regime::Elsewhere:
            file_first("recall_plan", concluded.plus_days(rng_.between(1, 15)));
            break;
    }
    if (trigger && rng_.chance(0.15)) {
        const Date changed = trigger->plus_days(rng_.between(5, 60));
        if (exists(changed)) add_filing(plan, "plan_change", changed, defect_case.case_id);
    }
    if (!exists(decided)) return;

    RecallRow r;
    r.recall_id = defect_case.case_id + "-R1";
    r.case_id = defect_case.case_id;
    r.kind = rng_.chance(0.1) ? "ordered" : "voluntary";
    r.decided_on = decided;
    if (r.kind == "ordered") {
        const Date issued = std::max(defect_case.opened_on, decided.plus_days(-rng_.between(0, 5)));
        out_.regulator_actions.push_back({next_id(out_.company.company_id + "-RA", action_counter_, 3),
                                          out_.company.company_id, defect_case.case_id, "recall_order", issued,
                                          issued.plus_days(10)});
    }
    const Date started = std::max(decided, trigger.value_or(decided)).plus_days(rng_.between(0, 10));
    const Date planned_end = started.plus_months(rng_.between(4, 12));
    const Date completion = planned_end.plus_days(rng_.between(-20, 40));
    if (exists(started) && !rng_.chance(0.03)) r.started_on = started;
    r.planned_end_on = planned_end;
    if (r.started_on && exists(completion)) r.completed_on = completion;
    for (const auto& sale : plan.planned_sales)
        if (sale.sold_on <= concluded) r.units_affected += sale.units;
    static const std::vector<std::string> kRemedies{"repair", "replace", "refund", "warning"};
    r.remedy = vehicle ? kRemedies[rng_.weighted({80, 12, 0, 8})] : kRemedies[rng_.weighted({20, 35, 35, 10})];
    out_.recalls.push_back(r);
    if (!plan.first_recall || decided < *plan.first_recall) plan.first_recall = decided;

    // Notices. The clock for China and for Part 577 starts at the first filing about the case.
    int notices = 0;
    auto notice = [&](const std::string& audience, std::optional<Date> published, const std::string& channel) {
        if (published && exists(*published))
            out_.notices.push_back(
                {next_id(r.recall_id + "-N", notices, 1), r.recall_id, audience, *published, channel});
    };
    const Date notice_window = std::max(decided, trigger.value_or(decided));
    if (is_china(plan.regime) && trigger) {
        const int public_days = plan.regime == Regime::ChinaVehicle ? 5 : 3;
        notice("public", respond(notice_window, after_working_days(plan, *trigger, public_days)),
               rng_.chance(0.7) ? "website" : "press");
        if (vehicle)
            notice("owners", respond(notice_window, after_working_days(plan, *trigger, 30)),
                   rng_.chance(0.5) ? "mail" : "sms");
    } else if (plan.regime == Regime::UsVehicle && trigger) {
        notice("owners", respond(notice_window, trigger->plus_days(60)), "mail");
    } else {
        notice("public", decided.plus_days(rng_.between(2, 20)), "website");
        if (vehicle) notice("owners", decided.plus_days(rng_.between(20, 90)), "mail");
    }
    if (!vehicle && rng_.chance(0.5)) notice("sellers", decided.plus_days(rng_.between(0, 15)), "platform");
    if (!vehicle && rng_.chance(0.3)) notice("consumers", decided.plus_days(rng_.between(0, 20)), "sms");

    if (!r.started_on) return;
    // Progress: cumulative units remedied, monthly, reaching the final share at completion.
    const int64_t permille = plan.low_completion ? rng_.between(100, 450) : rng_.between(550, 980);
    const int64_t total_days = std::max<int64_t>(1, completion.days() - started.days());
    const Date last = r.completed_on.value_or(settings_.horizon);
    for (int m = 1;; ++m) {
        const Date day = started.plus_months(m);
        if (day > last || (r.completed_on && day >= *r.completed_on)) break;
        const int64_t elapsed = std::min(total_days, day.days() - started.days());
        out_.progress.push_back({r.recall_id, day, r.units_affected * permille * elapsed / (1000 * total_days)});
    }
    if (r.completed_on)
        out_.progress.push_back({r.recall_id, *r.completed_on, (r.units_affected * permille + 999) / 1000});

    add_stage_reports(plan, defect_case, r, completion);

    if (r.completed_on) {
        if (is_china(plan.regime)) {
            if (auto filed = respond(*r.completed_on, after_working_days(plan, *r.completed_on, 15));
                filed && exists(*filed))
                add_filing(plan, "summary_report", *filed, defect_case.case_id);
        } else if (rng_.chance(0.5)) {
            const Date filed = r.completed_on->plus_days(rng_.between(5, 40));
            if (exists(filed)) add_filing(plan, "summary_report", filed, defect_case.case_id);
        }
    }
    if (rng_.chance(0.05) && trigger) {
        const Date issued = trigger->plus_days(rng_.between(10, 60));
        if (exists(issued))
            out_.regulator_actions.push_back({next_id(out_.company.company_id + "-RA", action_counter_, 3),
                                              out_.company.company_id, defect_case.case_id, "deadline_extension",
                                              issued, issued.plus_days(30)});
    }
    // The remedy itself is often a safety-related change (a software update for vehicles).
    if (rng_.chance(0.6)) {
        static const std::vector<std::string> kKinds{"software_update", "service_bulletin", "design_change"};
        add_change(plan, started.plus_days(rng_.between(0, 45)),
                   vehicle ? kKinds[rng_.weighted({4, 4, 2})] : "design_change", true);
    }
}

void CompanySimulation::add_stage_reports(const ProductPlan& plan, const CaseRow& defect_case, const RecallRow& recall,
                                          Date completed) {
    const Date started = *recall.started_on;
    for (int k = 1;; ++k) {
        // Periods are counted from the start date each time, so month-end clamping never drifts.
        const Date end = started.plus_months(3 * k);
        if (end >= completed || !exists(end)) break;
        std::optional<Date> filed;
        if (is_china(plan.regime))
            filed = respond(end, after_working_days(plan, end, 10));
        else if (plan.regime == Regime::UsVehicle)
            filed = end.plus_days(rng_.between(0, 20));  // quarterly 573 reports
        if (!filed || !exists(*filed)) continue;
        FilingRow& f = add_filing(plan, "progress_report", *filed, defect_case.case_id);
        f.period_end = end;
        f.content = fmt::format(R"({{"case_id":"{}","period":{}}})", defect_case.case_id, k);
    }
}

}  // namespace recallguard::generate
