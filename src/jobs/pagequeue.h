/*
 * The queue of full-text pages waiting for a slot: pages go to the fetcher
 * a few per host at a time (per_host in flight), so a feed of 50 summaries
 * never fills the fetcher's slots of one site, and a site that answered
 * 429/503 with Retry-After gets no further page before that time (its
 * waiting pages are dropped; a later reload asks again). Used by the
 * driver on the caller's thread.
 */
#ifndef NR_JOBS_PAGEQUEUE_H
#define NR_JOBS_PAGEQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "jobs/pagejob.h"

/* Opaque; page_queue_new() creates it, page_queue_free() frees it. */
struct page_queue;
/* max_body: the pages' size cap (page_job_submit()). */
struct page_queue *page_queue_new(unsigned per_host, size_t max_body);
void page_queue_free(struct page_queue **q);

enum page_queue_add {
	PAGE_QUEUE_ADDED,
	PAGE_QUEUE_ALREADY,	/* queued or in flight already */
	PAGE_QUEUE_HOST_WAITS,	/* the host said to wait: *until tells */
	PAGE_QUEUE_BAD_URL,	/* not http(s) */
};
/* Queue the page (url copied); first: before the others (the user waits
 * for it). until (may be NULL) receives the host's Retry-After time. */
enum page_queue_add page_queue_add(struct page_queue *q, int64_t item_id, const char *url,
    bool first, time_t now, time_t *until);
/* Submit what may go now to f, the jobs writing with s. */
void page_queue_run(struct page_queue *q, struct fetcher *f, struct store *s, time_t now);
/* A page job ended (its slot is free again; a Retry-After blocks its host). */
void page_queue_done(struct page_queue *q, const struct page_job_result *r);
/* Pages in flight (submitted, not done). */
size_t page_queue_in_flight(const struct page_queue *q);
/* Pages queued or in flight. */
size_t page_queue_busy(const struct page_queue *q);
/* Whether item_id's page is queued or in flight. */
bool page_queue_has(const struct page_queue *q, int64_t item_id);
/* The host[:port] of an http(s) URL, lower-cased (caller frees), or NULL. */
char *page_url_host(const char *url);

#endif
