# Turns a text file into a C++ source defining `const char* const SYMBOL`.
file(READ ${INPUT} content)
set(delimiter "rg_embed")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\nnamespace recallguard::embedded {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delimiter}(${content})${delimiter}\";\n}\n")
