#ifndef NEUROTOP_NCURSES_SHIM_H
#define NEUROTOP_NCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

/* A crash (a Swift trap, a bad access) must not leave the terminal in raw mode on the
   dashboard's screen. The handler puts the terminal's modes back and leaves the full screen with
   bytes made beforehand (async-signal-safe calls only), hands the signal to the handler before it
   (Swift's backtracer, which then prints on the shell's screen), and ends the process with it. */
enum { NEUROTOP_CRASH_SIGNAL_COUNT = 6 };
static const int neurotop_crash_signals[NEUROTOP_CRASH_SIGNAL_COUNT] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};

/* What the handler needs, made before any crash. (In a function: Swift emits no storage for a
   header's static variables, but does for a static local of a function it calls.) */
struct neurotop_crash_state {
    struct termios shell_modes;
    int has_shell_modes;
    char leave_bytes[256];
    size_t leave_length;
    struct sigaction previous_actions[NEUROTOP_CRASH_SIGNAL_COUNT];
};

static inline struct neurotop_crash_state *neurotop_crash_state(void) {
    static struct neurotop_crash_state state;
    return &state;
}

static inline void neurotop_crash_handler(int number, siginfo_t *info, void *context) {
    struct neurotop_crash_state *state = neurotop_crash_state();
    if (state->has_shell_modes) tcsetattr(STDIN_FILENO, TCSANOW, &state->shell_modes);
    if (state->leave_length > 0) {
        ssize_t written = write(STDOUT_FILENO, state->leave_bytes, state->leave_length);
        (void)written;
    }
    for (int i = 0; i < NEUROTOP_CRASH_SIGNAL_COUNT; i++) {
        if (neurotop_crash_signals[i] != number) continue;
        struct sigaction *previous = &state->previous_actions[i];
        if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction != NULL) {
            previous->sa_sigaction(number, info, context);
        } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(number);
        }
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(number, &fallback, NULL);
    raise(number);  /* delivered as the handler returns: the default action ends the process */
}

static inline int neurotop_append_leave_byte(int byte) {
    struct neurotop_crash_state *state = neurotop_crash_state();
    if (state->leave_length < sizeof state->leave_bytes) state->leave_bytes[state->leave_length++] = (char)byte;
    return byte;
}

/* The terminal's modes as the shell left them: call before curses changes them. */
static inline void neurotop_save_shell_modes(void) {
    struct neurotop_crash_state *state = neurotop_crash_state();
    state->has_shell_modes = tcgetattr(STDIN_FILENO, &state->shell_modes) == 0;
}

/* Once curses is set up: the bytes that leave its screen, and the handlers. */
static inline void neurotop_guard_crashes(void) {
    static const char *const leave[] = {"sgr0", "cnorm", "rmcup"};
    struct neurotop_crash_state *state = neurotop_crash_state();
    state->leave_length = 0;
    for (int i = 0; i < 3; i++) {
        const char *capability = tigetstr(leave[i]);
        if (capability != NULL && capability != (const char *)-1) tputs(capability, 1, neurotop_append_leave_byte);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = neurotop_crash_handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < NEUROTOP_CRASH_SIGNAL_COUNT; i++) {
        sigaction(neurotop_crash_signals[i], &action, &state->previous_actions[i]);
    }
}

/* When the terminal is restored: the handlers from before. */
static inline void neurotop_unguard_crashes(void) {
    struct neurotop_crash_state *state = neurotop_crash_state();
    for (int i = 0; i < NEUROTOP_CRASH_SIGNAL_COUNT; i++) {
        sigaction(neurotop_crash_signals[i], &state->previous_actions[i], NULL);
    }
}

/* Globals Swift 6 will not touch directly (shared mutable C state), behind functions. */
static inline WINDOW *neurotop_screen(void) { return stdscr; }
static inline SCREEN *neurotop_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int neurotop_lines(void) { return LINES; }
static inline int neurotop_columns(void) { return COLS; }
static inline int neurotop_colors(void) { return COLORS; }
static inline int neurotop_color_pairs(void) { return COLOR_PAIRS; }
#endif
