/*
 * The page queue (pagequeue.h): a FIFO of waiting pages, the pages in
 * flight, and the hosts told to wait. Sizes are a few hundred at most (one
 * reload's short items), so lists are scanned linearly.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jobs/pagequeue.h"
#include "util/xalloc.h"

struct pq_entry {
	int64_t item_id;
	char *url;
	char *host;
};

struct pq_wait {
	char *host;
	time_t until;
};

struct page_queue {
	unsigned per_host;
	size_t max_body;
	struct pq_entry *queued, *flying;
	size_t nqueued, aqueued, nflying, aflying;
	struct pq_wait *waits;
	size_t nwaits;
};

char *
page_url_host(const char *url)
{
	const char *p, *end, *at;
	char *h;

	if (!page_url_ok(url))
		return NULL;
	p = strstr(url, "://") + 3;
	end = p + strcspn(p, "/?#");
	/* user:password@ is not part of the host. */
	at = memchr(p, '@', (size_t)(end - p));
	if (at != NULL)
		p = at + 1;
	h = xstrndup(p, (size_t)(end - p));
	for (char *c = h; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	return h;
}

struct page_queue *
page_queue_new(unsigned per_host, size_t max_body)
{
	struct page_queue *q = xcalloc(1, sizeof *q);

	q->max_body = max_body;
	q->per_host = per_host > 0 ? per_host : 1;
	return q;
}

static void
entry_clear(struct pq_entry *e)
{
	free(e->url);
	free(e->host);
}

void
page_queue_free(struct page_queue **qp)
{
	struct page_queue *q = *qp;

	if (q == NULL)
		return;
	for (size_t i = 0; i < q->nqueued; i++)
		entry_clear(&q->queued[i]);
	for (size_t i = 0; i < q->nflying; i++)
		entry_clear(&q->flying[i]);
	for (size_t i = 0; i < q->nwaits; i++)
		free(q->waits[i].host);
	free(q->queued);
	free(q->flying);
	free(q->waits);
	free(q);
	*qp = NULL;
}

bool
page_queue_has(const struct page_queue *q, int64_t item_id)
{
	for (size_t i = 0; i < q->nqueued; i++)
		if (q->queued[i].item_id == item_id)
			return true;
	for (size_t i = 0; i < q->nflying; i++)
		if (q->flying[i].item_id == item_id)
			return true;
	return false;
}

/* When host may be asked again (0: now). */
static time_t
host_wait(const struct page_queue *q, const char *host, time_t now)
{
	for (size_t i = 0; i < q->nwaits; i++)
		if (strcmp(q->waits[i].host, host) == 0 && q->waits[i].until > now)
			return q->waits[i].until;
	return 0;
}

enum page_queue_add
page_queue_add(struct page_queue *q, int64_t item_id, const char *url, bool first,
    time_t now, time_t *until)
{
	char *host = page_url_host(url);
	time_t w;

	if (host == NULL)
		return PAGE_QUEUE_BAD_URL;
	if (page_queue_has(q, item_id)) {
		free(host);
		return PAGE_QUEUE_ALREADY;
	}
	if ((w = host_wait(q, host, now)) != 0) {
		if (until != NULL)
			*until = w;
		free(host);
		return PAGE_QUEUE_HOST_WAITS;
	}
	if (q->nqueued == q->aqueued) {
		q->aqueued = q->aqueued ? q->aqueued * 2 : 16;
		q->queued = xreallocarray(q->queued, q->aqueued, sizeof *q->queued);
	}
	if (first) {
		memmove(q->queued + 1, q->queued, q->nqueued * sizeof *q->queued);
		q->queued[0] = (struct pq_entry){ item_id, xstrdup(url), host };
	} else
		q->queued[q->nqueued] = (struct pq_entry){ item_id, xstrdup(url), host };
	q->nqueued++;
	return PAGE_QUEUE_ADDED;
}

static unsigned
flying_to(const struct page_queue *q, const char *host)
{
	unsigned n = 0;

	for (size_t i = 0; i < q->nflying; i++)
		n += strcmp(q->flying[i].host, host) == 0;
	return n;
}

void
page_queue_run(struct page_queue *q, struct fetcher *f, struct store *s, time_t now)
{
	size_t i = 0;

	while (i < q->nqueued) {
		struct pq_entry e = q->queued[i];

		if (host_wait(q, e.host, now) != 0) {
			/* Told to wait: this round asks no more of it. */
			entry_clear(&e);
		} else if (flying_to(q, e.host) >= q->per_host) {
			i++;
			continue;
		} else {
			if (q->nflying == q->aflying) {
				q->aflying = q->aflying ? q->aflying * 2 : 16;
				q->flying = xreallocarray(q->flying, q->aflying, sizeof *q->flying);
			}
			q->flying[q->nflying++] = e;
			page_job_submit(f, s, e.item_id, e.url, q->max_body);
		}
		memmove(q->queued + i, q->queued + i + 1, (q->nqueued - i - 1) * sizeof *q->queued);
		q->nqueued--;
	}
}

void
page_queue_done(struct page_queue *q, const struct page_job_result *r)
{
	for (size_t i = 0; i < q->nflying; i++) {
		struct pq_entry *e = &q->flying[i];

		if (e->item_id != r->item_id)
			continue;
		if (r->retry_after != 0) {
			size_t k;
			for (k = 0; k < q->nwaits; k++)
				if (strcmp(q->waits[k].host, e->host) == 0)
					break;
			if (k == q->nwaits) {
				q->waits = xreallocarray(q->waits, q->nwaits + 1, sizeof *q->waits);
				q->waits[q->nwaits++].host = xstrdup(e->host);
			}
			q->waits[k].until = r->retry_after;
		}
		entry_clear(e);
		q->flying[i] = q->flying[--q->nflying];
		return;
	}
}

size_t
page_queue_busy(const struct page_queue *q)
{
	return q->nqueued + q->nflying;
}

size_t
page_queue_in_flight(const struct page_queue *q)
{
	return q->nflying;
}
