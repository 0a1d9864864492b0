// Open documents kept in step with an editor's changes (whole and incremental, in UTF-16), file
// URIs to paths and back.
#include <gtest/gtest.h>

#include "lsp/documents.h"
#include "lsp/uri.h"

namespace recallguard::lsp {
namespace {

Json change(int start_line, int start_character, int end_line, int end_character, const std::string& text) {
    return {{"range",
             {{"start", {{"line", start_line}, {"character", start_character}}},
              {"end", {{"line", end_line}, {"character", end_character}}}}},
            {"text", text}};
}

TEST(LspDocuments, IncrementalChangesCountUtf16UnitsAndApplyInOrder) {
    DocumentStore store;
    store.open("file:///r/a.rules", "recallguard-rules", 1, "message \"案件😀 {c.case_id}\"\nnext\n");
    // Replace `case_id` (UTF-16 columns 17-24: 案 1, 件 1, 😀 2), then insert a line, then delete it.
    EXPECT_EQ(
        store.change("file:///r/a.rules", 2,
                     Json::array({change(0, 17, 0, 24, "cse_id"), change(1, 0, 1, 0, "new\n"), change(1, 0, 2, 0, "")}),
                     PositionEncoding::Utf16),
        std::nullopt);
    const Document* document = store.find("file:///r/a.rules");
    ASSERT_NE(document, nullptr);
    EXPECT_EQ(document->text, "message \"案件😀 {c.cse_id}\"\nnext\n");
    EXPECT_EQ(document->version, 2);
    EXPECT_EQ(document->path, "/r/a.rules");
    EXPECT_TRUE(document->on_disk_path);
    EXPECT_EQ(store.change("file:///r/a.rules", 3, Json::array({{{"text", "whole"}}}), PositionEncoding::Utf16),
              std::nullopt);
    EXPECT_EQ(store.find("file:///r/a.rules")->text, "whole");
}

TEST(LspDocuments, AMalformedChangeChangesNothing) {
    DocumentStore store;
    store.open("untitled:1", "recallguard-rules", 1, "abc");
    EXPECT_FALSE(store.find("untitled:1")->on_disk_path);
    EXPECT_EQ(store.find("untitled:1")->path, "untitled:1");
    const Json bad = Json::array({change(0, 0, 0, 1, "X"), {{"range", {{"start", 1}}}, {"text", "Y"}}});
    EXPECT_NE(store.change("untitled:1", 2, bad, PositionEncoding::Utf16), std::nullopt);
    EXPECT_EQ(store.find("untitled:1")->text, "abc");
    EXPECT_EQ(store.find("untitled:1")->version, 1);
    EXPECT_NE(store.change("untitled:1", 2, Json::array({change(-1, 0, 0, 0, "")}), PositionEncoding::Utf16),
              std::nullopt);
    EXPECT_NE(store.change("untitled:2", 2, Json::array(), PositionEncoding::Utf16), std::nullopt);
    store.close("untitled:1");
    EXPECT_EQ(store.find("untitled:1"), nullptr);
}

TEST(LspUri, FileUrisDecodeAndEncode) {
    EXPECT_EQ(path_of_uri("file:///home/r/%E6%A1%88%20a.rules"), "/home/r/案 a.rules");
    EXPECT_EQ(path_of_uri("file://localhost/x/../y.rules"), "/y.rules");
    EXPECT_EQ(path_of_uri("file://server/share/a.rules"), std::nullopt);
    EXPECT_EQ(path_of_uri("untitled:Untitled-1"), std::nullopt);
    EXPECT_EQ(path_of_uri("file:///a%2"), std::nullopt);
    EXPECT_EQ(path_of_uri("file:///a%00b"), std::nullopt);
    EXPECT_EQ(uri_of_path("/home/r/案 a.rules"), "file:///home/r/%E6%A1%88%20a.rules");
    EXPECT_EQ(path_of_uri(uri_of_path("/tmp/a#b?.rules")), "/tmp/a#b?.rules");
}

}  // namespace
}  // namespace recallguard::lsp
