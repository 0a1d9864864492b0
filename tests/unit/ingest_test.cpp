// ingest_files loads every row of every file or none, and names each rejected row by
// file:line (CSV) or JSON pointer with the reason.
#include "schema/ingest.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "schema/case_database.h"
#include "temp_dir.h"

namespace recallguard {
namespace {

using schema::IngestInput;
using schema::IngestResult;

const char* kCompaniesCsv =
    "company_id,name,country,role\n"
    "C-1,\"Anker, Inc.\",CN,producer\n"
    "C-2,\"The \"\"Best\"\" Imports\",US,importer\n";

class Ingest : public ::testing::Test {
protected:
    void SetUp() override { schema::create_case_database(db_path); }

    IngestResult ingest(const std::vector<IngestInput>& inputs) { return schema::ingest_files(db_path, inputs); }

    int64_t count(const std::string& sql) {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadOnly);
        auto q = db.prepare(sql);
        q.step();
        return q.column_int(0);
    }
    std::string text(const std::string& sql) {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadOnly);
        auto q = db.prepare(sql);
        q.step();
        return q.is_null(0) ? "NULL" : q.column_text(0);
    }

    // "location: message" per problem, one per line, for readable failures.
    static std::string listing(const IngestResult& result) {
        std::string out;
        for (const auto& p : result.problems) out += p.location + ": " + p.message + "\n";
        return out;
    }

    test::TempDir dir;
    const std::string db_path = dir.file("case.db");
};

TEST_F(Ingest, LoadsCsvAndJsonInOneRunInAnyOrder) {
    // Products come first although they refer to companies loaded after them.
    const auto products = dir.write("products.json", R"([
        {"product_id": "P-1", "company_id": "C-1", "category": "power_bank", "model": "PB-10",
         "market": "CN", "units_sold": 1200, "brand": null},
        {"product_id": "P-2", "company_id": "C-2", "category": "vehicle", "model": "Model 2",
         "market": "US", "units_sold": 0, "batch": "B7"}])");
    const auto companies = dir.write("companies.csv", kCompaniesCsv);
    const auto result = ingest({{"products", products}, {"companies", companies}});
    ASSERT_TRUE(result.committed) << listing(result);
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.rows.at("companies"), 2u);
    EXPECT_EQ(result.rows.at("products"), 2u);
    EXPECT_EQ(text("SELECT name FROM companies WHERE company_id = 'C-2'"), "The \"Best\" Imports");
    EXPECT_EQ(text("SELECT certificate FROM products WHERE product_id = 'P-1'"), "NULL");  // omitted: NULL
    EXPECT_EQ(count("SELECT units_sold FROM products WHERE product_id = 'P-1'"), 1200);
    EXPECT_EQ(text("SELECT typeof(units_sold) FROM products WHERE product_id = 'P-2'"), "integer");
}

TEST_F(Ingest, EmptyCsvFieldIsNullAndJsonObjectContentIsStored) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    const auto filings = dir.write("filings.csv",
                                   "filing_id,company_id,product_id,case_id,kind,filed_on,authority,content\n"
                                   "F-1,C-1,,,incident_report,2025-03-03,SAMR,\"{\"\"units\"\": 3}\"\n");
    const auto json = dir.write("filings.json", R"([{"filing_id": "F-2", "company_id": "C-1", "kind": "plan_change",
        "filed_on": "2025-03-04", "authority": "SAMR", "content": {"reason": "scope"}}])");
    const auto result = ingest({{"filings", filings}, {"filings", json}});
    ASSERT_TRUE(result.committed) << listing(result);
    EXPECT_EQ(result.rows.at("filings"), 2u);
    EXPECT_EQ(text("SELECT coalesce(product_id, 'NULL') FROM filings WHERE filing_id = 'F-1'"), "NULL");
    EXPECT_EQ(text("SELECT json_extract(content, '$.units') FROM filings WHERE filing_id = 'F-1'"), "3");
    EXPECT_EQ(text("SELECT json_extract(content, '$.reason') FROM filings WHERE filing_id = 'F-2'"), "scope");
}

