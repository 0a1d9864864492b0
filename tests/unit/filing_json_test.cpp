// Filing JSON with positions: every value and key located by line and column (in characters),
// and every way a file can fail to be JSON reported at the right place.
#include <gtest/gtest.h>

#include "filing/json_document.h"
#include "temp_dir.h"

namespace recallguard::filing {
namespace {

JsonDocument parsed(const std::string& text) {
    JsonDocument document;
    const auto error = parse_json_document("f.json", text, document);
    EXPECT_FALSE(error) << error->message;
    return document;
}

JsonError failure(const std::string& text) {
    JsonDocument document;
    const auto error = parse_json_document("f.json", text, document);
    EXPECT_TRUE(error);
    return error.value_or(JsonError{});
}

TEST(FilingJson, LocatesEveryValueByPointer) {
    const auto doc =
        parsed("{\n  \"kind\": \"recall_plan\",\n  \"content\": {\n    \"a/b\": [1, {\"x\": null}]\n  }\n}\n");
    EXPECT_EQ(doc.locate(""), (SourceLocation{"f.json", 1, 1}));
    EXPECT_EQ(doc.locate("/kind"), (SourceLocation{"f.json", 2, 11}));
    EXPECT_EQ(doc.locate("/content"), (SourceLocation{"f.json", 3, 14}));
    EXPECT_EQ(doc.locate("/content/a~1b"), (SourceLocation{"f.json", 4, 12}));
    EXPECT_EQ(doc.locate("/content/a~1b/1/x"), (SourceLocation{"f.json", 4, 22}));
    EXPECT_EQ(doc.locate_key("/content/a~1b"), (SourceLocation{"f.json", 4, 5}));
}

TEST(FilingJson, AMissingMemberIsLocatedAtTheObjectThatLacksIt) {
    const auto doc = parsed("{\"content\":\n  {\"scope\": \"x\"}}");
    EXPECT_EQ(doc.locate("/content/contact"), (SourceLocation{"f.json", 2, 3}));
}

TEST(FilingJson, ColumnsCountCharactersNotBytes) {
    const auto doc = parsed("{\"名称\": \"星辰\", \"n\": 1}");
    EXPECT_EQ(doc.locate("/n"), (SourceLocation{"f.json", 1, 19}));
}

TEST(FilingJson, SyntaxErrorIsLocatedAtTheOffendingCharacter) {
    const auto error = failure("{\n  \"kind\": 'recall_plan'\n}");
    EXPECT_EQ(code_text(error.code), "F-JSON");
    EXPECT_EQ(error.location, (SourceLocation{"f.json", 2, 11}));
    EXPECT_NE(error.message.find("not valid JSON"), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find("json.exception"), std::string::npos) << error.message;
}

// Found by fuzz_filing (tests/fuzz/regressions/filing/number-overflow.json): a number too large for
// a double made the JSON library throw an error that escaped instead of a located F-JSON.
TEST(FilingJson, NumberTooLargeIsLocatedNotThrown) {
    const auto error = failure("{\n  \"units\": 1E999999\n}");
    EXPECT_EQ(code_text(error.code), "F-JSON");
    EXPECT_EQ(error.location, (SourceLocation{"f.json", 2, 12}));
    EXPECT_NE(error.message.find("too large"), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find("json.exception"), std::string::npos) << error.message;
}

TEST(FilingJson, TruncatedFileIsReportedAtItsEnd) {
    const auto error = failure("{\n  \"kind\": \"recall_plan\",\n  \"con");
    EXPECT_EQ(code_text(error.code), "F-JSON");
    EXPECT_EQ(error.location.line, 3);
    EXPECT_NE(error.message.find("truncated"), std::string::npos) << error.message;
    EXPECT_EQ(code_text(failure("").code), "F-JSON");
}

TEST(FilingJson, InvalidUtf8IsLocatedAtTheBadByte) {
    const auto error = failure("{\n  \"名\": \"ab\xff\"\n}");
    EXPECT_EQ(code_text(error.code), "F-UTF8");
    EXPECT_EQ(error.location, (SourceLocation{"f.json", 2, 11}));
    EXPECT_NE(error.message.find("0xFF"), std::string::npos);
    EXPECT_EQ(code_text(failure("{\"a\": \"\xc0\xaf\"}").code), "F-UTF8");      // overlong '/'
    EXPECT_EQ(code_text(failure("{\"a\": \"\xed\xa0\x80\"}").code), "F-UTF8");  // a surrogate
    EXPECT_EQ(code_text(failure("{\"a\": \"\xe6\x98\"}").code), "F-UTF8");      // cut short
}

TEST(FilingJson, RepeatedKeyIsAnErrorAtItsSecondOccurrence) {
    const auto error = failure("{\"kind\": \"a\",\n \"kind\": \"b\"}");
    EXPECT_EQ(code_text(error.code), "F-DUPLICATE-KEY");
    EXPECT_EQ(error.location, (SourceLocation{"f.json", 2, 2}));
}

TEST(FilingJson, ByteOrderMarkIsAccepted) {
    const auto doc = parsed("\xEF\xBB\xBF{\"a\": 1}");
    EXPECT_EQ(doc.value["a"], 1);
}

TEST(FilingJson, DeepNestingIsRefused) {
    EXPECT_EQ(code_text(failure(std::string(100, '[') + std::string(100, ']')).code), "F-JSON");
}

TEST(FilingJson, FileAboveTheLimitIsRefusedBeforeReading) {
    test::TempDir dir;
    const auto path = dir.write("big.json", "{\"a\": \"" + std::string(100, 'x') + "\"}");
    JsonDocument document;
    const auto error = read_json_document(path, document, 64);
    ASSERT_TRUE(error);
    EXPECT_EQ(code_text(error->code), "F-SIZE");
    EXPECT_TRUE(document.text.empty());  // not read
    EXPECT_FALSE(read_json_document(path, document, kMaxFilingBytes));
    EXPECT_EQ(code_text(read_json_document(dir.file("none.json"), document)->code), "F-IO");
}

}  // namespace
}  // namespace recallguard::filing
