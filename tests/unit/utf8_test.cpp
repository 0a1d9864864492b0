// The one UTF-8 validator and decoder (common/utf8.h): RFC 3629's strictness, positions in code points.
#include "common/utf8.h"

#include <gtest/gtest.h>

namespace recallguard {
namespace {

TEST(Utf8, AcceptsEveryWellFormedLengthAndTheExtremes) {
    size_t bad = 0;
    EXPECT_TRUE(valid_utf8("", bad));
    EXPECT_TRUE(
        valid_utf8("a\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", bad));
    EXPECT_TRUE(valid_utf8(std::string("nul \0 inside", 12), bad));
}

TEST(Utf8, RefusesOverlongSurrogateTooLargeTruncatedAndStrayBytes) {
    const struct {
        std::string text;
        size_t offset;
    } cases[] = {
        {"ab\xC0\xAF", 2},            // overlong '/'
        {"\xC1\xBF", 0},              // overlong
        {"\xE0\x9F\xBF", 0},          // overlong three-byte form
        {"x\xED\xA0\x80", 1},         // UTF-16 surrogate
        {"\xF0\x8F\xBF\xBF", 0},      // overlong four-byte form
        {"\xF4\x90\x80\x80", 0},      // past U+10FFFF
        {"\xF5\x80\x80\x80", 0},      // lead byte that never appears
        {"\xF8\x88\x80\x80\x80", 0},  // five-byte form
        {"ok\x80", 2},                // stray continuation byte
        {"\xE2\x82", 0},              // truncated at the end
        {"\xE2\x82z", 0},             // truncated by an ASCII byte
        {"\xC3\xA9\xFF", 2},          // after a good character
    };
    for (const auto& c : cases) {
        size_t bad = 99;
        EXPECT_FALSE(valid_utf8(c.text, bad)) << c.offset;
        EXPECT_EQ(bad, c.offset);
        EXPECT_EQ(first_invalid_utf8(c.text), c.offset);
    }
}

TEST(Utf8, DecodesAndReplacesOneByteAtATime) {
    const std::string text = "\xC3\xA9\xF0\x9F\x98\x80\xED\xA0\x80!";
    size_t at = 0;
    EXPECT_EQ(next_code_point(text, at), U'\u00E9');
    EXPECT_EQ(at, 2u);
    EXPECT_EQ(next_code_point(text, at), U'\U0001F600');
    EXPECT_EQ(at, 6u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(next_code_point(text, at), U'\uFFFD');
    EXPECT_EQ(next_code_point(text, at), U'!');
    EXPECT_EQ(at, text.size());

    std::string out;
    for (char32_t c : {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'}) append_utf8(out, c);
    EXPECT_EQ(out, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(Utf8, LocationOfOffsetCountsLinesAndCodePoints) {
    const std::string text = "ab\n\xC3\xA9x\ny";
    EXPECT_EQ(location_of_offset("f", text, 0).to_string(), "f:1:1");
    EXPECT_EQ(location_of_offset("f", text, 2).to_string(), "f:1:3");
    EXPECT_EQ(location_of_offset("f", text, 5).to_string(), "f:2:2");  // after the two bytes of é
    EXPECT_EQ(location_of_offset("f", text, 7).to_string(), "f:3:1");
    EXPECT_EQ(location_of_offset("f", text, 100).to_string(), "f:3:2");  // past the end: the end
    EXPECT_EQ(code_point_count(text), 7);
}

}  // namespace
}  // namespace recallguard