TEST_F(Ingest, RejectsEveryBadCsvRowByLineWithTheReasonAndWritesNothing) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    const std::string before = test::read_bytes(db_path);
    const auto products = dir.write("products.csv",
                                    "product_id,company_id,category,model,market,units_sold,brand\n"  // 1
                                    "P-1,C-1,power_bank,\"PB\n10\",CN,100,\n"                         // 2-3
                                    "P-2,C-1,powerbank,PB-11,CN,100,\n"                               // 4
                                    "P-3,C-1,power_bank,PB-12,CN,12x,\n"                              // 5
                                    "P-4,C-9,power_bank,PB-13,CN,100,\n"                              // 6
                                    "P-1,C-1,power_bank,PB-14,CN,100,\n"                              // 7
                                    "P-5,C-1,power_bank,PB-15,cn,-3,\n"                               // 8
                                    "P-6,C-1,power_bank,PB-16,CN,100\n"                               // 9
                                    "P-7,C-1,power_bank,,CN, 7,\n");                                  // 10
    const auto result = ingest({{"products", products}});
    EXPECT_FALSE(result.committed);
    const std::string expected =
        "products.csv:4: category: 'powerbank' is not allowed; the allowed values are power_bank, vehicle, "
        "childrens_product, household_appliance, electronics, other (did you mean 'power_bank'?)\n"
        "products.csv:5: units_sold: '12x' is not an integer\n"
        "products.csv:6: company_id 'C-9' names no row of companies, neither in the database nor in the files "
        "ingested with it\n"
        "products.csv:7: duplicate key 'P-1' (product_id) in products: products.csv:2 already has it\n"
        "products.csv:8: market: 'cn' is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)\n"
        "products.csv:8: units_sold: -3 is out of range; it must be 0 or more (it is a count)\n"
        "products.csv:9: the record has 6 fields but the header names 7 columns\n"
        "products.csv:10: model: is required (NOT NULL) but has no value\n"
        "products.csv:10: units_sold: ' 7' is not an integer\n";
    std::string actual = listing(result);
    for (std::string::size_type at; (at = actual.find(dir.file(""))) != std::string::npos;)
        actual.erase(at, dir.file("").size());
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(count("SELECT count(*) FROM products"), 0);
    EXPECT_EQ(test::read_bytes(db_path), before);
}

