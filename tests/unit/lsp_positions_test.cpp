// LSP positions against byte offsets and recallguard locations: UTF-16 (surrogate pairs), UTF-8
// and UTF-32 counts, line endings LSP recognises ("\n", "\r\n", a lone "\r"), clamping.
#include <gtest/gtest.h>

#include "lsp/positions.h"

namespace recallguard::lsp {
namespace {

// 案 is 3 bytes and one UTF-16 unit; 😀 is 4 bytes and two UTF-16 units (a surrogate pair).
const std::string kText = "ab\n案😀x\r\nlast";

TEST(LspPositions, Utf16CountsSurrogatePairsAsTwoUnits) {
    const LineIndex index(kText, PositionEncoding::Utf16);
    EXPECT_EQ(index.offset_of({1, 0}), 3u);
    EXPECT_EQ(index.offset_of({1, 1}), 6u);   // after 案
    EXPECT_EQ(index.offset_of({1, 3}), 10u);  // after 😀
    EXPECT_EQ(index.offset_of({1, 2}), 6u);   // inside the pair: its start
    EXPECT_EQ(index.offset_of({1, 4}), 11u);  // the line's end, before "\r\n"
    EXPECT_EQ(index.offset_of({1, 99}), 11u);
    EXPECT_EQ(index.offset_of({2, 2}), 15u);
    EXPECT_EQ(index.offset_of({9, 0}), kText.size());
    EXPECT_EQ(index.position_of(10), (Position{1, 3}));
    EXPECT_EQ(index.position_of(13), (Position{2, 0}));
}

TEST(LspPositions, Utf8CountsBytesAndUtf32CodePoints) {
    const LineIndex bytes(kText, PositionEncoding::Utf8);
    EXPECT_EQ(bytes.offset_of({1, 3}), 6u);
    EXPECT_EQ(bytes.offset_of({1, 7}), 10u);
    EXPECT_EQ(bytes.offset_of({1, 5}), 6u);  // inside 😀's bytes: its start
    EXPECT_EQ(bytes.position_of(10), (Position{1, 7}));
    const LineIndex points(kText, PositionEncoding::Utf32);
    EXPECT_EQ(points.offset_of({1, 2}), 10u);
    EXPECT_EQ(points.position_of(11), (Position{1, 3}));
}

TEST(LspPositions, RecallguardLocationsBecomeRangesInTheEncoding) {
    const LineIndex index(kText, PositionEncoding::Utf16);
    // Line 2 column 3 (x, after 案😀), one character.
    const Range x = index.range_of(2, 3, 1);
    EXPECT_EQ(x.start, (Position{1, 3}));
    EXPECT_EQ(x.end, (Position{1, 4}));
    // A length past the line's end stops at the end of the line.
    EXPECT_EQ(index.range_of(2, 1, 50).end, (Position{1, 4}));
    // Unknown locations are the start of the file.
    EXPECT_EQ(index.range_of(0, 0, 3).start, (Position{0, 0}));
    EXPECT_EQ(index.location_of_offset(10), (std::pair<int, int>{2, 3}));
}

TEST(LspPositions, ALoneCarriageReturnEndsAnLspLine) {
    const std::string text = "a\rb\nc";
    const LineIndex index(text, PositionEncoding::Utf16);
    EXPECT_EQ(index.offset_of({1, 0}), 2u);
    EXPECT_EQ(index.offset_of({2, 0}), 4u);
    EXPECT_EQ(index.position_of(4), (Position{2, 0}));
}

TEST(LspPositions, EncodingNames) {
    EXPECT_EQ(parse_encoding("utf-8"), PositionEncoding::Utf8);
    EXPECT_EQ(parse_encoding("utf-16"), PositionEncoding::Utf16);
    EXPECT_EQ(parse_encoding("utf-7"), std::nullopt);
    EXPECT_STREQ(encoding_name(PositionEncoding::Utf32), "utf-32");
}

}  // namespace
}  // namespace recallguard::lsp
