#include "lsp/completion.h"

#include <algorithm>
#include <cctype>

#include "checker/checker.h"
#include "common/utf8.h"
#include "parser/tokens.h"
#include "schema/catalog.h"

namespace recallguard::lsp {
namespace {

using parser::Token;

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Where the name being typed at `offset` starts.
size_t word_start(const std::string& text, size_t offset) {
    size_t start = offset;
    while (start > 0 && is_name_char(text[start - 1])) --start;
    return start;
}

bool is_name_token(const Token& token) {
    return token.kind == Token::Kind::Identifier || token.kind == Token::Kind::Keyword;
}

// Tokens without comments.
std::vector<Token> code_tokens(const std::string& text) {
    std::vector<Token> tokens = parser::tokenize_rule_text(text);
    tokens.erase(
        std::remove_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind == Token::Kind::Comment; }),
        tokens.end());
    return tokens;
}

// The path `a.b.c` that ends at the end of `tokens` (empty when none does).
std::vector<std::string> trailing_path(const std::vector<Token>& tokens, size_t end) {
    std::vector<std::string> path;
    size_t i = end;
    while (i > 0 && is_name_token(tokens[i - 1])) {
        path.insert(path.begin(), tokens[i - 1].text);
        --i;
        if (i > 0 && tokens[i - 1].text == ".")
            --i;
        else
            break;
    }
    return path;
}

// The state of the line before the cursor: in a string (from which byte), in a comment, or in code.
struct LineState {
    bool in_comment = false;
    std::optional<size_t> string_start;  // offset of the opening quote
};

LineState line_state(const std::string& text, size_t offset) {
    size_t start = offset;
    while (start > 0 && text[start - 1] != '\n') --start;
    LineState state;
    for (size_t i = start; i < offset; ++i) {
        if (state.string_start) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '"')
                state.string_start.reset();
        } else if (text[i] == '"') {
            state.string_start = i;
        } else if (text[i] == '/' && i + 1 < offset && text[i + 1] == '/') {
            state.in_comment = true;
            return state;
        }
    }
    return state;
}

// Walks `path` from the scope's name through the catalog; the table it arrives at, or "".
std::string table_of_path(const std::vector<std::string>& path, const ScopeName& root) {
    if (root.kind != ScopeName::Kind::Row) return "";
    const auto& catalog = schema::Catalog::case_data_v1();
    std::string table = root.table;
    for (size_t i = 1; i < path.size() && !table.empty(); ++i) {
        const auto relation = catalog.find_relation(table, path[i]);
        table = relation ? relation->to_table : "";
    }
    return table;
}

const schema::Column* column_of_path(const std::vector<std::string>& path, const ScopeName& root) {
    if (path.size() < 2) return nullptr;
    const std::string table = table_of_path({path.begin(), path.end() - 1}, root);
    const auto* found = schema::Catalog::case_data_v1().find_table(table);
    return found ? found->find_column(path.back()) : nullptr;
}

class Completer {
public:
    explicit Completer(const CompletionRequest& request) : request_(request), text_(request.text) {}

    std::vector<CompletionItem> run();

private:
    void add(std::string label, ItemKind kind, std::string detail, size_t from, std::string documentation = {}) {
        items_.push_back({std::move(label), kind, std::move(detail), std::move(documentation), from, request_.offset});
    }
    // `completed`: the text with a closing quote (in a string) or a placeholder name at the cursor.
    std::optional<RuleScope> scope(bool in_string) const {
        const std::string id = rule_id_before(text_, request_.offset);
        if (id.empty() || !request_.scope_for) return std::nullopt;
        const size_t offset = std::min(request_.offset, text_.size());
        if (in_string) return request_.scope_for(id, text_.substr(0, offset) + "\"" + text_.substr(offset));
        const size_t start = word_start(text_, offset);
        size_t end = offset;
        while (end < text_.size() && is_name_char(text_[end])) ++end;
        return request_.scope_for(id, text_.substr(0, start) + "rg_completion_placeholder" + text_.substr(end));
    }
    void values_in_string(size_t quote);
    void members_after_dot(size_t dot, size_t from);
    void words(size_t from);

    const CompletionRequest& request_;
    const std::string& text_;
    std::vector<CompletionItem> items_;
};

void Completer::values_in_string(size_t quote) {
    const std::vector<Token> tokens = code_tokens(text_.substr(0, quote));
    // `path = "`, `path != "`, or `path in ("a", "` with any number of values before.
    size_t end = tokens.size();
    if (end > 0 && (tokens[end - 1].text == "=" || tokens[end - 1].text == "!=" || tokens[end - 1].text == "<>")) {
        --end;
    } else {
        while (end > 0 && (tokens[end - 1].kind == Token::Kind::String || tokens[end - 1].text == ",")) --end;
        if (end == 0 || tokens[end - 1].text != "(") return;
        --end;
        if (end == 0 || tokens[end - 1].text != "in") return;
        --end;
        if (end > 0 && tokens[end - 1].text == "not") --end;
    }
    const std::vector<std::string> path = trailing_path(tokens, end);
    const auto rule_scope = scope(true);
    if (path.empty() || !rule_scope) return;
    const ScopeName* root = rule_scope->find(path[0], location_of_offset("", text_, quote));
    if (!root) return;
    const schema::Column* column = column_of_path(path, *root);
    if (!column) return;
    for (const auto& value : column->enum_values)
        add(value, ItemKind::EnumMember, "a value of " + column->name, quote + 1);
}

