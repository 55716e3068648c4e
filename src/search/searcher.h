/*
 * Search off the UI thread (issue 18). A common word on a cache of a
 * million items takes about a second to rank; run on the UI thread that
 * froze the keys. The searcher is one worker thread with its own read-only
 * connection to the cache (WAL lets it read while others write). It runs
 * one query at a time; a new query, or searcher_cancel(), stops the one
 * running at once (SQLite's progress handler). Each query is answered in
 * steps: first a provisional ranking of the newest matches (fast however
 * many there are), then, unless that already held every match, the
 * ranking of every match. A step goes into a
 * queue and one byte onto a pipe whose read end the caller polls.
 */
#ifndef NR_SEARCH_SEARCHER_H
#define NR_SEARCH_SEARCHER_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Opaque; searcher_new() creates it, searcher_free() stops and frees it. */
struct searcher;

/* One step of an answer; the caller frees it with search_result_free(). */
struct search_result {
	unsigned gen;		/* the searcher_start() it answers */
	bool final;		/* every match ranked; else the newest only */
	int64_t waiting;	/* items not yet indexed when it ran (-1: unknown) */
	struct store_search_hits hits;
	char *error;		/* NULL, or why the search failed (then final) */
};
void search_result_free(struct search_result *r);

/* How many of the newest matches the provisional step ranks. */
#define SEARCHER_FIRST_MATCHES 1000

/* The worker for the cache at db_path (copied); it opens its connection
 * on the first query. NULL with *err (caller frees) when no thread. */
struct searcher *searcher_new(const char *db_path, char **err);
/* Stop the worker (a running query is interrupted), join it, free; NULL-safe. */
void searcher_free(struct searcher **sr);
/* The size of the provisional step (default SEARCHER_FIRST_MATCHES);
 * before the first searcher_start(). For tests. */
void searcher_set_first_matches(struct searcher *sr, size_t n);
/* Readable when a result waits; take them with searcher_take(). */
int searcher_fd(const struct searcher *sr);
/* Search for query (copied), stopping any query still running; returns
 * the generation its results carry. */
unsigned searcher_start(struct searcher *sr, const char *query);
/* Stop the running query and drop its results (the user left). */
void searcher_cancel(struct searcher *sr);
/* The next result of the latest query, or NULL (results of an older or
 * cancelled query are dropped here). Drains the pipe. */
struct search_result *searcher_take(struct searcher *sr);

#endif
