/* The terminal's life cycle around the session (tui.c). */
#ifndef NR_UI_TUI_H
#define NR_UI_TUI_H

struct app;

/* Ctrl-Z: give the terminal back (CSI 8 h too), stop, and take it again
 * (CSI 8 l, bracketed paste, a full repaint) after fg. */
void tui_suspend(struct app *app);
/* SIGCONT however we were stopped: the terminal modes and the screen. */
void tui_continued(struct app *app);

#endif
