#include "generate/record_writer.h"

#include <optional>

namespace recallguard::generate {
namespace {

enum TableIndex {
    kCompanies,
    kProducts,
    kComplaints,
    kIncidents,
    kCases,
    kFilings,
    kRecalls,
    kNotices,
    kProgress,
    kSales,
    kDesignChanges,
    kForeignRecalls,
    kRegulatorActions,
};

void bind_optional(sqldb::Statement& s, int index, const std::optional<std::string>& value) {
    if (value)
        s.bind_text(index, *value);
    else
        s.bind_null(index);
}

void bind_date(sqldb::Statement& s, int index, Date value) {
    s.bind_text(index, value.to_string());
}

void bind_optional(sqldb::Statement& s, int index, const std::optional<Date>& value) {
    if (value)
        bind_date(s, index, *value);
    else
        s.bind_null(index);
}

}  // namespace

RecordWriter::RecordWriter(sqldb::Database& db) : db_(db) {
    inserts_.push_back(prepare("companies", {"company_id", "name", "country", "role"}));
    inserts_.push_back(prepare("products", {"product_id", "company_id", "category", "brand", "model", "batch", "market",
                                            "units_sold", "certificate"}));
    inserts_.push_back(
        prepare("complaints", {"complaint_id", "product_id", "received_on", "channel", "hazard", "description"}));
    inserts_.push_back(
        prepare("incidents", {"incident_id", "product_id", "occurred_on", "known_on", "outcome", "hazard", "country"}));
    inserts_.push_back(prepare(
        "defect_cases", {"case_id", "product_id", "opened_on", "source", "hazard", "concluded_on", "conclusion"}));
    inserts_.push_back(prepare("filings", {"filing_id", "company_id", "product_id", "case_id", "kind", "filed_on",
                                           "authority", "period_end", "content"}));
    inserts_.push_back(prepare("recalls", {"recall_id", "case_id", "kind", "decided_on", "started_on", "planned_end_on",
                                           "completed_on", "units_affected", "remedy"}));
    inserts_.push_back(prepare("notices", {"notice_id", "recall_id", "audience", "published_on", "channel"}));
    inserts_.push_back(prepare("recall_progress", {"recall_id", "as_of", "units_remedied"}));
    inserts_.push_back(prepare("sales", {"sale_id", "product_id", "sold_on", "units"}));
    inserts_.push_back(prepare("design_changes",
                               {"change_id", "product_id", "effective_on", "kind", "safety_related", "description"}));
    inserts_.push_back(prepare("foreign_recalls", {"foreign_recall_id", "product_id", "country", "announced_on"}));
    inserts_.push_back(
        prepare("regulator_actions", {"action_id", "company_id", "case_id", "kind", "issued_on", "due_on"}));
}

RecordWriter::Insert RecordWriter::prepare(const std::string& table, const std::vector<std::string>& columns) {
    std::string names, slots;
    for (const auto& column : columns) {
        names += (names.empty() ? "" : ", ") + sqldb::quote_identifier(column);
        slots += slots.empty() ? "?" : ", ?";
    }
    counts_.push_back({table, 0});
    return {db_.prepare("INSERT INTO " + sqldb::quote_identifier(table) + " (" + names + ") VALUES (" + slots + ")"),
            counts_.size() - 1};
}

void RecordWriter::run(Insert& insert) {
    insert.statement.step();
    insert.statement.reset();
    ++counts_[insert.count_index].rows;
}

void RecordWriter::write(const CompanyRecords& r) {
    {
        auto& s = inserts_[kCompanies].statement;
        s.bind_text(1, r.company.company_id);
        s.bind_text(2, r.company.name);
        s.bind_text(3, r.company.country);
        s.bind_text(4, r.company.role);
        run(inserts_[kCompanies]);
    }
    for (const auto& p : r.products) {
        auto& s = inserts_[kProducts].statement;
        s.bind_text(1, p.product_id);
        s.bind_text(2, p.company_id);
        s.bind_text(3, p.category);
        bind_optional(s, 4, p.brand);
        s.bind_text(5, p.model);
        bind_optional(s, 6, p.batch);
        s.bind_text(7, p.market);
        s.bind_int(8, p.units_sold);
        bind_optional(s, 9, p.certificate);
        run(inserts_[kProducts]);
    }
    for (const auto& c : r.complaints) {
        auto& s = inserts_[kComplaints].statement;
        s.bind_text(1, c.complaint_id);
        s.bind_text(2, c.product_id);
        bind_date(s, 3, c.received_on);
        s.bind_text(4, c.channel);
        s.bind_text(5, c.hazard);
        bind_optional(s, 6, c.description);
        run(inserts_[kComplaints]);
    }
    for (const auto& i : r.incidents) {
        auto& s = inserts_[kIncidents].statement;
        s.bind_text(1, i.incident_id);
        s.bind_text(2, i.product_id);
        bind_date(s, 3, i.occurred_on);
        bind_date(s, 4, i.known_on);
        s.bind_text(5, i.outcome);
        s.bind_text(6, i.hazard);
        s.bind_text(7, i.country);
        run(inserts_[kIncidents]);
    }
    for (const auto& c : r.cases) {
        auto& s = inserts_[kCases].statement;
        s.bind_text(1, c.case_id);
        s.bind_text(2, c.product_id);
        bind_date(s, 3, c.opened_on);
        s.bind_text(4, c.source);
        s.bind_text(5, c.hazard);
        bind_optional(s, 6, c.concluded_on);
        bind_optional(s, 7, c.conclusion);
        run(inserts_[kCases]);
    }
    for (const auto& f : r.filings) {
        auto& s = inserts_[kFilings].statement;
        s.bind_text(1, f.filing_id);
        s.bind_text(2, f.company_id);
        bind_optional(s, 3, f.product_id);
        bind_optional(s, 4, f.case_id);
        s.bind_text(5, f.kind);
        bind_date(s, 6, f.filed_on);
        s.bind_text(7, f.authority);
        bind_optional(s, 8, f.period_end);
        bind_optional(s, 9, f.content);
        run(inserts_[kFilings]);
    }
    for (const auto& rc : r.recalls) {
        auto& s = inserts_[kRecalls].statement;
        s.bind_text(1, rc.recall_id);
        s.bind_text(2, rc.case_id);
        s.bind_text(3, rc.kind);
        bind_date(s, 4, rc.decided_on);
        bind_optional(s, 5, rc.started_on);
        bind_optional(s, 6, rc.planned_end_on);
        bind_optional(s, 7, rc.completed_on);
        s.bind_int(8, rc.units_affected);
        s.bind_text(9, rc.remedy);
        run(inserts_[kRecalls]);
    }
    for (const auto& n : r.notices) {
        auto& s = inserts_[kNotices].statement;
        s.bind_text(1, n.notice_id);
        s.bind_text(2, n.recall_id);
        s.bind_text(3, n.audience);
        bind_date(s, 4, n.published_on);
        s.bind_text(5, n.channel);
        run(inserts_[kNotices]);
    }
    for (const auto& p : r.progress) {
        auto& s = inserts_[kProgress].statement;
        s.bind_text(1, p.recall_id);
        bind_date(s, 2, p.as_of);
        s.bind_int(3, p.units_remedied);
        run(inserts_[kProgress]);
    }
    for (const auto& sale : r.sales) {
        auto& s = inserts_[kSales].statement;
        s.bind_text(1, sale.sale_id);
        s.bind_text(2, sale.product_id);
        bind_date(s, 3, sale.sold_on);
        s.bind_int(4, sale.units);
        run(inserts_[kSales]);
    }
    for (const auto& d : r.design_changes) {
        auto& s = inserts_[kDesignChanges].statement;
        s.bind_text(1, d.change_id);
        s.bind_text(2, d.product_id);
        bind_date(s, 3, d.effective_on);
        s.bind_text(4, d.kind);
        s.bind_int(5, d.safety_related ? 1 : 0);
        bind_optional(s, 6, d.description);
        run(inserts_[kDesignChanges]);
    }
    for (const auto& f : r.foreign_recalls) {
        auto& s = inserts_[kForeignRecalls].statement;
        s.bind_text(1, f.foreign_recall_id);
        s.bind_text(2, f.product_id);
        s.bind_text(3, f.country);
        bind_date(s, 4, f.announced_on);
        run(inserts_[kForeignRecalls]);
    }
    for (const auto& a : r.regulator_actions) {
        auto& s = inserts_[kRegulatorActions].statement;
        s.bind_text(1, a.action_id);
        s.bind_text(2, a.company_id);
        bind_optional(s, 3, a.case_id);
        s.bind_text(4, a.kind);
        bind_date(s, 5, a.issued_on);
        bind_optional(s, 6, a.due_on);
        run(inserts_[kRegulatorActions]);
    }
}

}  // namespace recallguard::generate
