// The JSON Schema subset validator and the published filing schemas: each keyword reports
// the pointer, what it expected and what it found; schemas outside the subset are refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/errors.h"
#include "filing/filing.h"
#include "filing/json_schema.h"

namespace recallguard::filing {
namespace {

using nlohmann::json;

std::vector<SchemaProblem> check(const json& schema, const json& document) {
    return JsonSchema::from_json(schema, "test").validate(document);
}

const json kSchema = json::parse(R"({
  "type": "object",
  "required": ["id", "filed_on"],
  "properties": {
    "id": {"type": "string", "minLength": 1},
    "filed_on": {"type": "string", "format": "date"},
    "remedy": {"enum": ["repair", "replace", "refund"]},
    "units": {"type": "integer", "minimum": 0},
    "rate": {"type": "number", "maximum": 1},
    "note": {"type": ["string", "null"]},
    "tags": {"type": "array", "items": {"type": "string"}},
    "content": {"type": "object", "properties": {"scope": {"type": "string"}}, "additionalProperties": false}
  },
  "additionalProperties": false
})");

TEST(FilingSchema, AValidDocumentHasNoProblems) {
    EXPECT_TRUE(check(kSchema, {{"id", "F-1"},
                                {"filed_on", "2024-02-29"},
                                {"units", 3},
                                {"rate", 0.5},
                                {"note", nullptr},
                                {"tags", {"a"}},
                                {"content", {{"scope", "x"}}}})
                    .empty());
}

TEST(FilingSchema, WrongTypeNamesExpectedAndFound) {
    const auto problems = check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"units", "12"}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/units");
    EXPECT_EQ(problems[0].keyword, "type");
    EXPECT_EQ(problems[0].expected, "integer");
    EXPECT_EQ(problems[0].found, "the string \"12\"");
    EXPECT_EQ(problems[0].message, "expected an integer, found the string \"12\"");
}

TEST(FilingSchema, IntegerAcceptsWholeNumbersOnly) {
    EXPECT_TRUE(check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"units", 3.0}}).empty());
    EXPECT_EQ(check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"units", 3.5}}).at(0).keyword, "type");
}

// Found by fuzz_filing (tests/fuzz/regressions/filing/huge-float-as-integer.json): a whole number
// beyond int64_t arrives as a double; deciding that it is an integer must not cast it to int64_t.
TEST(FilingSchema, IntegerBeyondInt64IsWholeAndNeverCast) {
    const auto big = json::parse("26122222222222222222222222222200");
    ASSERT_TRUE(big.is_number_float());
    EXPECT_TRUE(check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"units", big}}).empty());
    EXPECT_EQ(
        check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"units", json::parse("2.5e-300")}}).at(0).keyword,
        "type");
}

TEST(FilingSchema, MissingRequiredMemberIsReportedAtItsPointer) {
    const auto problems = check(kSchema, {{"id", "F-1"}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/filed_on");
    EXPECT_EQ(problems[0].keyword, "required");
}

TEST(FilingSchema, DateThatDoesNotExistIsRefused) {
    const auto problems = check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-02-30"}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].keyword, "format");
    EXPECT_NE(problems[0].message.find("not a date that exists"), std::string::npos);
    EXPECT_EQ(check(kSchema, {{"id", "F-1"}, {"filed_on", "30/1/2025"}}).at(0).keyword, "format");
}

TEST(FilingSchema, EnumSuggestsTheClosestValue) {
    const auto problems = check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"remedy", "replcae"}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].keyword, "enum");
    EXPECT_NE(problems[0].message.find("did you mean \"replace\""), std::string::npos) << problems[0].message;
}

TEST(FilingSchema, MinLengthMinimumAndMaximum) {
    const auto problems = check(kSchema, {{"id", ""}, {"filed_on", "2025-01-01"}, {"units", -1}, {"rate", 1.5}});
    ASSERT_EQ(problems.size(), 3u);
    std::set<std::string> keywords;
    for (const auto& p : problems) keywords.insert(p.keyword);
    EXPECT_EQ(keywords, (std::set<std::string>{"minLength", "minimum", "maximum"}));
}

