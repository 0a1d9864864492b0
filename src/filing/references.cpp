#include "filing/references.h"

#include <map>
#include <optional>

#include "schema/catalog.h"

namespace recallguard::filing {
namespace {

// One row's text columns by key, with the table's keys for did-you-mean; reads only what a
// filing names (and the key list once per table, only when a name is not found).
class Lookup {
public:
    explicit Lookup(sqldb::Database& db) : db_(db) {}

    // The values of `columns` of the row of `table` whose `key_column` is `key`; nullopt when none.
    std::optional<std::vector<std::optional<std::string>>> row(const std::string& table, const std::string& key_column,
                                                               const std::vector<std::string>& columns,
                                                               const std::string& key) {
        std::string sql = "SELECT ";
        for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + sqldb::quote_identifier(columns[i]);
        sql += " FROM " + sqldb::quote_identifier(table) + " WHERE " + sqldb::quote_identifier(key_column) + " = ?1";
        auto statement = db_.prepare(sql);
        statement.bind_text(1, key);
        if (!statement.step()) return std::nullopt;
        std::vector<std::optional<std::string>> values;
        for (size_t i = 0; i < columns.size(); ++i)
            values.push_back(statement.column_optional_text(static_cast<int>(i)));
        return values;
    }

    std::string suggestion(const std::string& table, const std::string& key_column, const std::string& key) {
        auto& keys = keys_[table];
        if (keys.empty()) {
            auto statement = db_.prepare("SELECT " + sqldb::quote_identifier(key_column) + " FROM " +
                                         sqldb::quote_identifier(table));
            while (statement.step()) keys.push_back(statement.column_text(0));
        }
        const std::string match = closest_match(key, keys);
        return match.empty() ? "" : "; did you mean '" + match + "'?";
    }

    // The date from which the row of `table` whose `key_column` is `key` exists (the catalog's
    // exists-from column, e.g. a defect case's opened_on), with that column's name; nullopt when
    // the table has none or the row has no such date.
    std::optional<std::pair<std::string, std::string>> existing_from(const std::string& table,
                                                                     const std::string& key_column,
                                                                     const std::string& key) {
        const schema::Table* found = schema::Catalog::case_data_v1().find_table(table);
        if (!found || found->exists_from.empty()) return std::nullopt;
        const auto values = row(table, key_column, {found->exists_from}, key);
        if (!values || !(*values)[0]) return std::nullopt;
        return std::make_pair(found->exists_from, *(*values)[0]);
    }

private:
    sqldb::Database& db_;
    std::map<std::string, std::vector<std::string>> keys_;
};

}  // namespace

std::string authority_market(const std::string& authority) {
    if (authority.rfind("SAMR", 0) == 0) return "CN";
    if (authority == "NHTSA" || authority == "CPSC") return "US";
    return "";
}

DiagnosticBag check_references(sqldb::Database& db, const std::vector<const Filing*>& filings,
                               const std::string& as_of) {
    DiagnosticBag bag;
    Lookup lookup(db);
    std::map<std::string, const Filing*> seen;
    for (const Filing* f : filings) {
        auto error = [&](DiagnosticCode code, const std::string& pointer, const std::string& message) {
            bag.error(code, f->locate(pointer), pointer + ": " + message);
        };
        // Ids: new within the batch and in the database.
        if (const auto it = seen.find(f->filing_id); it != seen.end())
            error(DiagnosticCode::FilingDuplicateId, "/filing_id",
                  "filing id '" + f->filing_id + "' is also used by " + it->second->path + ":" +
                      std::to_string(it->second->locate("/filing_id").line) + " in this batch; filing ids are unique");
        else
            seen[f->filing_id] = f;
        if (lookup.row("filings", "filing_id", {"filed_on"}, f->filing_id))
            error(DiagnosticCode::FilingDuplicateId, "/filing_id",
                  "filing id '" + f->filing_id + "' is already in the case database; filing ids are unique");
        if (f->filed_on > as_of)
            error(DiagnosticCode::FilingAsOf, "/filed_on",
                  "filed on " + f->filed_on + ", after the audit date " + as_of +
                      "; as of that date the filing does not exist yet (give --as-of " + f->filed_on + " or later)");

        // A filing dated before what it is about existed (a recall plan filed before its defect
        // case was opened) is refused: it can never meet an obligation that did not exist yet.
        const auto existed_after_filing = [&](const std::string& table, const std::string& key_column,
                                              const std::string& key, const std::string& pointer,
                                              const std::string& noun) {
            const auto since = lookup.existing_from(table, key_column, key);
            if (since && f->filed_on < since->second)
                error(DiagnosticCode::FilingReference, "/filed_on",
                      "filed on " + f->filed_on + ", before " + noun + " '" + key + "' (" + pointer +
                          ") existed: its " + since->first + " is " + since->second +
                          "; a filing cannot be about it before then");
        };
        existed_after_filing("companies", "company_id", f->company_id, "/company_id", "company");
        if (f->product_id) existed_after_filing("products", "product_id", *f->product_id, "/product_id", "product");
        if (f->case_id) existed_after_filing("defect_cases", "case_id", *f->case_id, "/case_id", "defect case");

        // Company, product, case: each exists, and each belongs to the one before.
        if (!lookup.row("companies", "company_id", {"company_id"}, f->company_id))
            error(DiagnosticCode::FilingReference, "/company_id",
                  "no company '" + f->company_id + "' in the case database" +
                      lookup.suggestion("companies", "company_id", f->company_id));
        std::optional<std::string> product = f->product_id;
        if (f->case_id) {
            const auto found = lookup.row("defect_cases", "case_id", {"product_id"}, *f->case_id);
            if (!found) {
                error(DiagnosticCode::FilingReference, "/case_id",
                      "no defect case '" + *f->case_id + "' in the case database" +
                          lookup.suggestion("defect_cases", "case_id", *f->case_id));
            } else if (f->product_id && (*found)[0] != f->product_id) {
                error(DiagnosticCode::FilingOwner, "/case_id",
                      "defect case '" + *f->case_id + "' is about product '" + (*found)[0].value_or("") + "', not '" +
                          *f->product_id + "'");
            } else {
                product = (*found)[0];
            }
        }
        if (!product) continue;
        const auto found = lookup.row("products", "product_id", {"company_id", "market"}, *product);
        if (!found) {
            if (f->product_id)
                error(DiagnosticCode::FilingReference, "/product_id",
                      "no product '" + *product + "' in the case database" +
                          lookup.suggestion("products", "product_id", *product));
            continue;
        }
        const std::string owner = (*found)[0].value_or(""), market = (*found)[1].value_or("");
        if (owner != f->company_id)
            error(DiagnosticCode::FilingOwner, f->product_id ? "/product_id" : "/case_id",
                  "product '" + *product + "' belongs to company '" + owner + "', not '" + f->company_id + "'");
        const std::string expected = authority_market(f->authority);
        if (!expected.empty() && market != expected)
            error(DiagnosticCode::FilingMarket, "/authority",
                  "authority '" + f->authority + "' supervises the " + expected + " market, but product '" + *product +
                      "' is sold in " + market + "; file it with that market's authority");
    }
    return bag;
}

}  // namespace recallguard::filing
