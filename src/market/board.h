/*
 * The market panel's model (no curses, no store): every source's last good
 * list with when it was fetched and why its last refresh failed, the tokens
 * of all sources in one sorted list with a selection that stays on its
 * token through re-sorts and reloads, a window of rows that keeps the
 * selection in view, and what each row and the header show at a given
 * width (the formatted strings and their columns, mirrored in a
 * right-to-left UI). ui/panel.c reads the cache into it and paints what it
 * says; tests/market_board_test.c checks it without a terminal.
 *
 * Each token is two rows: symbol, name, market cap; holders, sparkline,
 * 24 h change. Amounts are trusted ASCII (plus ▲▼ and sparkline blocks)
 * laid out left to right in fields of their own, so "$3.53K" keeps its
 * order next to an Arabic name; symbols and names are fetched text the
 * painter lays out as untrusted fields.
 */
#ifndef NR_MARKET_BOARD_H
#define NR_MARKET_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "market/format.h"
#include "market/market.h"
#include "market/source.h"

/* Opaque; market_board_new() makes it, market_board_free() frees it. */
struct market_board;

/* One board for the sources srcs (read once: the labels; not kept). Every
 * source starts with an empty list, never fetched. */
struct market_board *market_board_new(const struct market_sources *srcs);
void market_board_free(struct market_board **bp);

size_t market_board_nsources(const struct market_board *b);
/* The header's name of source i: "demo", its name=, the API's name, or the
 * host (the file name for file://) of a generic URL. Owned by b. */
const char *market_board_label(const struct market_board *b, size_t i);

/*
 * Source i's last good list (taken; NULL keeps the one before, so a cache
 * read error never blanks it) fetched at updated (0 = never). Call
 * market_board_rebuild() after the sources changed.
 */
void market_board_set_list(struct market_board *b, size_t i, struct market_list *list,
    time_t updated);
/* Why source i's last refresh failed (copied), or NULL when it worked. */
void market_board_set_error(struct market_board *b, size_t i, const char *error);
const char *market_board_error(const struct market_board *b, size_t i);
/*
 * The failure of source i to announce: its error when it is new since the
 * last call (or differs from what was said), else NULL; a recovery
 * forgets what was said, so the same failure later is said again.
 */
const char *market_board_news(struct market_board *b, size_t i);

/* The tokens of every source, sorted; the selection stays on its token
 * (source and id); a vanished token leaves it on the first row. Drops the
 * history of every token. */
void market_board_rebuild(struct market_board *b);
size_t market_board_count(const struct market_board *b);
/* Token k (< count), borrowed from its source's list; NULL past the end. */
const struct market_ticker *market_board_ticker(const struct market_board *b, size_t k);
/* The index of token k's source (in the srcs given to market_board_new). */
size_t market_board_source_of(const struct market_board *b, size_t k);
/* Token k's trend for the sparkline (oldest first; NaN = missing): taken. */
void market_board_set_history(struct market_board *b, size_t k, double *v, size_t n);
/* True when a history has a value to draw (else the caller tries another). */
bool market_history_usable(const double *v, size_t n);

/* Sorting: the key, its ui_state name ("cap") and its words ("market cap"). */
enum market_sort market_board_sort(const struct market_board *b);
void market_board_set_sort(struct market_board *b, enum market_sort key);
/* The next key in the panel's cycle (cap, change, holders), applied. */
enum market_sort market_board_next_sort(struct market_board *b);
const char *market_sort_state(enum market_sort key);
const char *market_sort_label(enum market_sort key);
/* false for an unknown name. */
bool market_sort_from_state(const char *name, enum market_sort *key);

/* The selection: a row index, 0 with no tokens. */
enum market_board_move {
	MARKET_MOVE_UP, MARKET_MOVE_DOWN, MARKET_MOVE_PAGE_UP, MARKET_MOVE_PAGE_DOWN,
	MARKET_MOVE_TOP, MARKET_MOVE_BOTTOM,
};
size_t market_board_cursor(const struct market_board *b);
/* page: tokens per page (at least 1). */
void market_board_move(struct market_board *b, enum market_board_move how, size_t page);
const struct market_ticker *market_board_selected(const struct market_board *b);
/* The first token to show when visible tokens fit: the window moves only as
 * far as needed to show the selection and never shows blank rows at the
 * end that tokens could fill. */
size_t market_board_scroll(struct market_board *b, size_t visible);

/* A piece of a row at columns [x, x + w) of the panel's inner width;
 * text NULL (or w <= 0) when there is nothing to paint. */
struct market_field {
	const char *text;
	int x, w;
};

/* What one token's two rows show (market_board_row). The trusted strings
 * live in the struct: do not copy it; market_row_clear() frees it. */
struct market_row {
	/* Row 1. Fetched text, to lay out as untrusted fields. */
	struct market_field symbol, name;
	struct market_field cap;	/* "$3.53K" */
	/* Row 2. */
	struct market_field holders;	/* "15.2K holders", "1 holder", "128 hold.", "128" */
	struct market_field spark;	/* at most 12 cells */
	struct market_field change;	/* "+4.20% ▲" */
	int change_dir;			/* 1 up, -1 down, 0 flat (the colour) */
	char cap_s[MARKET_FMT_SIZE], holders_s[MARKET_FMT_SIZE + 16], change_s[MARKET_FMT_SIZE];
	char *spark_s;
};

/*
 * Token k's rows in w columns. Left to right: symbol, name, cap / holders,
 * sparkline, change; mirrored when rtl (the cap and the change at the left).
 * The name gets what is left and is cut; the holders' label shortens
 * before the sparkline drops below 4 cells. flags: MARKET_FMT_ASCII.
 */
void market_board_row(const struct market_board *b, size_t k, int w, bool rtl, int flags,
    struct market_row *r);
void market_row_clear(struct market_row *r);

/* The panel's two header rows. */
struct market_header {
	char label[64];		/* the one source's label, or "3 sources" */
	bool failed;		/* a source's last refresh failed: the "!" */
	char status[128];	/* "2 min ago · by market cap" (the oldest data's age) */
};
/* online: new data can come (else "no data yet" before any data, not
 * "loading"). */
void market_board_header(const struct market_board *b, time_t now, bool online, int flags,
    struct market_header *h);

#endif
