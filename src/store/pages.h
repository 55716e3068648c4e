/*
 * Full-text pages (schema version 9, table pages): the article of an item's
 * web page, extracted (src/extract) and kept with the item so it reads
 * offline, or the reason the last try failed and when to try again.
 *
 * Strings in the structs below are owned by the struct and freed by its
 * *_clear function.
 */
#ifndef NR_STORE_PAGES_H
#define NR_STORE_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

/* A failed page waits PAGE_BACKOFF_FIRST seconds, doubled at each further
 * failure up to PAGE_BACKOFF_MAX; a server's Retry-After wins when later. */
#define STORE_PAGE_BACKOFF_FIRST (10 * 60)
#define STORE_PAGE_BACKOFF_MAX (24 * 60 * 60)

struct store_page {
	int64_t item_id;
	char *url;		/* the page asked for */
	bool ok;		/* extracted; else the last try failed */
	char *title;		/* ok: the page's title; may be NULL */
	char *html;		/* ok: the article as HTML (no title heading) */
	char *reason;		/* failed: one line */
	int attempts;		/* failures since the last success */
	time_t fetched_at;	/* the last try */
	time_t next_attempt;	/* failed: not before this (0: any time) */
};
void store_page_clear(struct store_page *p);

/* The item's page: 0 (*out filled; caller clears), 1 when none is stored
 * (*out zeroed), -1 on error. */
int store_page_get(struct store *s, int64_t item_id, struct store_page *out);
/* Keep an extracted page (replaces a failed one). Own transaction unless
 * one is open. 0 or -1. */
int store_page_put_ok(struct store *s, int64_t item_id, const char *url,
    const char *title, const char *html, time_t now);
/* Record a failure: attempts + 1, next_attempt from the backoff (or
 * retry_after when later). An extracted page is never replaced by a
 * failure. 0 or -1. */
int store_page_put_failed(struct store *s, int64_t item_id, const char *url,
    const char *reason, time_t now, time_t retry_after);

/* An item whose page may be fetched. */
struct store_page_want {
	int64_t item_id;
	char *url;		/* the item's link */
	char *content, *summary;	/* the feed's text (HTML); may be NULL */
};
/*
 * Up to max items of the feed, newest first, with an http(s) link, no
 * extracted page, and no failed one waiting past now. *out is a new array
 * of *n entries; free with store_page_wants_free(). 0 or -1.
 */
int store_pages_wanted(struct store *s, int64_t feed_id, time_t now, size_t max,
    struct store_page_want **out, size_t *n);
void store_page_wants_free(struct store_page_want **v, size_t n);
/* Extracted pages of the feed (all feeds when feed_id < 0), or -1. */
int64_t store_pages_count(struct store *s, int64_t feed_id);

#endif
