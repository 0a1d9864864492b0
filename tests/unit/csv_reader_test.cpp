// The CSV reader follows RFC 4180 and keeps the physical line of every record.
#include "schema/csv_reader.h"

#include <gtest/gtest.h>

namespace recallguard::schema {
namespace {

using Fields = std::vector<std::optional<std::string>>;

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
    const auto doc = parse_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here\n");
    ASSERT_TRUE(doc.errors.empty());
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[1].fields, (Fields{"x, y", "say \"hi\"", "two\nlines"}));
    EXPECT_EQ(doc.records[1].line, 2);
    EXPECT_EQ(doc.records[2].line, 4);  // the record after a two-line field starts on line 4
}

TEST(CsvReader, EmptyUnquotedFieldIsNullAndQuotedEmptyIsEmptyText) {
    const auto doc = parse_csv("a,b,c\n,\"\",\n");
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[1].fields, (Fields{std::nullopt, std::string(), std::nullopt}));
}

TEST(CsvReader, CrlfByteOrderMarkBlankLinesAndNoFinalNewline) {
    const auto doc = parse_csv("\xEF\xBB\xBFid,n\r\n1,a\r\n\r\n2,b");
    ASSERT_TRUE(doc.errors.empty());
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[0].fields, (Fields{"id", "n"}));
    EXPECT_EQ(doc.records[1].fields, (Fields{"1", "a"}));
    EXPECT_EQ(doc.records[2].fields, (Fields{"2", "b"}));
    EXPECT_EQ(doc.records[2].line, 4);
}

TEST(CsvReader, TextThatIsNotUtf8IsRefusedAtItsFirstBadByte) {
    // A Latin-1 "é" (0xE9) on line 2, column 4, and a UTF-16 surrogate encoded as UTF-8.
    for (const std::string bad : {"\xE9", "\xED\xA0\x80"}) {
        const auto doc = parse_csv("id,n\n1,\"" + bad + "\"\n");
        ASSERT_EQ(doc.errors.size(), 1u);
        EXPECT_EQ(doc.errors[0].line, 2);
        EXPECT_EQ(doc.errors[0].column, 4);
        EXPECT_NE(doc.errors[0].message.find("not valid UTF-8"), std::string::npos);
        EXPECT_TRUE(doc.records.empty());
    }
    EXPECT_TRUE(parse_csv("id,n\n1,\"\xC3\xA9\"\n").errors.empty());
}

TEST(CsvReader, SpacesArePartOfTheField) {
    const auto doc = parse_csv(" a , b \n");
    ASSERT_EQ(doc.records.size(), 1u);
    EXPECT_EQ(doc.records[0].fields, (Fields{" a ", " b "}));
}

TEST(CsvReader, ReportsEveryBadRecordWithLineAndColumnAndKeepsTheGoodOnes) {
    const auto doc = parse_csv("a,b\nok,1\nbad\"quote,2\n\"closed\"junk,3\nfine,4\n\"never closed,5\nlost,6\n");
    ASSERT_EQ(doc.errors.size(), 3u);
    EXPECT_EQ(doc.errors[0].line, 3);
    EXPECT_EQ(doc.errors[0].column, 4);
    EXPECT_EQ(doc.errors[1].line, 4);
    EXPECT_EQ(doc.errors[1].column, 9);
    EXPECT_EQ(doc.errors[2].line, 6);
    EXPECT_EQ(doc.errors[2].column, 1);
    EXPECT_NE(doc.errors[2].message.find("never closed"), std::string::npos);
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[2].fields, (Fields{"fine", "4"}));
    EXPECT_EQ(doc.records[2].line, 5);
}

TEST(CsvReader, ColumnsCountCharactersNotBytes) {
    const auto doc = parse_csv("名前,x\"y\n");
    ASSERT_EQ(doc.errors.size(), 1u);
    EXPECT_EQ(doc.errors[0].column, 5);
}

}  // namespace
}  // namespace recallguard::schema
