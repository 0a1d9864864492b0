// Compiled with the checker's include root (tests/CMakeLists.txt): a layer below the checker is
// visible, so this compiles. The control for upward_include.cpp.
#include "schema/catalog.h"

const recallguard::schema::Catalog& (*catalog)() = &recallguard::schema::Catalog::case_data_v1;
