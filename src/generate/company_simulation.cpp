#include "generate/company_simulation.h"

#include <fmt/format.h>

#include <algorithm>

#include "generate/names.h"
#include "generate/simulation_state.h"

namespace recallguard::generate {
namespace {

const std::vector<std::string> kConsumerCategories{"power_bank", "childrens_product", "household_appliance",
                                                   "electronics", "other"};
const std::vector<std::string> kForeignCountries{"US", "DE", "JP", "AU", "GB", "KR", "CA", "FR"};

// Days before long holidays, when a conclusion starts a deadline that runs through the
// holiday (the working-day count skips it; plain-day counting would not).
std::vector<Date> holiday_eves(CalendarId calendar) {
    std::vector<std::string> days;
    if (calendar == CalendarId::China)
        days = {"2024-02-08", "2024-02-09", "2024-04-30", "2024-09-29", "2024-09-30", "2025-01-26", "2025-01-27",
                "2025-04-30", "2025-09-28", "2025-09-30", "2026-02-13", "2026-02-14", "2026-04-30", "2026-09-30"};
    else if (calendar == CalendarId::UnitedStates)
        days = {"2024-07-03", "2024-11-27", "2024-12-24", "2025-07-03", "2025-11-26", "2025-12-24", "2026-07-02"};
    std::vector<Date> out;
    for (const auto& d : days) out.push_back(*Date::parse(d));
    return out;
}

std::string defect_hazard_for(Prng& rng, const std::string& category) {
    if (category == "power_bank")
        return std::vector<std::string>{"fire", "overheating", "explosion"}[rng.weighted({5, 4, 1})];
    if (category == "vehicle")
        return std::vector<std::string>{"crash", "fire", "injury", "other"}[rng.weighted({4, 2, 2, 2})];
    if (category == "childrens_product") return rng.chance(0.6) ? "choking" : "injury";
    if (category == "household_appliance")
        return std::vector<std::string>{"electric_shock", "fire", "overheating"}[rng.weighted({3, 3, 4})];
    if (category == "electronics")
        return std::vector<std::string>{"overheating", "fire", "electric_shock"}[rng.weighted({5, 3, 2})];
    return rng.chance(0.5) ? "injury" : "other";
}

double defect_chance(const std::string& category) {
    if (category == "vehicle") return 0.45;
    if (category == "power_bank") return 0.3;
    if (category == "childrens_product" || category == "household_appliance") return 0.2;
    if (category == "electronics") return 0.15;
    return 0.1;
}

int twin_key(const ProductPlan& p) {
    return p.twin_group >= 0 ? p.twin_group : static_cast<int>(p.row);
}

}  // namespace

CompanyRecords simulate_company(uint64_t seed, int64_t index, const SimulationSettings& settings) {
    return CompanySimulation(seed, index, settings).run();
}

CompanySimulation::CompanySimulation(uint64_t seed, int64_t index, const SimulationSettings& settings)
    : index_(index), settings_(settings), rng_(Prng::derive(seed, static_cast<uint64_t>(index))) {}

CompanyRecords CompanySimulation::run() {
    make_company();
    const bool vehicle_maker = out_.company.role == "producer" && rng_.chance(0.2);
    const int64_t product_count = vehicle_maker ? rng_.between(2, 5) : rng_.between(3, 9);
    const std::string favourite = rng_.pick(kConsumerCategories);

    std::vector<ProductPlan> plans;
    for (int64_t i = 0; i < product_count; ++i) {
        ProductPlan plan = plan_product(static_cast<size_t>(i), plans);
        if (plan.twin_group < 0) {
            // A product of its own: the company's line decides the category.
            const std::string category =
                vehicle_maker ? "vehicle" : (rng_.chance(0.5) ? favourite : rng_.pick(kConsumerCategories));
            plan.category = category;
            out_.products[plan.row].category = category;
            out_.products[plan.row].model = model_name(rng_, category);
        }
        plans.push_back(std::move(plan));
    }
    for (auto& plan : plans) {
        ProductRow& row = out_.products[plan.row];
        const bool cn = plan.market == "CN", us = plan.market == "US", vehicle = plan.category == "vehicle";
        plan.regime = cn   ? (vehicle ? Regime::ChinaVehicle : Regime::ChinaConsumer)
                      : us ? (vehicle ? Regime::UsVehicle : Regime::UsConsumer)
                           : Regime::Elsewhere;
        plan.calendar = cn ? CalendarId::China : us ? CalendarId::UnitedStates : CalendarId::Weekdays;

        // Certificates: CCC in China (mandatory for power banks from 2024-08-01), UL-style elsewhere.
        if (plan.category == "power_bank" && cn) {
            if (violate())
                plan.uncertified_sales = true;
            else if (plan.launch < Date::from_ymd(2024, 5, 1) && rng_.chance(0.15))
                plan.sales_end = std::min(plan.sales_end, Date::from_ymd(2024, 7, 31));  // sold out before the deadline
            else
                row.certificate = fmt::format("2024{:012}", rng_.below(1000000000000ULL));
        } else if (cn && plan.category != "other" && rng_.chance(0.7)) {
            row.certificate = fmt::format("20{:02}{:012}", rng_.between(20, 24), rng_.below(1000000000000ULL));
        } else if (!cn && rng_.chance(0.5)) {
            row.certificate = fmt::format("UL-{}", rng_.between(100000, 999999));
        }

        // A real defect, which shows as a run of complaints and incidents from its onset.
        const Date earliest_onset = plan.launch.plus_days(30);
        const Date latest_onset = settings_.horizon.plus_days(-45);
        if (earliest_onset < latest_onset && rng_.chance(defect_chance(plan.category))) {
            plan.defective = true;
            plan.defect_hazard = defect_hazard_for(rng_, plan.category);
            plan.onset = random_date(earliest_onset, latest_onset);
            if (rng_.chance(0.35)) {
                std::vector<Date> eves;
                for (Date e : holiday_eves(plan.calendar))
                    if (e <= settings_.horizon && e.plus_days(-60) >= earliest_onset) eves.push_back(e);
                if (!eves.empty()) {
                    plan.edge_conclusion = rng_.pick(eves);
                    plan.onset = plan.edge_conclusion->plus_days(-rng_.between(45, 60));
                }
            }
            const bool fire_like = plan.defect_hazard == "fire" || plan.defect_hazard == "explosion";
            plan.ignore_cluster = fire_like && violate();
            plan.deny_harm = !plan.ignore_cluster && violate();
            plan.stall_case = !plan.ignore_cluster && !plan.deny_harm && violate();
            plan.sell_after_defect = violate();
            plan.low_completion = violate();
        }
    }

    for (auto& plan : plans) plan_sales(plan);
    for (auto& plan : plans) {
        add_events(plan);
        add_harm_reports(plan);
    }
    for (auto& plan : plans) add_cases(plan);
    for (auto& plan : plans) finish_sales(plan);
    for (auto& plan : plans) add_design_changes(plan);
    add_foreign_recalls(plans);

    // Now and then a regulator writes to the company about no case in particular.
    if (rng_.chance(0.08)) {
        const Date issued = random_date(Date::from_ymd(2024, 1, 1), settings_.horizon);
        out_.regulator_actions.push_back({next_id(out_.company.company_id + "-RA", action_counter_, 3),
                                          out_.company.company_id, std::nullopt, "investigation_notice", issued,
                                          issued.plus_days(30)});
    }
    return std::move(out_);
}

void CompanySimulation::make_company() {
    static const std::vector<std::string> kCountries{"CN", "US", "DE", "JP", "KR", "GB", "FR"};
    static const std::vector<std::string> kRoles{"producer", "importer", "seller"};
    CompanyRow& c = out_.company;
    c.company_id = fmt::format("CO{:06}", index_ + 1);
    c.country = kCountries[rng_.weighted({62, 18, 8, 4, 3, 3, 2})];
    c.role = kRoles[rng_.weighted({70, 20, 10})];
    c.name = company_name(rng_, c.country);
}

ProductPlan CompanySimulation::plan_product(size_t ordinal, const std::vector<ProductPlan>& earlier) {
    static const std::vector<std::string> kMarkets{"CN", "US", "DE", "GB", "JP", "AU"};
    ProductPlan plan;
    plan.row = out_.products.size();
    plan.id = fmt::format("{}-P{:02}", out_.company.company_id, ordinal + 1);

    ProductRow row;
    row.product_id = plan.id;
    row.company_id = out_.company.company_id;
    const std::string& home = out_.company.country;
    const bool home_market = (home == "CN" || home == "US" || home == "DE") && rng_.chance(0.6);
    plan.market = home_market ? home : kMarkets[rng_.weighted({50, 30, 10, 4, 3, 3})];

    // The same model sold in another market: a recall there is a foreign recall here.
    if (!earlier.empty() && rng_.chance(0.25)) {
        const ProductPlan& base = earlier[static_cast<size_t>(rng_.below(earlier.size()))];
        if (base.market != plan.market) {
            const ProductRow& base_row = out_.products[base.row];
            plan.twin_group = twin_key(base);
            plan.category = base.category;
            row.category = base_row.category;
            row.brand = base_row.brand;
            row.model = base_row.model;
        }
    }
    if (plan.twin_group < 0) {
        row.category = "other";  // decided by the caller, which knows the company's line
        row.brand = rng_.chance(0.85) ? std::optional<std::string>(brand_name(rng_)) : std::nullopt;
        row.model = "";
    }
    if (rng_.chance(0.2)) row.batch = fmt::format("B{}{:02}", rng_.between(2023, 2025), rng_.between(1, 12));
    row.market = plan.market;

    const Date start = WorkingDays::first_covered();
    const Date latest_launch = settings_.horizon.plus_days(-60);
    plan.launch = rng_.chance(0.4) ? start.plus_days(rng_.between(0, 30))
                                   : random_date(start, std::min(latest_launch, start.plus_days(540)));
    if (plan.launch > latest_launch) plan.launch = std::max(start, latest_launch);
    plan.sales_end = settings_.horizon;
    if (rng_.chance(0.12)) plan.sales_end = std::min(settings_.horizon, plan.launch.plus_days(rng_.between(150, 500)));
    out_.products.push_back(std::move(row));
    return plan;
}

void CompanySimulation::add_foreign_recalls(std::vector<ProductPlan>& plans) {
    int counter = 0;
    auto add = [&](ProductPlan& plan, const std::string& country, Date announced) {
        if (!exists(announced) || announced < WorkingDays::first_covered()) return;
        out_.foreign_recalls.push_back({next_id(plan.id + "-FR", counter, 1), plan.id, country, announced});
        if (plan.regime == Regime::ChinaConsumer) {
            if (auto filed = respond(announced, after_working_days(plan, announced, 2)); filed && exists(*filed))
                add_filing(plan, "foreign_recall_report", *filed, std::nullopt);
        } else if (plan.regime == Regime::ChinaVehicle && rng_.chance(0.6)) {
            const Date filed = announced.plus_days(rng_.between(0, 15));
            if (exists(filed)) add_filing(plan, "foreign_recall_report", filed, std::nullopt);
        }
    };
    for (const auto& recalled : plans) {
        if (!recalled.first_recall) continue;
        for (auto& twin : plans)
            if (&twin != &recalled && twin_key(twin) == twin_key(recalled) && twin.market != recalled.market)
                add(twin, recalled.market, *recalled.first_recall);
    }
    for (auto& plan : plans) {
        if (!rng_.chance(0.05)) continue;
        std::string country = rng_.pick(kForeignCountries);
        if (country == plan.market) continue;
        add(plan, country, random_date(plan.launch, settings_.horizon));
    }
}

std::optional<Date> CompanySimulation::respond(Date earliest, Date due) {
    if (violate()) {
        if (rng_.chance(0.5)) return std::nullopt;
        return rng_.chance(0.4) ? due.plus_days(1) : due.plus_days(rng_.between(2, 45));
    }
    if (earliest >= due || rng_.chance(0.3)) return due;
    return random_date(earliest, due);
}

std::string CompanySimulation::authority(const ProductPlan& plan) {
    switch (plan.regime) {
        case Regime::ChinaConsumer:
            return std::vector<std::string>{"SAMR", "SAMR-GD", "SAMR-ZJ", "SAMR-JS"}[rng_.weighted({7, 1, 1, 1})];
        case Regime::ChinaVehicle:
            return "SAMR";
        case Regime::UsConsumer:
            return "CPSC";
        case Regime::UsVehicle:
            return "NHTSA";
        case Regime::Elsewhere:
            break;
    }
    if (plan.market == "DE") return plan.category == "vehicle" ? "KBA" : "BAuA";
    if (plan.market == "GB") return "OPSS";
    if (plan.market == "JP") return plan.category == "vehicle" ? "MLIT" : "METI";
    return "ACCC";
}

FilingRow& CompanySimulation::add_filing(const ProductPlan& plan, const std::string& kind, Date filed_on,
                                         std::optional<std::string> case_id) {
    FilingRow f;
    f.filing_id = next_id(out_.company.company_id + "-F", filing_counter_, 5);
    f.company_id = out_.company.company_id;
    f.product_id = plan.id;
    f.content = case_id ? fmt::format(R"({{"product_id":"{}","case_id":"{}"}})", plan.id, *case_id)
                        : fmt::format(R"({{"product_id":"{}"}})", plan.id);
    f.case_id = std::move(case_id);
    f.kind = kind;
    f.filed_on = filed_on;
    f.authority = authority(plan);
    out_.filings.push_back(std::move(f));
    return out_.filings.back();
}

std::string CompanySimulation::next_id(const std::string& prefix, int& counter, int width) {
    return fmt::format("{}{:0{}}", prefix, ++counter, width);
}

}  // namespace recallguard::generate
