// A rule file in canonical layout. The file becomes a tree of items (top-level items, clauses,
// deadline/periodic sub-clauses), each with where it began in the source; comments are then
// attached to items by position and printed with them, so none is lost and a second run
// attaches each comment to the same item again.
#include <algorithm>
#include <tuple>

#include "ast/expr_text.h"
#include "common/text.h"
#include "format/format.h"
#include "format/layout.h"

namespace recallguard::format {
namespace {

using detail::Lines;

struct Pos {
    int line = 0;
    int column = 0;
    bool operator<(const Pos& other) const { return std::tie(line, column) < std::tie(other.line, other.column); }
};

Pos pos_of(const SourceLocation& location) {
    return {location.line, location.column};
}

struct Item {
    Pos start;
    Lines lines;         // a leaf: its text, first line without indentation
    bool block = false;  // a block: `header {`, children, `}`
    std::string header;
    std::vector<Item> children;
    Pos close;
    bool blank_before = false;  // a blank line separates it from what precedes it
    std::vector<const ast::Comment*> leading, trailing, closing, close_trailing;
};

bool is_line_comment(const ast::Comment& comment) {
    return comment.text.rfind("//", 0) == 0;
}

class Layout {
public:
    Layout(const ast::RuleFile& file, const FormatOptions& options) : file_(file), limit_(options.column_limit) {}

    std::string run();

private:
    Item leaf(const SourceLocation& start, Lines lines) const {
        Item item;
        item.start = pos_of(start);
        item.lines = std::move(lines);
        return item;
    }
    Item keyword_expr(const std::string& keyword, const ast::Expr& expr, int indent) const {
        const int column = indent + static_cast<int>(keyword.size()) + 1;
        Lines lines = detail::layout_expr(expr, column, indent + 2, limit_);
        lines[0] = keyword + " " + lines[0];
        return leaf(detail::expr_start(expr), std::move(lines));
    }
    Item package_item(const ast::Package& package) const;
    Item definition_item(const ast::Definition& definition) const;
    // `prefix(a, b, c)`, filled up to the column limit, continued lines indented by `continuation`.
    Lines value_list(const std::string& prefix, const std::vector<ast::Literal>& values, int indent,
                     int continuation) const;
    Item rule_item(const ast::Rule& rule) const;
    Item deadline_item(const ast::Deadline& deadline, int indent) const;
    Item periodic_item(const ast::Periodic& periodic, int indent) const;
    Item requirement_item(const ast::Requirement& requirement, int indent) const;
    Item effective_item(const ast::EffectivePeriod& period) const;

    void attach_comments(std::vector<Item>& items);
    void emit(const Item& item, int indent, bool first);
    void emit_comment(const ast::Comment& comment, int indent);
    std::string trailing_text(const std::vector<const ast::Comment*>& comments) const;

    // Facts about the source text around comments.
    void index_source();
    bool code_before(const ast::Comment& comment) const;
    bool blank_line(int line) const;
    int end_line(const ast::Comment& comment) const;

