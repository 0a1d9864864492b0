// Input of the layering test: includes that cmake/check_includes.cmake refuses.
#include <sqlite3.h>

#include "../engine/audit.h"
#include "RuleParser.h"
