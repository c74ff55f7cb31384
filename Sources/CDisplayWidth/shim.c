#define _XOPEN_SOURCE 700
#include <wchar.h>
#include "CDisplayWidth.h"
int CDisplayWidth_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
