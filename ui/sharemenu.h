/*
 * Sharing an article (DESIGN.md section 6): a small menu over the bottom of
 * the screen (copy the link, copy "[title](url)", a share intent in the
 * browser, the user's share-command or bookmark-command) and the actions
 * behind it, also used by `S` (repost).
 *
 * Copying writes an OSC 52 sequence straight to the terminal, between
 * curses' frames. Inside tmux ($TMUX set) it is written twice: plain, which
 * tmux takes into its paste buffer and passes on when `set -s
 * set-clipboard on`, and wrapped for passthrough, which reaches the outer
 * terminal when `set -g allow-passthrough on`; the status line says so.
 * Only http and https links are opened or handed to commands; commands run
 * by argv (src/share), never through a shell.
 */
#ifndef NR_UI_SHAREMENU_H
#define NR_UI_SHAREMENU_H

#include <stdbool.h>

struct app;

/* Opaque; sharemenu_new() makes it (copying url and title), sharemenu_free(). */
struct sharemenu;
struct sharemenu *sharemenu_new(struct app *app, const char *url, const char *title);
void sharemenu_free(struct sharemenu **m);
/* Feed a key; false when the menu is done (chosen or cancelled). */
bool sharemenu_key(struct sharemenu *m, struct app *app, int key);
/* Paint over the bottom of the content area [y, y + h) of width w. */
void sharemenu_draw(struct sharemenu *m, int y, int h, int w);

/* Put text on the terminal's clipboard; what names it ("link"). */
void share_copy(struct app *app, const char *text, const char *what);
/* Run a configured command (argv with %u/%t) detached; name is its
 * setting ("share-command"). */
void share_run(struct app *app, char *const *cmd, const char *name, const char *url,
    const char *title);

#endif
