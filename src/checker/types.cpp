#include "checker/types.h"

namespace recallguard::checker {

std::string describe(TypeKind kind) {
    switch (kind) {
        case TypeKind::Error:
            return "an invalid value";
        case TypeKind::Bool:
            return "a condition (true/false)";
        case TypeKind::Int:
            return "a whole number";
        case TypeKind::Number:
            return "a number";
        case TypeKind::Text:
            return "text";
        case TypeKind::Date:
            return "a date";
        case TypeKind::Days:
            return "a number of days";
        case TypeKind::Months:
            return "a number of months";
        case TypeKind::WorkingDays:
            return "a number of working days";
        case TypeKind::Row:
            return "a row";
        case TypeKind::Values:
            return "a set of values";
    }
    return "a value";
}

std::string describe(const Type& type) {
    if (type.kind == TypeKind::Row) return "a row of " + type.table;
    if (type.kind == TypeKind::Values) return "a set of values (" + describe(type.element) + ")";
    return describe(type.kind);
}

}  // namespace recallguard::checker