    const ast::RuleFile& file_;
    int limit_;
    std::vector<std::string> source_lines_;
    std::vector<std::vector<bool>> code_;  // per line, per code point: part of a token
    std::vector<const ast::Comment*> end_comments_;
    std::string out_;
};

Item Layout::effective_item(const ast::EffectivePeriod& period) const {
    std::string text = "effective";
    if (period.from) text += " from " + *period.from;
    if (period.until) text += " until " + *period.until;
    return leaf(period.location, {text});
}

Item Layout::package_item(const ast::Package& package) const {
    Item item;
    item.block = true;
    item.start = pos_of(package.location);
    item.header = "package " + package.name + " {";
    item.close = pos_of(package.end_location);
    auto clause = [&](const char* keyword, const std::string& value, const SourceLocation& location, bool quoted) {
        if (!value.empty())
            item.children.push_back(
                leaf(location, {std::string(keyword) + " " + (quoted ? ast::quote_string(value) : value)}));
    };
    clause("title", package.title, package.title_location, true);
    clause("authority", package.authority, package.authority_location, true);
    clause("jurisdiction", package.jurisdiction, package.jurisdiction_location, true);
    clause("calendar", package.calendar, package.calendar_location, false);
    if (package.effective) item.children.push_back(effective_item(*package.effective));
    clause("source", package.source, package.source_location, true);
    return item;
}

Lines Layout::value_list(const std::string& prefix, const std::vector<ast::Literal>& values, int indent,
                         int continuation) const {
    Lines lines{prefix + "("};
    int column = indent + static_cast<int>(prefix.size()) + 1;
    for (size_t i = 0; i < values.size(); ++i) {
        const std::string text = ast::literal_text(values[i]) + (i + 1 == values.size() ? ")" : ",");
        const bool first = lines.back().back() == '(';
        const int width = static_cast<int>(text.size()) + (first ? 0 : 1);
        if (!first && column + width > limit_) {
            lines.push_back(spaces(continuation) + text);
            column = continuation + static_cast<int>(text.size());
            continue;
        }
        lines.back() += (first ? "" : " ") + text;
        column += width;
    }
    return lines;
}

Item Layout::definition_item(const ast::Definition& definition) const {
    const std::string head = "define " + definition.name;
    switch (definition.kind) {
        case ast::Definition::Kind::Constant:
            return leaf(definition.start_location, {head + " = " + ast::literal_text(definition.value)});
        case ast::Definition::Kind::Set:
            return leaf(definition.start_location, value_list(head + " = ", definition.values, 0, 2));
        case ast::Definition::Kind::Condition:
            break;
    }
    Lines lines{head + " for " + definition.variable + " in " + definition.table};
    Lines condition = detail::layout_expr(*definition.condition, 8, 4, limit_);
    condition[0] = "  where " + condition[0];
    lines.insert(lines.end(), condition.begin(), condition.end());
    return leaf(definition.start_location, std::move(lines));
}

Item Layout::requirement_item(const ast::Requirement& requirement, int indent) const {
    const ast::Comprehension& records = requirement.records;
    const std::string head = "require " + records.variable + " in " + ast::path_text(records.source);
    const std::string where = records.where ? " where " + ast::expr_text(*records.where) : "";
    const std::string dated = " dated " + ast::expr_text(*requirement.dated);
    if (indent + static_cast<int>((head + where + dated).size()) <= limit_)
        return leaf(requirement.location, {head + where + dated});
    Lines lines{head};
    if (records.where) {
        Lines condition = detail::layout_expr(*records.where, indent + 8, indent + 4, limit_);
        condition[0] = spaces(indent + 2) + "where " + condition[0];
        lines.insert(lines.end(), condition.begin(), condition.end());
    }
    Lines date = detail::layout_expr(*requirement.dated, indent + 8, indent + 4, limit_);
    date[0] = spaces(indent + 2) + "dated " + date[0];
    lines.insert(lines.end(), date.begin(), date.end());
    return leaf(requirement.location, std::move(lines));
}

Item Layout::deadline_item(const ast::Deadline& deadline, int indent) const {
    Item item;
    item.block = true;
    item.start = pos_of(deadline.location);
    item.header = "deadline {";
    item.close = pos_of(deadline.end_location);
    const int inner = indent + 2;
    if (deadline.after) item.children.push_back(keyword_expr("after", *deadline.after, inner));
    if (deadline.within) item.children.push_back(keyword_expr("within", *deadline.within, inner));
    if (deadline.require) item.children.push_back(requirement_item(*deadline.require, inner));
    if (deadline.extend_to) item.children.push_back(keyword_expr("extend to", *deadline.extend_to, inner));
    if (deadline.unless) item.children.push_back(keyword_expr("unless", *deadline.unless, inner));
    return item;
}

Item Layout::periodic_item(const ast::Periodic& periodic, int indent) const {
    Item item;
    item.block = true;
    item.start = pos_of(periodic.location);
    item.header = "periodic {";
    item.close = pos_of(periodic.end_location);
    const int inner = indent + 2;
    if (periodic.start) item.children.push_back(keyword_expr("start", *periodic.start, inner));
    if (periodic.every) item.children.push_back(keyword_expr("every", *periodic.every, inner));
    if (periodic.until) item.children.push_back(keyword_expr("until", *periodic.until, inner));
    if (periodic.within) item.children.push_back(keyword_expr("within", *periodic.within, inner));
    if (periodic.require) item.children.push_back(requirement_item(*periodic.require, inner));
    return item;
}

// Clauses in one order: what the rule is (metadata, parameters), what it looks at (subject,
// lets), what it checks (the body and its message); a blank line between the three groups.
Item Layout::rule_item(const ast::Rule& rule) const {
    Item item;
    item.block = true;
    item.start = pos_of(rule.location);
    item.header = "rule " + rule.id + " {";
    item.close = pos_of(rule.end_location);
    const int indent = 2;
    std::vector<Item> metadata, subject, body;
    auto text_clause = [&](const char* keyword, const std::string& value, const SourceLocation& location, bool quoted) {
        if (!value.empty())
            metadata.push_back(
                leaf(location, {std::string(keyword) + " " + (quoted ? ast::quote_string(value) : value)}));
    };
    text_clause("title", rule.title, rule.title_location, true);
    text_clause("cite", rule.citation, rule.citation_location, true);
    text_clause("category", rule.category, rule.category_location, false);
    text_clause("severity", rule.severity, rule.severity_location, false);
    text_clause("description", rule.description, rule.description_location, true);
    if (rule.effective) metadata.push_back(effective_item(*rule.effective));
    text_clause("calendar", rule.calendar, rule.calendar_location, false);
    if (!rule.displaces.empty()) {
        std::string ids;
        for (const auto& [id, location] : rule.displaces) ids += (ids.empty() ? "" : ", ") + id;
        metadata.push_back(leaf(rule.displaces_location, {"displaces " + ids}));
    }
    for (const auto& param : rule.params)
        metadata.push_back(
            leaf(param.location, param.is_list
                                     ? value_list("param " + param.name + " = ", param.list, indent, indent + 2)
                                     : Lines{"param " + param.name + " = " + ast::literal_text(param.default_value)}));

    if (rule.subject) {
        const ast::Subject& s = *rule.subject;
        Lines lines{"for " + s.variable + " in " + s.table};
        if (s.where) {
            Lines condition = detail::layout_expr(*s.where, indent + 6, indent + 2, limit_);
            condition[0] = spaces(indent) + "where " + condition[0];
            lines.insert(lines.end(), condition.begin(), condition.end());
        }
        subject.push_back(leaf(s.location, std::move(lines)));
    }
    if (!rule.group_by.empty()) {
        std::string keys;
        for (const auto& key : rule.group_by)
            keys += (keys.empty() ? "" : ", ") + key.name + " = " + ast::expr_text(*key.value);
        subject.push_back(leaf(rule.group_location, {"group by " + keys}));
    }
    for (const auto& let : rule.lets) {
        const std::string prefix = "let " + let.name + " = ";
        Lines lines = detail::layout_expr(*let.value, indent + static_cast<int>(prefix.size()), indent + 2, limit_);
        lines[0] = prefix + lines[0];
        subject.push_back(leaf(let.location, std::move(lines)));
    }

    if (rule.deadline) body.push_back(deadline_item(*rule.deadline, indent));
    if (rule.periodic) body.push_back(periodic_item(*rule.periodic, indent));
    if (rule.condition) {
        const char* keyword =
            rule.condition->kind == ast::Condition::Kind::Violation ? "violation when" : "signal when";
        Item condition = keyword_expr(keyword, *rule.condition->when, indent);
        condition.start = pos_of(rule.condition->location);
        if (rule.condition->dated) {  // on a line of its own, as a requirement's `dated`
            Lines date = detail::layout_expr(*rule.condition->dated, indent + 8, indent + 4, limit_);
            date[0] = spaces(indent + 2) + "dated " + date[0];
            condition.lines.insert(condition.lines.end(), date.begin(), date.end());
        }
        body.push_back(std::move(condition));
    }
    if (rule.unless) {
        Item unless = keyword_expr("unless", *rule.unless, indent);
        unless.start = pos_of(rule.unless_location);
        body.push_back(std::move(unless));
    }
    if (!rule.message.empty())
        body.push_back(leaf(rule.message_location, {"message " + ast::quote_string(rule.message)}));

    for (auto* group : {&metadata, &subject, &body}) {
        if (group->empty()) continue;
        (*group)[0].blank_before = !item.children.empty();
        for (auto& clause : *group) item.children.push_back(std::move(clause));
    }
    return item;
}

void Layout::index_source() {
    const std::string& text = file_.text;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        source_lines_.push_back(line);
        std::vector<bool> code;
        for (unsigned char c : line)
            if ((c & 0xC0) != 0x80) code.push_back(c != ' ' && c != '\t' && c != '\f');
        code_.push_back(std::move(code));
        if (end == text.size()) break;
        begin = end + 1;
    }
    // Comment characters are not code.
    for (const auto& comment : file_.comments) {
        int line = comment.line, column = comment.column;
        for (unsigned char c : comment.text) {
            if ((c & 0xC0) == 0x80) continue;
            if (c == '\n') {
                ++line;
                column = 1;
                continue;
            }
            if (line >= 1 && line <= static_cast<int>(code_.size()) && column >= 1 &&
                column <= static_cast<int>(code_[static_cast<size_t>(line - 1)].size()))
                code_[static_cast<size_t>(line - 1)][static_cast<size_t>(column - 1)] = false;
            ++column;
        }
    }
}

bool Layout::code_before(const ast::Comment& comment) const {
    if (comment.line < 1 || comment.line > static_cast<int>(code_.size())) return false;
    const auto& code = code_[static_cast<size_t>(comment.line - 1)];
    for (int column = 1; column < comment.column && column <= static_cast<int>(code.size()); ++column)
        if (code[static_cast<size_t>(column - 1)]) return true;
    return false;
}

bool Layout::blank_line(int line) const {
    if (line < 1 || line > static_cast<int>(source_lines_.size())) return false;
    return source_lines_[static_cast<size_t>(line - 1)].find_first_not_of(" \t\f") == std::string::npos;
}

int Layout::end_line(const ast::Comment& comment) const {
    return comment.line + static_cast<int>(std::count(comment.text.begin(), comment.text.end(), '\n'));
}

// Each comment goes with an item: at the end of the line of the last construct begun before
// it when code precedes it on its line, otherwise before the next construct (or before a
// closing brace, or at the end of the file).
void Layout::attach_comments(std::vector<Item>& items) {
    struct Anchor {
        Pos pos;
        Item* item;
        bool close;
    };
    std::vector<Anchor> anchors;
    auto collect = [&](auto&& self, std::vector<Item>& level) -> void {
        for (auto& item : level) {
            anchors.push_back({item.start, &item, false});
            if (item.block) {
                self(self, item.children);
                anchors.push_back({item.close, &item, true});
            }
        }
    };
    collect(collect, items);
    std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.pos < b.pos; });
    for (const auto& comment : file_.comments) {
        const Pos at{comment.line, comment.column};
        auto after = std::upper_bound(anchors.begin(), anchors.end(), at,
                                      [](const Pos& p, const Anchor& a) { return p < a.pos; });
        if (code_before(comment) && after != anchors.begin()) {
            const Anchor& anchor = *std::prev(after);
            auto& trailing = anchor.close ? anchor.item->close_trailing : anchor.item->trailing;
            // A line can end in one `//` comment only, and nothing may follow it: an earlier
            // line comment of the same item goes before the item instead.
            if (!trailing.empty() && is_line_comment(*trailing.back())) {
                (anchor.close ? anchor.item->closing : anchor.item->leading).push_back(trailing.back());
                trailing.pop_back();
            }
            trailing.push_back(&comment);
        } else if (after != anchors.end()) {
            (after->close ? after->item->closing : after->item->leading).push_back(&comment);
        } else {
            end_comments_.push_back(&comment);
        }
    }
}

