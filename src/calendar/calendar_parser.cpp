// Calendar file text -> WorkingDayCalendar, reporting every problem with its file:line:col.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "calendar/calendar.h"
#include "calendar/calendar_format.h"
#include "common/files.h"
#include "common/utf8.h"

namespace recallguard::calendar {
namespace {

const std::vector<std::string> kKeywords{"calendar", "title", "weekend", "years", "source", "rule"};
const std::vector<std::string> kDayKinds{"holiday", "workday"};
const std::vector<std::string> kRuleClauses{"from", "to", "observed"};

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// Index into kMonthNames of a month name, full or its first three letters, any case.
std::optional<unsigned> month_index(std::string_view word) {
    const std::string lower = lowercase(word);
    for (unsigned m = 0; m < kMonthNames.size(); ++m)
        if (lower == kMonthNames[m] || (lower.size() == 3 && std::string_view(kMonthNames[m]).substr(0, 3) == lower))
            return m;
    return std::nullopt;
}

// Index (0 = Monday) of a weekday name, short or long, any case.
std::optional<unsigned> weekday_index(std::string_view word) {
    const std::string lower = lowercase(word);
    for (unsigned w = 0; w < 7; ++w)
        if (lower == kWeekdayNames[w] || lower == lowercase(kWeekdayLongNames[w])) return w;
    return std::nullopt;
}

std::vector<std::string> month_and_ordinal_words() {
    std::vector<std::string> words(kMonthNames.begin(), kMonthNames.end());
    words.insert(words.end(), kOrdinalNames.begin(), kOrdinalNames.end());
    return words;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// `#` starts a comment at the start of a line or after a blank, unless inside a "quoted" title.
std::string_view strip_comment(std::string_view line) {
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        if (line[i] == '#' && !quoted && (i == 0 || is_blank(line[i - 1]))) return line.substr(0, i);
    }
    return line;
}

struct Word {
    std::string_view text;
    size_t offset = 0;  // bytes from the start of the line
};

// The blank-separated words of line from byte offset `from` on.
std::vector<Word> split_words(std::string_view line, size_t from) {
    std::vector<Word> words;
    size_t i = from;
    while (i < line.size()) {
        while (i < line.size() && is_blank(line[i])) ++i;
        if (i >= line.size()) break;
        const size_t start = i;
        while (i < line.size() && !is_blank(line[i])) ++i;
        words.push_back({line.substr(start, i - start), start});
    }
    return words;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string match = closest_match(std::string(word), candidates);
    return match.empty() ? "" : "; did you mean '" + match + "'?";
}

// A day line kept until the whole file is read; positions are byte offsets into line_text.
struct PendingDay {
    ListedDay day;
    int line = 0;
    std::string line_text;
    size_t date_offset = 0;
    size_t kind_offset = 0;
    std::string kind_word;
};

struct PendingSource {
    SourceNote note;
    int line = 0;
    std::string line_text;
    size_t year_offset = 0;
};

struct PendingRule {
    HolidayRule rule;
    int line = 0;
};

// A header keyword's value and the line that gave it, to report a second occurrence.
template <typename T>
struct Setting {
    std::optional<T> value;
    int line = 0;
};

class CalendarParser {
public:
    CalendarParser(std::string file_name, DiagnosticBag& diagnostics)
        : file_name_(std::move(file_name)), diagnostics_(diagnostics) {}

