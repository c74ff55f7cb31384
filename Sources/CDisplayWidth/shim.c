// wcwidth and nl_langinfo are X/Open interfaces: glibc declares them only with this macro,
// which is why this is a C target and not a header in a Swift module.
#define _XOPEN_SOURCE 700

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "CDisplayWidth.h"

int CDisplayWidth_wcwidth(uint32_t codepoint) {
    return wcwidth((wchar_t)codepoint);
}

bool CDisplayWidth_localeIsUTF8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

bool CDisplayWidth_useUTF8Locale(void) {
    setlocale(LC_ALL, "");
    if (CDisplayWidth_localeIsUTF8()) {
        return true;
    }
    setlocale(LC_CTYPE, "C.UTF-8");
    return CDisplayWidth_localeIsUTF8();
}