std::string Layout::trailing_text(const std::vector<const ast::Comment*>& comments) const {
    std::string out;
    for (const auto* comment : comments) out += " " + comment->text;
    return out;
}

void Layout::emit_comment(const ast::Comment& comment, int indent) {
    out_ += spaces(indent) + comment.text + "\n";
}

void Layout::emit(const Item& item, int indent, bool first) {
    bool blank = item.blank_before && !first;
    if (blank) out_ += "\n";
    for (size_t i = 0; i < item.leading.size(); ++i) {
        const ast::Comment& comment = *item.leading[i];
        // A blank line the author left before a comment stays (once).
        if (!first && !blank && blank_line(comment.line - 1)) out_ += "\n";
        emit_comment(comment, indent);
        blank = blank_line(end_line(comment) + 1);
        if (blank) out_ += "\n";
        first = false;
    }
    if (!item.block) {
        for (size_t i = 0; i < item.lines.size(); ++i) {
            out_ += (i == 0 ? spaces(indent) : std::string()) + item.lines[i];
            if (i + 1 == item.lines.size()) out_ += trailing_text(item.trailing);
            out_ += "\n";
        }
        return;
    }
    out_ += spaces(indent) + item.header + trailing_text(item.trailing) + "\n";
    for (size_t i = 0; i < item.children.size(); ++i) emit(item.children[i], indent + 2, i == 0);
    for (size_t i = 0; i < item.closing.size(); ++i) {
        const ast::Comment& comment = *item.closing[i];
        if (!(item.children.empty() && i == 0) && blank_line(comment.line - 1)) out_ += "\n";
        emit_comment(comment, indent + 2);
    }
    out_ += spaces(indent) + "}" + trailing_text(item.close_trailing) + "\n";
}