TEST_F(Ingest, BadDatesAndDateOrderAndConclusionPairAreRejected) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    ASSERT_TRUE(ingest({{"products", dir.write("p.csv",
                                               "product_id,company_id,category,model,market,units_sold\n"
                                               "P-1,C-1,power_bank,PB,CN,1\n")}})
                    .committed);
    const auto incidents = dir.write("incidents.csv",
                                     "incident_id,product_id,occurred_on,known_on,outcome,hazard,country\n"
                                     "I-1,P-1,2025-02-30,2025-03-01,death,fire,CN\n"
                                     "I-2,P-1,25/3/2025,2025-03-01,death,fire,CN\n"
                                     "I-3,P-1,2025-03-05,2025-03-01,death,fire,CN\n"
                                     "I-4,P-1,2025-03-01,2025-03-01,death,fire,CN\n");
    const auto cases = dir.write("cases.json", R"([
        {"case_id": "D-1", "product_id": "P-1", "opened_on": "2025-03-01", "source": "complaint", "hazard": "fire",
         "concluded_on": "2025-03-09"},
        {"case_id": "D-2", "product_id": "P-1", "opened_on": "", "source": "complaint", "hazard": "fire"}])");
    const auto result = ingest({{"incidents", incidents}, {"defect_cases", cases}});
    ASSERT_EQ(result.problems.size(), 5u) << listing(result);
    EXPECT_NE(result.problems[0].message.find("'2025-02-30' is not a real calendar date"), std::string::npos);
    EXPECT_NE(result.problems[1].message.find("'25/3/2025'"), std::string::npos);
    EXPECT_NE(result.problems[2].message.find("known_on 2025-03-01 is before occurred_on 2025-03-05"),
              std::string::npos);
    EXPECT_NE(result.problems[3].location.find("cases.json:/0/concluded_on"), std::string::npos);
    EXPECT_NE(result.problems[3].message.find("conclusion is not set"), std::string::npos);
    EXPECT_NE(result.problems[4].location.find("cases.json:/1/opened_on"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM incidents"), 0);
}

TEST_F(Ingest, JsonProblemsAreNamedByPointer) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    const auto products = dir.write("products.json", R"([
        {"product_id": "P-1", "company_id": "C-1", "category": "power_bank", "model": "PB", "market": "CN",
         "units_sold": 10},
        {"product_id": "P-2", "company_id": "C-1", "category": "power_bank", "model": "PB", "market": "CN",
         "units_sold": "10", "colour": "red"},
        {"product_id": "P-3", "company_id": "C-1", "category": "power_bank", "market": "CN", "units_sold": 1.5},
        "P-4",
        {"product_id": "P-5", "company_id": "C-1", "category": "power_bank", "model": 5, "market": "CN",
         "units_sold": 1}])");
    const auto result = ingest({{"products", products}});
    EXPECT_FALSE(result.committed);
    std::vector<std::string> locations;
    for (const auto& p : result.problems) locations.push_back(p.location.substr(p.location.rfind(':') + 1));
    EXPECT_EQ(locations,
              (std::vector<std::string>{"/1/units_sold", "/1/colour", "/2/units_sold", "/2", "/3", "/4/model"}))
        << listing(result);
    EXPECT_NE(result.problems[0].message.find("is a string, not an integer"), std::string::npos);
    EXPECT_NE(result.problems[1].message.find("unknown column 'colour'"), std::string::npos);
    EXPECT_NE(result.problems[3].message.find("has no model"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM products"), 0);
}

TEST_F(Ingest, OneBadFileRejectsTheGoodFilesToo) {
    const auto companies = dir.write("c.csv", kCompaniesCsv);
    const auto products = dir.write("p.csv",
                                    "product_id,company_id,category,model,market,units_sold\n"
                                    "P-1,C-1,toaster,PB,CN,1\n");
    const std::string before = test::read_bytes(db_path);
    const auto result = ingest({{"companies", companies}, {"products", products}});
    EXPECT_FALSE(result.committed);
    EXPECT_EQ(result.problems.size(), 1u) << listing(result);
    EXPECT_EQ(count("SELECT count(*) FROM companies"), 0);
    EXPECT_EQ(test::read_bytes(db_path), before);
}

TEST_F(Ingest, DuplicateOfAStoredKeyAndHeaderProblems) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    const auto again = dir.write("again.csv", "company_id,name,country,role,role,hq\nC-1,A,CN,producer,producer,x\n");
    const auto result = ingest({{"companies", again}});
    ASSERT_EQ(result.problems.size(), 3u) << listing(result);
    EXPECT_NE(result.problems[0].message.find("column role appears twice"), std::string::npos);
    EXPECT_NE(result.problems[1].message.find("unknown column 'hq'"), std::string::npos);
    EXPECT_NE(result.problems[2].message.find("already has a row with it in the database"), std::string::npos);
    EXPECT_NE(result.problems[2].location.find("again.csv:2"), std::string::npos);
}

TEST_F(Ingest, MissingRequiredColumnInTheHeader) {
    const auto result = ingest({{"companies", dir.write("c.csv", "company_id,name,role\nC-1,A,producer\n")}});
    ASSERT_EQ(result.problems.size(), 1u) << listing(result);
    EXPECT_NE(result.problems[0].location.find("c.csv:1"), std::string::npos);
    EXPECT_NE(result.problems[0].message.find("no column country"), std::string::npos);
}

