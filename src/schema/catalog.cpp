#include "schema/catalog.h"

#include <deque>
#include <map>
#include <set>

namespace recallguard::embedded {
extern const char* const kCaseDataModelDdl;
}

namespace recallguard::schema {

const char* case_data_model_ddl() {
    return embedded::kCaseDataModelDdl;
}

const char* column_type_name(ColumnType type) {
    switch (type) {
        case ColumnType::Text:
            return "text";
        case ColumnType::Integer:
            return "integer";
        case ColumnType::Date:
            return "date";
        case ColumnType::Json:
            return "json";
    }
    return "text";
}

const Column* Table::find_column(const std::string& column) const {
    for (const auto& c : columns)
        if (c.name == column) return &c;
    return nullptr;
}

std::vector<std::string> Table::column_names() const {
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);
    return names;
}

namespace {

Column text(std::string name, bool not_null = true) {
    return {std::move(name), ColumnType::Text, not_null, {}, {}, {}, {}};
}
Column date(std::string name, bool not_null = true) {
    return {std::move(name), ColumnType::Date, not_null, {}, {}, {}, {}};
}
Column country(std::string name) {
    Column c = text(std::move(name));
    c.format = TextFormat::CountryCode;
    return c;
}
Column integer(std::string name, int min_value) {
    return {std::move(name), ColumnType::Integer, true, {}, min_value, {}, {}};
}
Column non_empty(std::string name) {
    Column c = text(std::move(name));
    c.format = TextFormat::NonEmpty;
    return c;
}
Column flag(std::string name) {
    Column c = integer(std::move(name), 0);
    c.max_value = 1;
    return c;
}
Column enumeration(std::string name, std::vector<std::string> values, bool not_null = true) {
    return {std::move(name), ColumnType::Text, not_null, std::move(values), {}, {}, {}};
}
Column reference(std::string name, std::string table, std::string relation, bool not_null = true) {
    return {std::move(name), ColumnType::Text, not_null, {}, {}, std::move(table), std::move(relation)};
}

const std::vector<std::string> kHazards{"fire",   "explosion", "overheating", "electric_shock",
                                        "injury", "crash",     "choking",     "other"};

std::vector<Table> case_data_v1_tables() {
    std::vector<Table> t;
    t.push_back({"companies",
                 {text("company_id"), text("name"), country("country"),
                  enumeration("role", {"producer", "importer", "seller"})},
                 {"company_id"},
                 "",
                 {},
                 {}});
    t.push_back({"products",
                 {text("product_id"), reference("company_id", "companies", "company"),
                  enumeration("category", {"power_bank", "vehicle", "childrens_product", "household_appliance",
                                           "electronics", "other"}),
                  text("brand", false), text("model"), text("batch", false), country("market"),
                  integer("units_sold", 0), text("certificate", false)},
                 {"product_id"},
                 "",
                 {},
                 {}});
    t.push_back({"complaints",
                 {text("complaint_id"), reference("product_id", "products", "product"), date("received_on"),
                  enumeration("channel", {"hotline", "platform", "dealer", "direct"}), enumeration("hazard", kHazards),
                  text("description", false)},
                 {"complaint_id"},
                 "received_on",
                 {},
                 {}});
    t.push_back(
        {"incidents",
         {text("incident_id"), reference("product_id", "products", "product"), date("occurred_on"), date("known_on"),
          enumeration("outcome", {"death", "serious_injury", "minor_injury", "property_damage", "none"}),
          enumeration("hazard", kHazards), country("country")},
         {"incident_id"},
         "known_on",
         {},
         {}});
    t.back().date_orders = {
        {"occurred_on", "known_on", true, false, "a company cannot learn of harm before it occurs"}};
    t.push_back(
        {"defect_cases",
         {text("case_id"), reference("product_id", "products", "product"), date("opened_on"),
          enumeration("source", {"complaint", "incident", "test", "regulator_notice", "foreign_recall", "internal"}),
          enumeration("hazard", kHazards), date("concluded_on", false),
          enumeration("conclusion", {"defect", "no_defect"}, false)},
         {"case_id"},
         "opened_on",
         {{"concluded_on", {"concluded_on", "conclusion"}}},
         {}});
    t.back().date_orders = {
        {"opened_on", "concluded_on", false, false, "an investigation is concluded after it is opened"}};
    t.back().set_together = {{"concluded_on", "conclusion"}};
    t.push_back({"filings",
                 {text("filing_id"),
                  reference("company_id", "companies", "company"),
                  reference("product_id", "products", "product", false),
                  reference("case_id", "defect_cases", "case", false),
                  enumeration("kind", {"incident_report", "foreign_recall_report", "defect_report", "recall_plan",
                                       "plan_change", "progress_report", "summary_report", "bulletin_filing"}),
                  date("filed_on"),
                  non_empty("authority"),
                  date("period_end", false),
                  {"content", ColumnType::Json, false, {}, {}, {}, {}}},
                 {"filing_id"},
                 "filed_on",
                 {},
                 {}});
    t.push_back({"recalls",
                 {text("recall_id"), reference("case_id", "defect_cases", "case"),
                  enumeration("kind", {"voluntary", "ordered"}), date("decided_on"), date("started_on", false),
                  date("planned_end_on", false), date("completed_on", false), integer("units_affected", 0),
                  enumeration("remedy", {"repair", "replace", "refund", "warning"})},
                 {"recall_id"},
                 "decided_on",
                 {{"started_on", {"started_on"}}, {"completed_on", {"completed_on"}}},
                 {}});
    t.back().date_orders = {{"decided_on", "started_on", false, false, "a recall starts after it is decided"},
                            {"started_on", "completed_on", false, true, "a recall is completed after it starts"}};
    t.push_back({"notices",
                 {text("notice_id"), reference("recall_id", "recalls", "recall"),
                  enumeration("audience", {"public", "consumers", "sellers", "owners"}), date("published_on"),
                  enumeration("channel", {"website", "press", "mail", "sms", "platform", "dealer"})},
                 {"notice_id"},
                 "published_on",
                 {},
                 {}});
    t.push_back({"recall_progress",
                 {reference("recall_id", "recalls", "recall"), date("as_of"), integer("units_remedied", 0)},
                 {"recall_id", "as_of"},
                 "as_of",
                 {},
                 Table::Monotonic{"units_remedied", "recall_id", "as_of"}});
    t.push_back(
        {"sales",
         {text("sale_id"), reference("product_id", "products", "product"), date("sold_on"), integer("units", 1)},
         {"sale_id"},
         "sold_on",
         {},
         {}});
    t.push_back({"design_changes",
                 {text("change_id"), reference("product_id", "products", "product"), date("effective_on"),
                  enumeration("kind", {"design_change", "service_bulletin", "software_update"}), flag("safety_related"),
                  text("description", false)},
                 {"change_id"},
                 "effective_on",
                 {},
                 {}});
    t.push_back({"foreign_recalls",
                 {text("foreign_recall_id"), reference("product_id", "products", "product"), country("country"),
                  date("announced_on")},
                 {"foreign_recall_id"},
                 "announced_on",
                 {},
                 {}});
    t.push_back({"regulator_actions",
                 {text("action_id"), reference("company_id", "companies", "company"),
                  reference("case_id", "defect_cases", "case", false),
                  enumeration("kind", {"investigation_notice", "recall_order", "deadline_extension"}),
                  date("issued_on"), date("due_on", false)},
                 {"action_id"},
                 "issued_on",
                 {},
                 {}});
    return t;
}

}  // namespace