std::string Layout::run() {
    index_source();
    std::vector<Item> items;
    for (const auto& package : file_.packages) items.push_back(package_item(package));
    for (const auto& [path, location] : file_.imports)
        items.push_back(leaf(location, {"import " + ast::quote_string(path)}));
    for (const auto& rule : file_.rules) items.push_back(rule_item(rule));
    for (const auto& definition : file_.definitions) items.push_back(definition_item(definition));
    // Top-level items keep their source order: a rule belongs to the package before it.
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.start < b.start; });
    auto one_line_kind = [](const Item& item) {
        return item.block ? std::string() : item.lines[0].substr(0, item.lines[0].find(' '));
    };
    for (size_t i = 1; i < items.size(); ++i) {
        // Consecutive imports stay together, as do consecutive one-line definitions; everything
        // else is separated by a blank line.
        const std::string kind = one_line_kind(items[i]);
        const bool together = !kind.empty() && kind == one_line_kind(items[i - 1]) && items[i].lines.size() == 1 &&
                              items[i - 1].lines.size() == 1;
        items[i].blank_before = !together;
    }
    attach_comments(items);
    for (size_t i = 0; i < items.size(); ++i) emit(items[i], 0, i == 0);
    for (size_t i = 0; i < end_comments_.size(); ++i) {
        const ast::Comment& comment = *end_comments_[i];
        if (!out_.empty() && blank_line(comment.line - 1)) out_ += "\n";
        emit_comment(comment, 0);
    }
    return out_;
}

}  // namespace

std::string format_rule_file(const ast::RuleFile& file, const FormatOptions& options) {
    return Layout(file, options).run();
}

}  // namespace recallguard::format
