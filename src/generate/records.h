// Rows of one synthetic company's case data, in the shape of the case data model tables,
// held in memory until they are written (parents before children, as foreign keys need).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"

namespace recallguard::generate {

struct CompanyRow {
    std::string company_id, name, country, role;
};

struct ProductRow {
    std::string product_id, company_id, category;
    std::optional<std::string> brand;
    std::string model;
    std::optional<std::string> batch;
    std::string market;
    int64_t units_sold = 0;
    std::optional<std::string> certificate;
};

struct ComplaintRow {
    std::string complaint_id, product_id;
    Date received_on;
    std::string channel, hazard;
    std::optional<std::string> description;
};

struct IncidentRow {
    std::string incident_id, product_id;
    Date occurred_on, known_on;
    std::string outcome, hazard, country;
};

struct CaseRow {
    std::string case_id, product_id;
    Date opened_on;
    std::string source, hazard;
    std::optional<Date> concluded_on;
    std::optional<std::string> conclusion;
};

struct FilingRow {
    std::string filing_id, company_id;
    std::optional<std::string> product_id, case_id;
    std::string kind;
    Date filed_on;
    std::string authority;
    std::optional<Date> period_end;
    std::optional<std::string> content;  // a JSON object
};

struct RecallRow {
    std::string recall_id, case_id, kind;
    Date decided_on;
    std::optional<Date> started_on, planned_end_on, completed_on;
    int64_t units_affected = 0;
    std::string remedy;
};

struct NoticeRow {
    std::string notice_id, recall_id, audience;
    Date published_on;
    std::string channel;
};

struct ProgressRow {
    std::string recall_id;
    Date as_of;
    int64_t units_remedied = 0;
};

struct SaleRow {
    std::string sale_id, product_id;
    Date sold_on;
    int64_t units = 0;
};

struct DesignChangeRow {
    std::string change_id, product_id;
    Date effective_on;
    std::string kind;
    bool safety_related = false;
    std::optional<std::string> description;
};

struct ForeignRecallRow {
    std::string foreign_recall_id, product_id, country;
    Date announced_on;
};

struct RegulatorActionRow {
    std::string action_id, company_id;
    std::optional<std::string> case_id;
    std::string kind;
    Date issued_on;
    std::optional<Date> due_on;
};

// Everything generated for one company; the writer inserts it table by table.
struct CompanyRecords {
    CompanyRow company;
    std::vector<ProductRow> products;
    std::vector<ComplaintRow> complaints;
    std::vector<IncidentRow> incidents;
    std::vector<CaseRow> cases;
    std::vector<RecallRow> recalls;
    std::vector<FilingRow> filings;
    std::vector<NoticeRow> notices;
    std::vector<ProgressRow> progress;
    std::vector<SaleRow> sales;
    std::vector<DesignChangeRow> design_changes;
    std::vector<ForeignRecallRow> foreign_recalls;
    std::vector<RegulatorActionRow> regulator_actions;
};

}  // namespace recallguard::generate