    std::optional<WorkingDayCalendar> parse(const std::string& text) {
        const size_t errors_before = diagnostics_.error_count();
        std::istringstream stream(text);
        std::string raw;
        for (int number = 1; std::getline(stream, raw); ++number) {
            if (!raw.empty() && raw.back() == '\r') raw.pop_back();
            if (number == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) raw.erase(0, 3);  // UTF-8 byte-order mark
            parse_line(raw, number);
        }
        check_days();
        if (diagnostics_.error_count() > errors_before) return std::nullopt;
        CalendarSpec spec;
        spec.name = *name_.value;
        spec.title = title_.value.value_or("");
        spec.first_year = years_.value->first;
        spec.last_year = years_.value->second;
        spec.weekend = *weekend_.value;
        spec.declared_at = name_location_;
        for (PendingDay& pending : days_) spec.days.push_back(std::move(pending.day));
        for (PendingRule& pending : rules_) spec.rules.push_back(std::move(pending.rule));
        for (PendingSource& pending : sources_) spec.sources.push_back(std::move(pending.note));
        return WorkingDayCalendar(std::move(spec));
    }

private:
    void error(int line, std::string_view line_text, size_t offset, size_t length, std::string message) {
        const int column = code_point_count(line_text.substr(0, offset)) + 1;
        const int width = std::max(1, code_point_count(line_text.substr(offset, length)));
        diagnostics_.error(DiagnosticCode::Calendar, SourceLocation{file_name_, line, column}, std::move(message),
                           width);
    }
    void error_at(int line, std::string_view line_text, const Word& word, std::string message) {
        error(line, line_text, word.offset, word.text.size(), std::move(message));
    }
    void error_file(std::string message) {
        diagnostics_.error(DiagnosticCode::Calendar, SourceLocation{file_name_, 1, 1}, std::move(message));
    }

    void parse_line(const std::string& raw, int number) {
        const std::string_view line_text(raw);
        if (const size_t bad = first_invalid_utf8(line_text); bad != std::string_view::npos) {
            error(number, line_text, bad, 1, "the line is not valid UTF-8 text");
            return;
        }
        std::string_view line = strip_comment(line_text);
        while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
        const std::vector<Word> words = split_words(line, 0);
        if (words.empty()) return;
        const Word& head = words.front();
        if (head.text[0] >= '0' && head.text[0] <= '9') return parse_day(line, number, words);
        const std::vector<Word> args(words.begin() + 1, words.end());
        if (head.text == "calendar") return parse_name(line, number, head, args);
        if (head.text == "title") return parse_title(line, number, head);
        if (head.text == "weekend") return parse_weekend(line, number, head, args);
        if (head.text == "years") return parse_years(line, number, head, args);
        if (head.text == "source") return parse_source(line, number, head, args);
        if (head.text == "rule") return parse_rule(line, number, head);
        if (head.text == "holiday" || head.text == "workday") {
            error_at(number, line, head,
                     "a day line starts with its date: YYYY-MM-DD " + std::string(head.text) + " TEXT");
            return;
        }
        const std::string match = closest_match(std::string(head.text), kKeywords);
        suggested_.push_back(match);
        const std::string hint =
            match.empty()
                ? "; a line is `calendar`, `title`, `weekend`, `years`, `source`, `rule` or a day (YYYY-MM-DD "
                  "holiday|workday TEXT)"
                : "; did you mean '" + match + "'?";
        error_at(number, line, head, "unknown keyword '" + std::string(head.text) + "'" + hint);
    }

    // Reports a keyword given twice; true when this is the first time.
    template <typename T>
    bool first_time(Setting<T>& setting, int number, std::string_view line, const Word& head) {
        if (setting.line == 0) {
            setting.line = number;
            return true;
        }
        error_at(
            number, line, head,
            "`" + std::string(head.text) + "` is given twice (first on line " + std::to_string(setting.line) + ")");
        return false;
    }

    bool expect_count(int number, std::string_view line, const Word& head, const std::vector<Word>& args, size_t wanted,
                      const char* usage) {
        if (args.size() == wanted) return true;
        if (args.size() < wanted)
            error(number, line, line.size(), 1, "`" + std::string(head.text) + "` needs " + usage);
        else
            error_at(
                number, line, args[wanted],
                "unexpected '" + std::string(args[wanted].text) + "'; `" + std::string(head.text) + "` takes " + usage);
        return false;
    }

    void parse_name(std::string_view line, int number, const Word& head, const std::vector<Word>& args) {
        if (!first_time(name_, number, line, head)) return;
        if (!expect_count(number, line, head, args, 1, "one name, e.g. `calendar CN`")) return;
        if (!is_valid_calendar_name(args[0].text)) {
            error_at(number, line, args[0],
                     "'" + std::string(args[0].text) +
                         "' is not a calendar name: use letters, digits, '_' or '-', starting with a letter");
            return;
        }
        name_.value = std::string(args[0].text);
        name_location_ = SourceLocation{file_name_, number, code_point_count(line.substr(0, args[0].offset)) + 1};
    }