TEST_F(Ingest, ProgressMayNotFallBelowStoredOrIncomingRows) {
    ASSERT_TRUE(ingest({{"companies", dir.write("c.csv", kCompaniesCsv)}}).committed);
    ASSERT_TRUE(ingest({{"products", dir.write("p.csv",
                                               "product_id,company_id,category,model,market,units_sold\n"
                                               "P-1,C-1,vehicle,X,CN,1\n")},
                        {"defect_cases", dir.write("d.csv",
                                                   "case_id,product_id,opened_on,source,hazard\n"
                                                   "D-1,P-1,2025-01-02,test,crash\n")},
                        {"recalls", dir.write("r.csv",
                                              "recall_id,case_id,kind,decided_on,units_affected,remedy\n"
                                              "R-1,D-1,voluntary,2025-01-10,500,repair\n")},
                        {"recall_progress", dir.write("g1.csv",
                                                      "recall_id,as_of,units_remedied\n"
                                                      "R-1,2025-02-01,100\n")}})
                    .committed);
    const auto progress = dir.write("g2.csv",
                                    "recall_id,as_of,units_remedied\n"
                                    "R-1,2025-03-01,80\n"
                                    "R-1,2025-04-01,200\n"
                                    "R-1,2025-05-01,150\n");
    const auto result = ingest({{"recall_progress", progress}});
    ASSERT_EQ(result.problems.size(), 2u) << listing(result);
    EXPECT_NE(result.problems[0].location.find("g2.csv:2"), std::string::npos);
    EXPECT_NE(result.problems[0].message.find("falls to 80 as of 2025-03-01 from 100 as of 2025-02-01 (the database)"),
              std::string::npos)
        << result.problems[0].message;
    EXPECT_NE(result.problems[1].location.find("g2.csv:4"), std::string::npos);
}

TEST_F(Ingest, DatabaseConstraintsAreTheLastLineOfDefence) {
    {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadWrite);
        db.exec(
            "CREATE TRIGGER no_test_companies BEFORE INSERT ON companies WHEN NEW.name = 'Test' "
            "BEGIN SELECT RAISE(ABORT, 'test companies are not allowed here'); END");
    }
    const std::string before = test::read_bytes(db_path);
    const auto result =
        ingest({{"companies", dir.write("c.csv", std::string(kCompaniesCsv) + "C-3,Test,CN,seller\n")}});
    EXPECT_FALSE(result.committed);
    ASSERT_EQ(result.problems.size(), 1u) << listing(result);
    EXPECT_NE(result.problems[0].location.find("c.csv:4"), std::string::npos);
    EXPECT_NE(result.problems[0].message.find("test companies are not allowed here"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM companies"), 0);  // the two good rows were rolled back
    EXPECT_EQ(test::read_bytes(db_path), before);
}

TEST_F(Ingest, UnusableInputsAreInputErrors) {
    const auto companies = dir.write("c.csv", kCompaniesCsv);
    EXPECT_THROW(ingest({{"company", companies}}), InputError);
    EXPECT_THROW(ingest({{"companies", dir.file("missing.csv")}}), InputError);
    EXPECT_THROW(ingest({{"companies", dir.write("c.txt", kCompaniesCsv)}}), InputError);
    EXPECT_THROW(ingest({{"companies", dir.write("c.json", "[{\"company_id\": ")}}), InputError);
    EXPECT_THROW(ingest({{"companies", dir.write("o.json", "{\"company_id\": \"C-1\"}")}}), InputError);
    EXPECT_THROW(ingest({}), InputError);
    EXPECT_THROW(schema::ingest_files(dir.file("nope.db"), {{"companies", companies}}), InputError);
    {
        auto other = sqldb::Database::open(dir.file("other.db"), sqldb::Database::Mode::Create);
        other.exec("CREATE TABLE companies (company_id TEXT)");
    }
    EXPECT_THROW(schema::ingest_files(dir.file("other.db"), {{"companies", companies}}), InputError);
}

TEST_F(Ingest, JsonSyntaxErrorNamesLineAndColumn) {
    const auto bad = dir.write("c.json", "[\n  {\"company_id\": \"C-1\",,}\n]");
    try {
        ingest({{"companies", bad}});
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("c.json:2:"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace recallguard
