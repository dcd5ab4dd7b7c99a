#ifndef NEUROTOP_NCURSES_SHIM_H
#define NEUROTOP_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

/* Attribute and key macros that Swift cannot import, as plain values. */
static inline attr_t neurotop_attributes(int bold, int dim, int reverse, int underline) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (dim) a |= A_DIM;
    if (reverse) a |= A_REVERSE;
    if (underline) a |= A_UNDERLINE;
    return a;
}

enum {
    NEUROTOP_KEY_UP = KEY_UP,
    NEUROTOP_KEY_DOWN = KEY_DOWN,
    NEUROTOP_KEY_LEFT = KEY_LEFT,
    NEUROTOP_KEY_RIGHT = KEY_RIGHT,
    NEUROTOP_KEY_PPAGE = KEY_PPAGE,
    NEUROTOP_KEY_NPAGE = KEY_NPAGE,
    NEUROTOP_KEY_HOME = KEY_HOME,
    NEUROTOP_KEY_END = KEY_END,
    NEUROTOP_KEY_BTAB = KEY_BTAB,
    NEUROTOP_KEY_ENTER = KEY_ENTER,
    NEUROTOP_KEY_BACKSPACE = KEY_BACKSPACE,
    NEUROTOP_KEY_RESIZE = KEY_RESIZE,
    NEUROTOP_KEY_CODE_YES = KEY_CODE_YES,
};

/* Writes one cell: a character, the combining marks drawn on it (up to four; `text` holds
   the character then the marks, `count` of them in all), attributes and a colour pair. The
   marks go in the same cchar_t as their base, so ncurses never gives a mark a cell of its own. */
static inline int neurotop_put_cell(int y, int x, const wchar_t *text, int count, attr_t attributes, short pair) {
    cchar_t cell;
    wchar_t characters[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) characters[i] = text[i];
    characters[n] = 0;
    if (setcchar(&cell, characters, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* After endwin: blanks the terminal and puts the cursor top left with terminfo's `clear`,
   padding and all (through stdio, which Swift 6 will not name). Nothing when there is no `clear`. */
static inline void neurotop_clear_in_shell_mode(void) {
    const char *clear = tigetstr("clear");
    if (clear == NULL || clear == (const char *)-1) return;
    tputs(clear, 1, putchar);
    fflush(stdout);
}

/* Globals Swift 6 will not touch directly (shared mutable C state), behind functions. */
static inline WINDOW *neurotop_screen(void) { return stdscr; }
static inline SCREEN *neurotop_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int neurotop_lines(void) { return LINES; }
static inline int neurotop_columns(void) { return COLS; }
static inline int neurotop_colors(void) { return COLORS; }
static inline int neurotop_color_pairs(void) { return COLOR_PAIRS; }
#endif