    // The quoted text starting at or after byte `from` (blanks skipped): its content and the
    // offset just after the closing quote; reports and returns nullopt when there is none.
    // `needs` is the message when there is no quote; `noun` names the text ("the title").
    std::optional<std::pair<std::string, size_t>> quoted_text(std::string_view line, int number, size_t from,
                                                              const std::string& needs, const std::string& noun) {
        size_t open = from;
        while (open < line.size() && is_blank(line[open])) ++open;
        if (open >= line.size() || line[open] != '"') {
            error(number, line, open, 1, needs);
            return std::nullopt;
        }
        const size_t close = line.find('"', open + 1);
        if (close == std::string_view::npos) {
            error(number, line, open, 1, noun + "'s closing '\"' is missing");
            return std::nullopt;
        }
        if (close == open + 1) {
            error(number, line, open, 2, noun + " is empty");
            return std::nullopt;
        }
        return std::pair{std::string(line.substr(open + 1, close - open - 1)), close + 1};
    }

    // Reports words after a line's last quoted text; true when there are none.
    bool nothing_after(std::string_view line, int number, size_t from, const std::string& what) {
        const std::vector<Word> rest = split_words(line, from);
        if (rest.empty()) return true;
        error_at(number, line, rest[0], "unexpected '" + std::string(rest[0].text) + "' after " + what);
        return false;
    }

    void parse_title(std::string_view line, int number, const Word& head) {
        if (!first_time(title_, number, line, head)) return;
        const auto text =
            quoted_text(line, number, head.offset + head.text.size(),
                        "`title` needs a quoted text, e.g. title \"State Council holiday notices\"", "the title");
        if (text && nothing_after(line, number, text->second, "the title")) title_.value = text->first;
    }

    // `source "TEXT"` (every year) or `source YEAR "TEXT"`.
    void parse_source(std::string_view line, int number, const Word& head, const std::vector<Word>& args) {
        size_t from = head.offset + head.text.size();
        std::optional<int> year;
        if (!args.empty() && args[0].text[0] != '"') {
            year = parse_year(line, number, args[0]);
            if (!year) return;
            from = args[0].offset + args[0].text.size();
        }
        const auto text = quoted_text(
            line, number, from, "`source` needs a quoted text, e.g. source 2025 \"国办发明电〔2024〕12号, 2024-11-12\"",
            "the source");
        if (!text || !nothing_after(line, number, text->second, "the source")) return;
        const size_t year_offset = year ? args[0].offset : head.offset;
        sources_.push_back(PendingSource{SourceNote{year, text->first}, number, std::string(line), year_offset});
    }

