/*
 * The interactive reader's state, shared by the files of ui/. One struct
 * app lives for the whole session on the UI thread (the only thread that
 * touches curses or this struct). Views (view.h) form a stack: feeds ->
 * articles -> article, with help, search results and the error list pushed
 * on top. This header knows no view: each has its own header.
 */
#ifndef NR_UI_APP_H
#define NR_UI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cli.h"
#include "keymap.h"
#include "share/notify.h"
#include "prompt.h"
#include "view.h"

struct app;

#define APP_MAX_VIEWS 16

struct app {
	const struct cli_globals *g;
	struct app_config *cfg;		/* config, urls, paths, using_demo */
	struct keymap *km;
	struct lock *lock;
	struct store *store;		/* the UI thread's connection */
	bool readonly;			/* the cache was opened read-only (tui.c) */
	bool cache_gone;		/* the cache file was removed (loop.c) */
	char *readonly_why;		/* "cache is read-only (no space left on device)" */
	/* Warnings of the config and urls files at start ("urls:3: unsupported
	 * URL ... (line skipped)"): said before the screen opens, then in the
	 * status line and the errors view. Owned; freed with the config. */
	char **skipped;
	size_t nskipped;
	/* The browser last started: its exit status arrives on browser_fd
	 * (-1: none watched), said when it failed (app_browser_ended). */
	int browser_fd;
	char *browser_prog;
	struct recovery *lost;		/* changes the cache refused (recovery.h) */
	unsigned state_lost;		/* positions the cache refused (not in lost) */
	bool state_said;		/* ... and the status line said so once */
	bool index_pending;		/* search index catch-up has work (loop.c) */
	bool cleanup_pending;		/* max-items cleanup has more to remove (loop.c) */
	long long index_retry_ms;	/* after a failed catch-up: not before this */
	struct fetcher *fetch;		/* NULL when offline */
	struct driver *driver;		/* the background jobs (src/driver) */
	struct searcher *searcher;	/* the search thread; NULL until a search */
	struct indexer *indexer;	/* the index catch-up thread; NULL until needed */
	bool indexer_failed;		/* none could be had: the loop indexes (loop.c) */
	unsigned search_gen;		/* the search it runs now (searcher_start) */
	/* Kill rules in ignore-mode display (owned, NULL: none): every list
	 * leaves out the articles that match. */
	struct filter *hide;
	struct status *status;
	int sig_pipe[2];		/* written by signal handlers and the log sink */
	bool utf8;			/* the locale's codeset is UTF-8 */
	bool curses_up;
	SCREEN *scr;
	bool bidi_app;			/* we wrote CSI 8 l and owe CSI 8 h */
	bool rtl;			/* ui-direction: mirrored chrome, panel on the left */
	struct panel *panel;		/* the market panel (panel.h); NULL: no source */
	struct engage *engage;		/* like, share, comments, composer (engage.h) */
	struct download_queue *downloads;	/* enclosure downloads (downloads.h); NULL until used */

	struct view *views[APP_MAX_VIEWS];
	int nviews;
	struct prompt prompt;

	bool quit;
	int exit_code;
	char *fatal;			/* printed after the terminal is restored */
	bool dirty;			/* repaint before the next poll */
	bool data_changed;		/* views refresh before the next paint */
	int rows, cols;

	/* show-read-feeds / show-read-articles, switched by
	 * toggle-show-read-feeds in the feed list or an article list. */
	bool show_read_feeds, show_read_articles;
	/* macro.c: ',' was pressed and the next key names the macro. */
	bool macro_pending;
	/* Feeds with new articles in the current reload batch (loop.c): said
	 * by notify-program and notify-osc when the batch ends. */
	struct notify_batch notify;

	/* The current reload batch is the status line's (status_reload()). */
	time_t next_auto_reload;	/* 0 = off */
	long auto_reload_s;		/* the interval (auto-reload, in seconds) */
};

/* Views. */
void app_push(struct app *app, struct view *v);
/* Pop the top view (saving its position); quit when it was the last. */
void app_pop(struct app *app);
struct view *app_top(struct app *app);
/* Leave the main loop with this exit code (fatal: message for stderr). */
void app_quit(struct app *app, int code, const char *fatal);

/* Reload the given URLs; or everything: every feed of the urls file with
 * the tickers and comment feeds that are due (the driver's reload). */
void app_reload(struct app *app, const char *const *urls, size_t n);
void app_reload_all(struct app *app);
/* Open url in the browser, reporting problems in the status line. */
void app_open_url(struct app *app, const char *url);
/* The watched browser's status arrived (or its pipe closed): say a failure. */
void app_browser_ended(struct app *app);
/* Stop watching the browser (at exit, or when another one starts). */
void app_browser_forget(struct app *app);
/* "not yet available" for the reserved actions. */
void app_not_yet(struct app *app, enum action a);

/* The user's writes go straight to the cache (no transaction anywhere is
 * held across slow work, so the ordinary busy timeout is short enough).
 * One that fails returns false, says so in the status line with the
 * reason until the next key (app_write_failed), and is kept for the
 * recovery file (recovery.h): the caller keeps showing the stored state. */
bool app_item_read(struct app *app, int64_t item_id, bool read);
bool app_feed_read(struct app *app, int64_t feed_id);
bool app_item_liked(struct app *app, int64_t item_id, bool liked);
/* "WHAT not saved: REASON" (the store's last error, in a person's words),
 * held in the status line until the next key. */
void app_write_failed(struct app *app, const char *what);
/* The last write error of the UI's connection in a person's words. */
const char *app_write_reason(struct app *app);

/* ui_state helpers: keys are short ASCII names. */
char *app_state_get(struct app *app, const char *key);
void app_state_put(struct app *app, const char *key, const char *value);

#endif
