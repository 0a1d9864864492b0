// Internal to the generator: the state of one company's simulation, shared by the files that
// simulate its products (product_activity.cpp), cases and recalls (case_history.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generate/company_simulation.h"
#include "generate/prng.h"
#include "generate/working_days.h"

namespace recallguard::generate {

// Which rule pack's obligations a product falls under (standard-rules.md, market scope).
enum class Regime { ChinaConsumer, ChinaVehicle, UsConsumer, UsVehicle, Elsewhere };

// Why a defect case was opened, which decides how it ends.
enum class CaseKind {
    Defect,   // investigating the product's real defect: concluded defect (unless denied)
    Cluster,  // answering a fire cluster: defect when the product is defective or harm is serious
    Routine,  // a test, an internal review or a regulator's question: usually no defect
};

// A harm event as SIG-FIRE-CLUSTER counts it: an incident (occurred_on) or complaint (received_on).
struct HazardEvent {
    Date on;
    std::string hazard;
};

// What the simulation decided about one product before writing its rows.
struct ProductPlan {
    size_t row = 0;  // index in CompanyRecords::products
    std::string id;
    std::string category;
    std::string market;
    Regime regime = Regime::Elsewhere;
    CalendarId calendar = CalendarId::Weekdays;
    Date launch;
    Date sales_end;       // natural end of shipments (discontinued, or the horizon)
    int twin_group = -1;  // products of the same model sold in several markets

    bool defective = false;
    Date onset;  // when the defect starts showing
    std::string defect_hazard;
    std::optional<Date> edge_conclusion;  // a holiday-eve conclusion date to aim for

    // Breaches chosen for this product up front (each with the violation rate).
    bool ignore_cluster = false;
    bool deny_harm = false;
    bool stall_case = false;
    bool sell_after_defect = false;
    bool low_completion = false;
    bool uncertified_sales = false;

    std::vector<HazardEvent> events;     // every complaint and incident, for cluster detection
    std::vector<size_t> incident_rows;   // indexes in CompanyRecords::incidents
    std::vector<SaleRow> planned_sales;  // before stop-sale decisions
    std::vector<Date> case_opened;
    std::optional<Date> first_defect_conclusion;
    std::optional<Date> first_recall;  // earliest recall decided_on
    int changes = 0;                   // design changes so far (for ids)
};

class CompanySimulation {
public:
    CompanySimulation(uint64_t seed, int64_t index, const SimulationSettings& settings);
    CompanyRecords run();

private:
    // company_simulation.cpp
    void make_company();
    ProductPlan plan_product(size_t ordinal, const std::vector<ProductPlan>& earlier);
    void add_foreign_recalls(std::vector<ProductPlan>& plans);

    // product_activity.cpp
    void add_events(ProductPlan& plan);
    void add_harm_reports(ProductPlan& plan);
    void plan_sales(ProductPlan& plan);
    void finish_sales(ProductPlan& plan);
    void add_design_changes(ProductPlan& plan);
    // A design change; service bulletins and software updates of Chinese vehicles also
    // bring the duty to file them (CN-AV-BULLETIN).
    void add_change(ProductPlan& plan, Date effective, const std::string& kind, bool safety_related);
    std::optional<Date> fire_cluster_start(const ProductPlan& plan) const;

    // case_history.cpp
    void add_cases(ProductPlan& plan);
    void add_case(ProductPlan& plan, CaseKind kind, Date opened, const std::string& source, const std::string& hazard);
    void add_recall(ProductPlan& plan, const CaseRow& defect_case);
    void add_stage_reports(const ProductPlan& plan, const CaseRow& defect_case, const RecallRow& recall,
                           Date completed);
    int serious_incidents_known(const ProductPlan& plan, const std::string& hazard, Date by) const;

    // Shared helpers (company_simulation.cpp).
    bool violate() { return rng_.chance(settings_.violation_rate); }
    bool exists(Date d) const { return d <= settings_.horizon; }
    Date after_working_days(const ProductPlan& plan, Date from, int n) const {
        return WorkingDays::get(plan.calendar).after(from, n);
    }
    // When the record answering an obligation (window opens `earliest`, due `due`) is dated:
    // on time (sometimes exactly on the due date), or, as a breach, late or never (nullopt).
    std::optional<Date> respond(Date earliest, Date due);
    Date random_date(Date from, Date to) { return from.plus_days(rng_.between(0, to.days() - from.days())); }
    FilingRow& add_filing(const ProductPlan& plan, const std::string& kind, Date filed_on,
                          std::optional<std::string> case_id);
    std::string authority(const ProductPlan& plan);
    std::string next_id(const std::string& prefix, int& counter, int width);

    int64_t index_;
    SimulationSettings settings_;
    Prng rng_;
    CompanyRecords out_;
    int filing_counter_ = 0;
    int action_counter_ = 0;
};

}  // namespace recallguard::generate