TEST(FilingSchema, UnexpectedMemberIsReportedAtItsKeyWithASuggestion) {
    const auto problems = check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"content", {{"scpoe", "x"}}}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/content/scpoe");
    EXPECT_TRUE(problems[0].at_key);
    EXPECT_NE(problems[0].message.find("did you mean \"scope\""), std::string::npos) << problems[0].message;
}

TEST(FilingSchema, ArrayItemsAreCheckedWithTheirIndex) {
    const auto problems = check(kSchema, {{"id", "F-1"}, {"filed_on", "2025-01-01"}, {"tags", {"a", 2}}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/tags/1");
}

TEST(FilingSchema, KeywordsOutsideTheSubsetAreRefused) {
    EXPECT_THROW(JsonSchema::from_json(json::parse(R"({"oneOf": [{"type": "string"}]})"), "s"), InputError);
    EXPECT_THROW(JsonSchema::from_json(json::parse(R"({"properties": {"a": {"pattern": "x"}}})"), "s"), InputError);
    EXPECT_THROW(JsonSchema::from_json(json::parse(R"({"format": "email"})"), "s"), InputError);
    EXPECT_THROW(JsonSchema::from_json(json::parse(R"({"type": "text"})"), "s"), InputError);
}

TEST(FilingSchemas, EveryKindHasAPublishedSchemaOfDraft202012) {
    const auto schemas = FilingSchemas::load(FilingSchemas::bundled_directory());
    for (const auto& kind : filing_kinds()) {
        const auto* schema = schemas.find(kind);
        ASSERT_TRUE(schema) << kind;
        EXPECT_EQ(schema->json()["$schema"], "https://json-schema.org/draft/2020-12/schema");
        EXPECT_EQ(schema->json()["properties"]["kind"]["const"], kind);
    }
}

const std::string kExamples = std::string(RECALLGUARD_SOURCE_DIR) + "/examples/filings/";

TEST(FilingSchemas, GoodExamplesLoadAndBrokenOnesAreLocated) {
    const auto schemas = FilingSchemas::load(FilingSchemas::bundled_directory());
    for (const char* name : {"xingchen-plan-on-time.json", "xingchen-plan-late.json", "xingchen-plan-incomplete.json",
                             "xingchen-progress-report.json"}) {
        const auto loaded = load_filing(kExamples + name, schemas);
        EXPECT_TRUE(loaded.filing) << name;
        EXPECT_FALSE(loaded.diagnostics.has_errors()) << name;
    }
    const auto wrong = load_filing(kExamples + "broken-wrong-type.json", schemas);
    ASSERT_EQ(wrong.diagnostics.items().size(), 1u);
    const auto& d = wrong.diagnostics.items()[0];
    EXPECT_EQ(d.code, "F-SCHEMA");
    EXPECT_EQ(d.location, (SourceLocation{kExamples + "broken-wrong-type.json", 13, 23}));
    EXPECT_EQ(d.message, "/content/units_remedied: expected an integer, found the string \"15,900\"");
}

TEST(FilingSchemas, UnknownKindSuggestsTheClosestKind) {
    const auto schemas = FilingSchemas::load(FilingSchemas::bundled_directory());
    const auto loaded = load_filing(kExamples + "broken-unknown-kind.json", schemas);
    ASSERT_EQ(loaded.diagnostics.items().size(), 1u);
    EXPECT_EQ(loaded.diagnostics.items()[0].code, "F-KIND");
    EXPECT_EQ(loaded.diagnostics.items()[0].location.line, 3);
    EXPECT_NE(loaded.diagnostics.items()[0].message.find("did you mean \"recall_plan\""), std::string::npos);
}

}  // namespace
}  // namespace recallguard::filing
