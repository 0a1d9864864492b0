// The rule language's value types, as the checker infers them.
#pragma once

#include <string>

#include "schema/catalog.h"

namespace recallguard::checker {

enum class TypeKind { Error, Bool, Int, Number, Text, Date, Days, Months, WorkingDays, Row, Values };

struct Type {
    TypeKind kind = TypeKind::Error;
    std::string table;                       // Row: which table
    TypeKind element = TypeKind::Error;      // Values: the type of each value
    const schema::Column* column = nullptr;  // where a value comes straight from a column (enum checks)

    static Type of(TypeKind kind) { return Type{kind, {}, TypeKind::Error, nullptr}; }
    static Type row(std::string table) { return Type{TypeKind::Row, std::move(table), TypeKind::Error, nullptr}; }
    static Type values(TypeKind element) { return Type{TypeKind::Values, {}, element, nullptr}; }

    bool is_error() const { return kind == TypeKind::Error; }
    bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Number; }
    bool is_duration() const {
        return kind == TypeKind::Days || kind == TypeKind::Months || kind == TypeKind::WorkingDays;
    }
    bool is_scalar() const { return kind != TypeKind::Row && kind != TypeKind::Values && kind != TypeKind::Error; }
};

// "a date", "a number", "rows of filings", ... for messages.
std::string describe(const Type& type);
std::string describe(TypeKind kind);

}  // namespace recallguard::checker