Catalog::Catalog(std::vector<Table> tables) : tables_(std::move(tables)) {}

const Catalog& Catalog::case_data_v1() {
    static const Catalog catalog(case_data_v1_tables());
    return catalog;
}

const Table* Catalog::find_table(const std::string& name) const {
    for (const auto& t : tables_)
        if (t.name == name) return &t;
    return nullptr;
}

std::vector<std::string> Catalog::table_names() const {
    std::vector<std::string> names;
    for (const auto& t : tables_) names.push_back(t.name);
    return names;
}

std::vector<Relation> Catalog::relations_from(const std::string& table) const {
    std::vector<Relation> out;
    const Table* from = find_table(table);
    if (!from) return out;
    for (const auto& c : from->columns)
        if (!c.references.empty())
            out.push_back(
                {c.relation, table, c.references, c.name, find_table(c.references)->primary_key.front(), false});
    // Reverse relations are named after the referencing table; a table that refers to
    // `table` through more than one column would be ambiguous and gets none.
    std::map<std::string, std::vector<const Column*>> referrers;
    for (const auto& other : tables_)
        for (const auto& c : other.columns)
            if (c.references == table) referrers[other.name].push_back(&c);
    for (const auto& [other, columns] : referrers)
        if (columns.size() == 1)
            out.push_back({other, table, other, from->primary_key.front(), columns.front()->name, true});
    return out;
}

std::optional<Relation> Catalog::find_relation(const std::string& table, const std::string& name) const {
    for (auto& r : relations_from(table))
        if (r.name == name) return r;
    return std::nullopt;
}

std::vector<Relation> Catalog::path_to_company(const std::string& table) const {
    // Breadth-first over NOT NULL forward relations: the shortest path that always exists.
    std::map<std::string, std::vector<Relation>> paths{{table, {}}};
    std::deque<std::string> queue{table};
    while (!queue.empty()) {
        const std::string current = queue.front();
        queue.pop_front();
        if (current == "companies") return paths[current];
        for (const auto& c : find_table(current)->columns) {
            if (c.references.empty() || !c.not_null || paths.count(c.references)) continue;
            auto path = paths[current];
            path.push_back(
                {c.relation, current, c.references, c.name, find_table(c.references)->primary_key.front(), false});
            paths[c.references] = path;
            queue.push_back(c.references);
        }
    }
    return {};
}

}  // namespace recallguard::schema
