/*
 * Full-text page jobs: the web page of one item downloaded (http/https
 * only, under the fetcher's caps, timeouts and per-host limits, at most
 * PAGE_MAX_BODY), its article extracted (src/extract) on the fetch thread
 * and stored with the item (store/pages.h) in a short transaction on the
 * connection the job was given; a failure is stored with its reason and the
 * backoff. Each job ends in one FETCH_EV_JOB event, tag JOB_PAGE, url the
 * page's URL, message the failure reason (or NULL), data a struct
 * page_job_result.
 *
 * Which items want their page: the `full-text` setting, globally or per
 * feed with a `full-text:yes|no|auto` tag in the urls file (page_mode());
 * auto asks for pages of items whose own text is short or a cut summary
 * (page_wanted()).
 */
#ifndef NR_JOBS_PAGEJOB_H
#define NR_JOBS_PAGEJOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fetch/fetch.h"

struct store;

/* Largest page downloaded (decoded bytes). */
#define PAGE_MAX_BODY ((size_t)8 << 20)
/* auto: an item whose own text has fewer characters wants its page. */
#define PAGE_AUTO_MIN_CHARS 500
/* An extracted article with less text than this is no article (a paywall,
 * a consent wall): the page fails and the feed's text stays. */
#define PAGE_MIN_CHARS 140

/* The values of config_full_text (config/settings.h), in its order. */
enum page_mode { PAGE_MODE_NO, PAGE_MODE_YES, PAGE_MODE_AUTO };

/* A feed's mode: its last `full-text:MODE` tag (tags space-separated, may
 * be NULL), else global. */
enum page_mode page_mode(enum page_mode global, const char *tags);
/* Whether an item with this content and summary (HTML, may be NULL) wants
 * its page under mode. */
bool page_wanted(enum page_mode mode, const char *content, const char *summary);
/* Characters of text in html (tags skipped, entities and blank runs count
 * one). */
size_t page_text_chars(const char *html);
/* http:// or https:// with a host. */
bool page_url_ok(const char *url);

/* A page job's result; owned by its event. */
struct page_job_result {
	int64_t item_id;
	char *url;
	bool ok;		/* extracted and stored */
	char *error;		/* !ok: one line, also stored */
	time_t retry_after;	/* absolute (429/503); 0 = none */
	bool stopped;		/* cut short by the fetcher stopping: nothing stored */
};

/*
 * Queue the page of item_id at url, at most max_body bytes (0:
 * PAGE_MAX_BODY). s: the connection the job writes with, used on the fetch
 * thread only (borrowed: keep it open until the fetcher is stopped).
 */
void page_job_submit(struct fetcher *f, struct store *s, int64_t item_id,
    const char *url, size_t max_body);
/* The result of a page job's event (borrowed from ev), or NULL. */
const struct page_job_result *page_job_result(const struct fetch_event *ev);

#endif
