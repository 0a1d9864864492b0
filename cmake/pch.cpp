// The translation unit that builds the precompiled header every layer reuses (CMakeLists.txt).
