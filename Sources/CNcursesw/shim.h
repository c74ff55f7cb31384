#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// Ask for the X/Open wide-character API (cchar_t, get_wch, setcchar, mvadd_wch). SwiftPM drops
// the -D_XOPEN_SOURCE=600 that pkg-config suggests, so it must be said here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects references to mutable C globals, and function-like or composite macros do
// not import. Each accessor below replaces one of them.
static inline WINDOW *CNcursesw_stdscr(void) { return stdscr; }
static inline int CNcursesw_lines(void) { return LINES; }
static inline int CNcursesw_cols(void) { return COLS; }
static inline int CNcursesw_colors(void) { return COLORS; }
static inline attr_t CNcursesw_bold(void) { return A_BOLD; }
static inline attr_t CNcursesw_dim(void) { return A_DIM; }
static inline attr_t CNcursesw_reverse(void) { return A_REVERSE; }
static inline attr_t CNcursesw_underline(void) { return A_UNDERLINE; }
static inline attr_t CNcursesw_italic(void) { return A_ITALIC; }
static inline int CNcursesw_ccharw_max(void) { return CCHARW_MAX; }
static inline mmask_t CNcursesw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t CNcursesw_wheel_up(void) { return BUTTON4_PRESSED; }
#if NCURSES_MOUSE_VERSION > 1
static inline mmask_t CNcursesw_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t CNcursesw_wheel_down(void) { return 0; }
#endif
static inline FILE *CNcursesw_stdin(void) { return stdin; }
static inline FILE *CNcursesw_stdout(void) { return stdout; }

#endif