    // `rule "NAME" (MONTH DAY | ORDINAL WEEKDAY of MONTH) [from YEAR] [to YEAR] [observed]`.
    void parse_rule(std::string_view line, int number, const Word& head) {
        const auto name = quoted_text(line, number, head.offset + head.text.size(),
                                      "`rule` needs the holiday's name in quotes, e.g. rule \"Juneteenth\" june 19 "
                                      "from 2021 observed",
                                      "the rule's name");
        if (!name) return;
        const std::vector<Word> words = split_words(line, name->second);
        HolidayRule rule;
        rule.name = name->first;
        rule.location = SourceLocation{file_name_, number, code_point_count(line.substr(0, head.offset)) + 1};
        const std::string usage = "a day: `june 19` or `third monday of january`";
        if (words.empty()) {
            error(number, line, line.size(), 1, "the rule \"" + rule.name + "\" needs " + usage);
            return;
        }
        size_t next = 0;
        const std::string first = lowercase(words[0].text);
        const auto ordinal = std::find(kOrdinalNames.begin(), kOrdinalNames.end(), first);
        if (ordinal != kOrdinalNames.end()) {
            rule.kind = HolidayRule::Kind::NthWeekday;
            rule.ordinal = ordinal == kOrdinalNames.begin() ? -1 : static_cast<int>(ordinal - kOrdinalNames.begin());
            if (words.size() < 4) {
                error(number, line, line.size(), 1,
                      "`" + first + "` needs a weekday and a month, e.g. `" + first + " monday of january`");
                return;
            }
            const auto weekday = weekday_index(words[1].text);
            if (!weekday) {
                error_at(number, line, words[1],
                         "unknown weekday '" + std::string(words[1].text) + "'; expected monday ... sunday");
                return;
            }
            if (lowercase(words[2].text) != "of") {
                error_at(number, line, words[2],
                         "expected `of` after the weekday, found '" + std::string(words[2].text) + "'");
                return;
            }
            const auto month = month_index(words[3].text);
            if (!month) {
                error_at(number, line, words[3],
                         "unknown month '" + std::string(words[3].text) + "'" +
                             did_you_mean(lowercase(words[3].text),
                                          std::vector<std::string>(kMonthNames.begin(), kMonthNames.end())));
                return;
            }
            rule.weekday = *weekday;
            rule.month = *month + 1;
            next = 4;
        } else if (const auto month = month_index(words[0].text)) {
            rule.kind = HolidayRule::Kind::FixedDate;
            rule.month = *month + 1;
            if (words.size() < 2) {
                error(number, line, line.size(), 1, "`" + first + "` needs a day of the month, e.g. `" + first + " 1`");
                return;
            }
            const Word& day = words[1];
            bool digits = !day.text.empty() && day.text.size() <= 2;
            for (const char c : day.text) digits = digits && c >= '0' && c <= '9';
            const int value = digits ? std::stoi(std::string(day.text)) : 0;
            // A day every year has: February 29 would be a holiday only in leap years.
            const auto longest = static_cast<int>(days_in_month(2001, rule.month));
            if (value < 1 || value > longest) {
                error_at(number, line, day,
                         "'" + std::string(day.text) + "' is not a day of " + kMonthNames[*month] +
                             " in every year; expected 1 to " + std::to_string(longest));
                return;
            }
            rule.day = static_cast<unsigned>(value);
            next = 2;
        } else {
            error_at(number, line, words[0],
                     "expected a month or first, second, third, fourth or last, found '" + std::string(words[0].text) +
                         "'" + did_you_mean(first, month_and_ordinal_words()));
            return;
        }
        std::set<std::string> seen;
        for (size_t i = next; i < words.size(); ++i) {
            const Word& word = words[i];
            const std::string clause = lowercase(word.text);
            if (clause != "from" && clause != "to" && clause != "observed") {
                error_at(number, line, word,
                         "unexpected '" + std::string(word.text) +
                             "'; after the day a rule takes `from YEAR`, "
                             "`to YEAR` and `observed`" +
                             did_you_mean(clause, kRuleClauses));
                return;
            }
            if (!seen.insert(clause).second) {
                error_at(number, line, word, "`" + clause + "` is given twice");
                return;
            }
            if (clause == "observed") {
                rule.observed = true;
                continue;
            }
            if (i + 1 >= words.size()) {
                error(number, line, line.size(), 1, "`" + clause + "` needs a year, e.g. `" + clause + " 2021`");
                return;
            }
            const auto year = parse_year(line, number, words[++i]);
            if (!year) return;
            (clause == "from" ? rule.from_year : rule.to_year) = *year;
        }
        if (rule.from_year && rule.to_year && *rule.to_year < *rule.from_year) {
            error(number, line, words[next].offset, line.size() - words[next].offset,
                  "the rule ends (to " + std::to_string(*rule.to_year) + ") before it begins (from " +
                      std::to_string(*rule.from_year) + ")");
            return;
        }
        rules_.push_back(PendingRule{std::move(rule), number});
    }

    void parse_weekend(std::string_view line, int number, const Word& head, const std::vector<Word>& args) {
        if (!first_time(weekend_, number, line, head)) return;
        if (args.empty()) {
            error(number, line, line.size(), 1,
                  "`weekend` needs the days off of an ordinary week, e.g. `weekend sat sun`");
            return;
        }
        // Short or long names, any case: "sat", "Sat", "saturday".
        std::vector<std::string> names(kWeekdayNames.begin(), kWeekdayNames.end());
        for (const char* long_name : kWeekdayLongNames) {
            std::string lower(long_name);
            lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
            names.push_back(lower);
        }
        std::array<bool, 7> weekend{};
        bool ok = true;
        for (const Word& word : args) {
            std::string lower(word.text);
            for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            size_t w = 0;
            while (w < names.size() && names[w] != lower) ++w;
            if (w == names.size()) {
                error_at(number, line, word,
                         "unknown weekday '" + std::string(word.text) +
                             "'; expected mon, tue, wed, thu, fri, sat or sun" + did_you_mean(lower, names));
                ok = false;
                continue;
            }
            w %= 7;
            if (weekend[w]) {
                error_at(number, line, word, "'" + std::string(word.text) + "' is listed twice");
                ok = false;
            }
            weekend[w] = true;
        }
        if (ok && std::all_of(weekend.begin(), weekend.end(), [](bool off) { return off; })) {
            error_at(number, line, head, "`weekend` lists all seven days; a calendar needs working days");
            ok = false;
        }
        if (ok) weekend_.value = weekend;
    }

