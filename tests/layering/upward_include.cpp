// Compiled with the checker's include root (tests/CMakeLists.txt): the engine is a layer above
// the checker, so this include is not found and the file does not compile. The layering test
// builds it and expects exactly that.
#include "engine/audit.h"