void Completer::members_after_dot(size_t dot, size_t from) {
    const std::vector<Token> tokens = code_tokens(text_.substr(0, dot));
    const std::vector<std::string> path = trailing_path(tokens, tokens.size());
    const auto rule_scope = scope(false);
    if (path.empty() || !rule_scope) return;
    const ScopeName* root = rule_scope->find(path[0], location_of_offset("", text_, dot));
    if (!root) return;
    if (root->kind == ScopeName::Kind::Period) {
        if (path.size() == 1)
            for (const char* field : {"start", "end", "number"}) add(field, ItemKind::Field, "period field", from);
        return;
    }
    const std::string table = table_of_path(path, *root);
    const auto& catalog = schema::Catalog::case_data_v1();
    const schema::Table* found = catalog.find_table(table);
    if (!found) return;
    for (const auto& column : found->columns) {
        std::string detail = std::string(schema::column_type_name(column.type)) + " column of " + table;
        std::string documentation = column.description;
        if (!column.enum_values.empty()) {
            std::string values;
            for (const auto& value : column.enum_values) values += (values.empty() ? "" : ", ") + value;
            documentation += (documentation.empty() ? "" : "\n\n") + std::string("Values: ") + values;
        }
        add(column.name, ItemKind::Field, detail, from, documentation);
    }
    for (const auto& relation : catalog.relations_from(table))
        add(relation.name, ItemKind::Module,
            relation.to_many ? "the rows of " + relation.to_table : "one row of " + relation.to_table, from);
}

void Completer::words(size_t from) {
    const std::vector<Token> tokens = code_tokens(text_.substr(0, from));
    const std::string previous = tokens.empty() ? "" : tokens.back().text;
    const auto& catalog = schema::Catalog::case_data_v1();
    if (previous == "calendar") {
        for (const auto& name : request_.calendars) add(name, ItemKind::Value, "working-day calendar", from);
        return;
    }
    if (previous == "severity" || previous == "category") {
        const auto& words = previous == "severity" ? checker::rule_severities() : checker::rule_categories();
        for (const auto& word : words) add(word, ItemKind::Value, previous, from);
        return;
    }
    const auto rule_scope = scope(false);
    if (previous == "in") {
        for (const auto& table : catalog.table_names()) add(table, ItemKind::Class, "table", from);
        if (rule_scope)
            for (const auto& name : rule_scope->names)
                if (name.kind == ScopeName::Kind::Row || name.kind == ScopeName::Kind::Let)
                    add(name.name, ItemKind::Variable, name.detail, from);
        return;
    }
    if (rule_scope) {
        const SourceLocation at = location_of_offset("", text_, from);
        for (const auto& name : rule_scope->names)
            if (rule_scope->find(name.name, at) == &name) add(name.name, ItemKind::Variable, name.detail, from);
    }
    // Outside a rule only the top-level keywords can come.
    if (!rule_scope && rule_id_before(text_, from).empty()) {
        for (const char* keyword : {"package", "import", "rule"}) add(keyword, ItemKind::Keyword, "keyword", from);
        return;
    }
    for (const auto& keyword : parser::rule_keywords()) add(keyword, ItemKind::Keyword, "keyword", from);
}

std::vector<CompletionItem> Completer::run() {
    const size_t offset = std::min(request_.offset, text_.size());
    const LineState state = line_state(text_, offset);
    if (state.in_comment) return {};
    if (state.string_start) {
        values_in_string(*state.string_start);
        return items_;
    }
    const size_t from = word_start(text_, offset);
    if (from > 0 && text_[from - 1] == '.')
        members_after_dot(from - 1, from);
    else
        words(from);
    return items_;
}

}  // namespace

std::vector<CompletionItem> complete(const CompletionRequest& request) {
    return Completer(request).run();
}

std::string rule_id_before(const std::string& text, size_t offset) {
    const std::vector<Token> tokens = code_tokens(text.substr(0, std::min(offset, text.size())));
    for (size_t i = tokens.size(); i-- > 0;) {
        if (tokens[i].kind == Token::Kind::Keyword && tokens[i].text == "rule")
            return i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::RuleId ? tokens[i + 1].text : "";
        if (tokens[i].kind == Token::Kind::Keyword && tokens[i].text == "package") return "";
    }
    return "";
}

}  // namespace recallguard::lsp
