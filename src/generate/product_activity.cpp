// Product-level activity of the simulation: shipments, complaints and incidents, harm
// reports, design changes and bulletins.
#include <fmt/format.h>

#include <algorithm>

#include "generate/simulation_state.h"

namespace recallguard::generate {
namespace {

const std::vector<std::string> kHazards{"fire",   "explosion", "overheating", "electric_shock",
                                        "injury", "crash",     "choking",     "other"};

// Background complaint hazards by category (relative weights, in kHazards order).
std::string background_hazard(Prng& rng, const std::string& category) {
    if (category == "power_bank") return kHazards[rng.weighted({6, 1, 30, 2, 3, 0, 0, 58})];
    if (category == "vehicle") return kHazards[rng.weighted({3, 0, 5, 1, 10, 15, 0, 66})];
    if (category == "childrens_product") return kHazards[rng.weighted({0, 0, 1, 0, 30, 0, 14, 55})];
    if (category == "household_appliance") return kHazards[rng.weighted({4, 0, 15, 10, 8, 0, 0, 63})];
    if (category == "electronics") return kHazards[rng.weighted({3, 1, 20, 5, 3, 0, 0, 68})];
    return kHazards[rng.weighted({1, 0, 3, 1, 15, 0, 3, 77})];
}

std::optional<std::string> complaint_text(Prng& rng, const std::string& hazard, bool chinese) {
    if (rng.chance(0.4)) return std::nullopt;
    if (chinese) {
        if (hazard == "fire" || hazard == "explosion") return "使用中起火冒烟";
        if (hazard == "overheating") return "充电时严重发烫";
        if (hazard == "electric_shock") return "外壳漏电";
        return "产品质量问题";
    }
    if (hazard == "fire" || hazard == "explosion") return "caught fire while in use";
    if (hazard == "overheating") return "gets very hot when charging";
    if (hazard == "crash") return "lost steering assist at speed";
    if (hazard == "choking") return "small part came loose";
    return "product stopped working";
}

bool serious(const std::string& outcome) {
    return outcome == "death" || outcome == "serious_injury";
}

}  // namespace

void CompanySimulation::plan_sales(ProductPlan& plan) {
    const bool vehicle = plan.category == "vehicle";
    int counter = 0;
    for (Date day = plan.launch; day <= plan.sales_end;
         day = day.plus_days(vehicle ? rng_.between(4, 13) : rng_.between(6, 18))) {
        const int64_t units = vehicle ? rng_.between(20, 400) : rng_.between(50, 5000);
        plan.planned_sales.push_back({next_id(plan.id + "-S", counter, 4), plan.id, day, units});
    }
    // A product sold out before a deadline often ships its last lot on the last allowed day.
    if (plan.sales_end < settings_.horizon && plan.planned_sales.back().sold_on < plan.sales_end && rng_.chance(0.5))
        plan.planned_sales.push_back({next_id(plan.id + "-S", counter, 4), plan.id, plan.sales_end, 100});
}

void CompanySimulation::add_events(ProductPlan& plan) {
    static const std::vector<std::string> kOutcomes{"death", "serious_injury", "minor_injury", "property_damage",
                                                    "none"};
    const bool chinese = plan.market == "CN";
    int complaints = 0, incidents = 0;
    auto complaint = [&](Date on, const std::string& hazard) {
        if (!exists(on)) return;
        static const std::vector<std::string> kChannels{"hotline", "platform", "dealer", "direct"};
        const std::string& channel =
            kChannels[plan.category == "vehicle" ? rng_.weighted({20, 15, 55, 10}) : rng_.weighted({30, 45, 10, 15})];
        out_.complaints.push_back({next_id(plan.id + "-CP", complaints, 3), plan.id, on, channel, hazard,
                                   complaint_text(rng_, hazard, chinese)});
        plan.events.push_back({on, hazard});
    };
    auto incident = [&](Date occurred, Date known, const std::string& outcome, const std::string& hazard) {
        if (!exists(known)) return;
        const std::string country = rng_.chance(0.92) ? plan.market : "HK";
        out_.incidents.push_back(
            {next_id(plan.id + "-IN", incidents, 2), plan.id, occurred, known, outcome, hazard, country});
        plan.incident_rows.push_back(out_.incidents.size() - 1);
        plan.events.push_back({occurred, hazard});
    };
    auto known_after = [&](Date occurred) {
        return rng_.chance(0.5) ? occurred : occurred.plus_days(rng_.between(1, 25));
    };

    // Background: the ordinary trickle any product on the market gets.
    for (Date d = plan.launch.plus_days(rng_.between(5, 110)); d <= settings_.horizon;
         d = d.plus_days(rng_.between(10, 110)))
        complaint(d, background_hazard(rng_, plan.category));
    for (Date d = plan.launch.plus_days(rng_.between(20, 400)); d <= settings_.horizon;
         d = d.plus_days(rng_.between(60, 400)))
        incident(d, known_after(d), kOutcomes[rng_.weighted({3, 9, 28, 35, 25})],
                 background_hazard(rng_, plan.category));

    if (!plan.defective) return;
    // A defect: a burst of complaints and incidents with its hazard, some of them serious.
    if (plan.deny_harm)
        for (int i = 0; i < 2; ++i) {
            const Date occurred = plan.onset.plus_days(rng_.between(0, 8));
            incident(occurred, occurred.plus_days(rng_.between(0, 2)), i == 0 ? "death" : "serious_injury",
                     plan.defect_hazard);
        }
    if (plan.stall_case) {
        const Date occurred = plan.onset.plus_days(rng_.between(0, 10));
        incident(occurred, occurred.plus_days(rng_.between(0, 10)), "serious_injury", plan.defect_hazard);
    }
    const Date burst_end = plan.onset.plus_days(rng_.between(90, 240));
    for (Date d = plan.onset; d <= burst_end; d = d.plus_days(rng_.between(2, 10)))
        complaint(d, rng_.chance(0.85) ? plan.defect_hazard : background_hazard(rng_, plan.category));
    for (Date d = plan.onset.plus_days(rng_.between(0, 20)); d <= burst_end; d = d.plus_days(rng_.between(8, 30)))
        incident(d, known_after(d), kOutcomes[rng_.weighted({5, 15, 30, 35, 15})], plan.defect_hazard);
}

void CompanySimulation::add_harm_reports(ProductPlan& plan) {
    for (size_t row : plan.incident_rows) {
        const IncidentRow incident = out_.incidents[row];
        if (!serious(incident.outcome)) continue;
        std::optional<Date> filed;
        if (plan.regime == Regime::ChinaConsumer)
            filed = respond(incident.known_on, after_working_days(plan, incident.known_on, 2));
        else if (plan.regime == Regime::UsConsumer)
            filed = respond(incident.known_on, incident.known_on.plus_days(1));  // CPSC: "within 24 hours"
        else if (rng_.chance(0.5))
            filed = incident.known_on.plus_days(rng_.between(0, 10));
        if (filed && exists(*filed)) {
            FilingRow& f = add_filing(plan, "incident_report", *filed, std::nullopt);
            f.content = fmt::format(R"({{"incident_id":"{}","outcome":"{}"}})", incident.incident_id, incident.outcome);
        }
    }
}

std::optional<Date> CompanySimulation::fire_cluster_start(const ProductPlan& plan) const {
    std::vector<Date> days;
    for (const auto& e : plan.events)
        if (e.hazard == "fire" || e.hazard == "explosion") days.push_back(e.on);
    std::sort(days.begin(), days.end());
    // t is the earliest event date with at least 3 events in [t - 89, t] (all events on t count).
    size_t first = 0;
    for (size_t i = 0; i < days.size(); ++i) {
        size_t last = i;
        while (last + 1 < days.size() && days[last + 1] == days[i]) ++last;
        while (days[first] < days[i].plus_days(-89)) ++first;
        if (last - first + 1 >= 3) return days[i];
    }
    return std::nullopt;
}

void CompanySimulation::finish_sales(ProductPlan& plan) {
    std::optional<Date> last_allowed;
    if (plan.first_defect_conclusion) {
        last_allowed = *plan.first_defect_conclusion;
        if (plan.sell_after_defect) last_allowed = last_allowed->plus_days(rng_.between(10, 60));
    }
    ProductRow& product = out_.products[plan.row];
    int64_t units = 0;
    for (auto& sale : plan.planned_sales) {
        if (last_allowed && sale.sold_on > *last_allowed) break;
        units += sale.units;
        out_.sales.push_back(std::move(sale));
    }
    plan.planned_sales.clear();
    product.units_sold = units;
}

void CompanySimulation::add_change(ProductPlan& plan, Date effective, const std::string& kind, bool safety_related) {
    if (!exists(effective)) return;
    static const std::vector<std::string> kRoutine{"cost-down of the enclosure", "new supplier for the cable",
                                                   "updated manual and labels", "firmware: power management"};
    static const std::vector<std::string> kSafety{"thermal fuse added to the cell pack", "reinforced mounting bracket",
                                                  "software: battery protection", "smaller parts secured"};
    std::optional<std::string> description;
    if (rng_.chance(0.7)) description = safety_related ? rng_.pick(kSafety) : rng_.pick(kRoutine);
    out_.design_changes.push_back(
        {next_id(plan.id + "-DX", plan.changes, 2), plan.id, effective, kind, safety_related, description});
    if (plan.regime == Regime::ChinaVehicle && kind != "design_change") {
        if (auto filed = respond(effective, after_working_days(plan, effective, 20)); filed && exists(*filed))
            add_filing(plan, "bulletin_filing", *filed, std::nullopt);
    }
}

void CompanySimulation::add_design_changes(ProductPlan& plan) {
    for (int64_t n = rng_.between(0, 2); n > 0; --n)
        add_change(plan, random_date(plan.launch, settings_.horizon), "design_change", false);
    if (plan.category == "vehicle")
        for (int64_t n = rng_.between(0, 3); n > 0; --n)
            add_change(plan, random_date(plan.launch, settings_.horizon),
                       rng_.chance(0.5) ? "service_bulletin" : "software_update", false);

    // A silent fix: a safety change with no case near it and no recall at all. A behaviour
    // rather than a missed deadline, so rarer than the rate.
    if (plan.first_recall || !rng_.chance(settings_.violation_rate / 4)) return;
    const Date effective = random_date(plan.launch, settings_.horizon);
    for (Date opened : plan.case_opened)
        if (opened >= effective.plus_days(-30) && opened <= effective.plus_days(30)) return;
    add_change(plan, effective, plan.category == "vehicle" ? "software_update" : "design_change", true);
}

}  // namespace recallguard::generate
