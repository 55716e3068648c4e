/*
 * Small helpers the UI files share: writing straight to the terminal
 * around curses, and the UI's monotonic clock.
 */
#ifndef NR_UI_TERM_H
#define NR_UI_TERM_H

#include <stdbool.h>

/* Write s to stdout's file descriptor, after flushing stdio so it lands
 * after curses' last frame; retries on EINTR and short writes. Returns
 * false when the terminal would not take all of it. */
bool term_write(const char *s);

/* Milliseconds on the monotonic clock (for timers, not dates). */
long long term_now_ms(void);

#endif
