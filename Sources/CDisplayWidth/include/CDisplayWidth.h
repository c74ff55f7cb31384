#ifndef CDISPLAYWIDTH_H
#define CDISPLAYWIDTH_H

#include <stdbool.h>
#include <stdint.h>

// Columns the code point takes in the current LC_CTYPE (glibc wcwidth), or -1 when it is not
// printable. ncurses advances its cursor by the same function, so agreeing with it matters
// more than any table of our own.
int CDisplayWidth_wcwidth(uint32_t codepoint);

// Whether the current LC_CTYPE codeset is UTF-8 (without it wcwidth answers -1 for all non-ASCII).
bool CDisplayWidth_localeIsUTF8(void);

// Sets LC_ALL from the environment and, when that is not UTF-8, LC_CTYPE to C.UTF-8.
// Returns whether the resulting codeset is UTF-8.
bool CDisplayWidth_useUTF8Locale(void);

#endif