    std::optional<int> parse_year(std::string_view line, int number, const Word& word) {
        bool digits = word.text.size() == 4;
        for (const char c : word.text) digits = digits && c >= '0' && c <= '9';
        const int year = digits ? std::stoi(std::string(word.text)) : 0;
        if (!digits || year < kMinYear || year > kMaxYear) {
            error_at(number, line, word,
                     "'" + std::string(word.text) + "' is not a year from " + std::to_string(kMinYear) + " to " +
                         std::to_string(kMaxYear));
            return std::nullopt;
        }
        return year;
    }

    void parse_years(std::string_view line, int number, const Word& head, const std::vector<Word>& args) {
        if (!first_time(years_, number, line, head)) return;
        if (!expect_count(number, line, head, args, 2, "the first and last covered year, e.g. `years 2024 2026`"))
            return;
        const auto first = parse_year(line, number, args[0]);
        const auto last = parse_year(line, number, args[1]);
        if (!first || !last) return;
        if (*first > *last) {
            error_at(number, line, args[1],
                     "the last year " + std::to_string(*last) + " is before the first year " + std::to_string(*first));
            return;
        }
        if (*last - *first >= kMaxCoveredYears) {
            error_at(number, line, args[1],
                     "a calendar covers at most " + std::to_string(kMaxCoveredYears) + " years; " +
                         std::to_string(*first) + "\u2013" + std::to_string(*last) + " is " +
                         std::to_string(*last - *first + 1));
            return;
        }
        years_.value = std::pair{*first, *last};
    }

    void parse_day(std::string_view line, int number, const std::vector<Word>& words) {
        const Word& date_word = words[0];
        const auto date = Date::parse(date_word.text);
        if (!date) {
            error_at(
                number, line, date_word,
                "'" + std::string(date_word.text) + "' is not a date; expected YYYY-MM-DD naming a day that exists");
            return;
        }
        if (words.size() < 2) {
            error(number, line, line.size(), 1, "expected `holiday` or `workday` after the date");
            return;
        }
        const Word& kind_word = words[1];
        DayKind kind;
        if (kind_word.text == "holiday") {
            kind = DayKind::Holiday;
        } else if (kind_word.text == "workday") {
            kind = DayKind::MakeUpWorkday;
        } else {
            error_at(number, line, kind_word,
                     "expected `holiday` or `workday` after the date, found '" + std::string(kind_word.text) + "'" +
                         did_you_mean(kind_word.text, kDayKinds));
            return;
        }
        if (words.size() < 3) {
            error(number, line, line.size(), 1,
                  "the " + std::string(kind_word.text) + " on " + date->to_string() +
                      " needs a description (what the day is, e.g. its holiday's name)");
            return;
        }
        days_.push_back(PendingDay{ListedDay{*date, kind, std::string(line.substr(words[2].offset)), std::nullopt},
                                   number, std::string(line), date_word.offset, kind_word.offset,
                                   std::string(kind_word.text)});
    }

    // Checks that need the whole file: required keywords, years, duplicates and contradictions.
    void check_days() {
        // A misspelt keyword already reported (with its did-you-mean) is not reported again as missing.
        auto missing = [this](int line, const std::string& keyword) {
            return line == 0 && std::find(suggested_.begin(), suggested_.end(), keyword) == suggested_.end();
        };
        if (missing(name_.line, "calendar")) error_file("the file has no `calendar NAME` line");
        if (missing(years_.line, "years")) error_file("the file has no `years FIRST LAST` line");
        if (missing(weekend_.line, "weekend")) error_file("the file has no `weekend DAY...` line");
        std::map<int64_t, const PendingDay*> seen;
        for (const PendingDay& pending : days_) {
            const Date date = pending.day.date;
            const std::string_view line = pending.line_text;
            const size_t date_length = 10;  // YYYY-MM-DD, as parsed
            auto error_at_date = [&](std::string message) {
                error(pending.line, line, pending.date_offset, date_length, std::move(message));
            };
            auto error_at_kind = [&](std::string message) {
                error(pending.line, line, pending.kind_offset, pending.kind_word.size(), std::move(message));
            };
            if (years_.value && (date.year() < years_.value->first || date.year() > years_.value->second)) {
                error_at_date(date.to_string() + " is outside the covered years " +
                              std::to_string(years_.value->first) + "\u2013" + std::to_string(years_.value->second) +
                              " (set on line " + std::to_string(years_.line) + "); extend `years` to include " +
                              std::to_string(date.year()));
                continue;
            }
            const auto [it, inserted] = seen.emplace(date.days(), &pending);
            if (!inserted) {
                const PendingDay& first = *it->second;
                if (first.day.kind == pending.day.kind) {
                    error_at_date(date.to_string() + " is listed twice (first on line " + std::to_string(first.line) +
                                  ")");
                } else {
                    error_at_kind(date.to_string() + " is a " + first.kind_word + " on line " +
                                  std::to_string(first.line) + " and a " + pending.kind_word +
                                  " here; a day is one or the other");
                }
                continue;
            }
            if (pending.day.kind == DayKind::MakeUpWorkday && weekend_.value && !(*weekend_.value)[date.weekday()]) {
                error_at_kind(date.to_string() + " is a " + kWeekdayLongNames[date.weekday()] +
                              ", already a working day; `workday` lists only weekend days that are worked (调休)");
            }
        }
        if (!years_.value) return;
        const auto [first_year, last_year] = *years_.value;
        for (const PendingSource& pending : sources_) {
            const auto year = pending.note.year;
            if (year && (*year < first_year || *year > last_year))
                error(pending.line, pending.line_text, pending.year_offset, 4,
                      "a source for " + std::to_string(*year) + ", outside the covered years " +
                          std::to_string(first_year) + "\u2013" + std::to_string(last_year) + " (set on line " +
                          std::to_string(years_.line) + ")");
        }
        // A day line on a day a rule gives says the day twice; which one holds is not for the file to leave open.
        std::vector<HolidayRule> rules;
        for (const PendingRule& pending : rules_) rules.push_back(pending.rule);
        for (const RuleDay& day : expand_rules(rules, first_year, last_year)) {
            const auto it = seen.find(day.date.days());
            if (it == seen.end()) continue;
            const PendingDay& listed = *it->second;
            error(listed.line, listed.line_text, listed.date_offset, 10,
                  day.date.to_string() + " is already a holiday by the rule on line " +
                      std::to_string(rules_[day.rule].line) + " (" + day.description +
                      "); list the day or give it by rule, not both");
        }
    }

    std::string file_name_;
    DiagnosticBag& diagnostics_;
    Setting<std::string> name_;
    SourceLocation name_location_;
    Setting<std::string> title_;
    Setting<std::array<bool, 7>> weekend_;
    Setting<std::pair<int, int>> years_;
    std::vector<PendingDay> days_;
    std::vector<PendingRule> rules_;
    std::vector<PendingSource> sources_;
    std::vector<std::string> suggested_;  // did-you-mean keywords of unknown keyword lines
};

}  // namespace

std::optional<WorkingDayCalendar> parse_calendar(const std::string& text, const std::string& file_name,
                                                 DiagnosticBag& diagnostics) {
    return CalendarParser(file_name, diagnostics).parse(text);
}

std::optional<WorkingDayCalendar> load_calendar(const std::string& path, DiagnosticBag& diagnostics) {
    const FileText file = read_file(path);
    if (!file.ok()) {
        diagnostics.error(DiagnosticCode::Calendar, SourceLocation{path, 0, 0},
                          file.failure == ReadFailure::Missing ? "calendar file not found" : file.reason);
        return std::nullopt;
    }
    return parse_calendar(file.text, path, diagnostics);
}

}  // namespace recallguard::calendar
