/*
 * Full-text page jobs (pagejob.h): one item's web page downloaded into a
 * buffer, extracted when the transfer ends, and the result (article or
 * failure) written in one short transaction on the fetch thread's
 * connection. Nothing is written while the page downloads.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "jobs/jobs.h"
#include "jobs/pagejob.h"
#include "store/pages.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

enum page_mode
page_mode(enum page_mode global, const char *tags)
{
	enum page_mode m = global;
	const char *p = tags;

	while (p != NULL && *p != '\0') {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n > 10 && strncasecmp(p, "full-text:", 10) == 0) {
			if (n == 13 && strncasecmp(p + 10, "yes", 3) == 0)
				m = PAGE_MODE_YES;
			else if (n == 12 && strncasecmp(p + 10, "no", 2) == 0)
				m = PAGE_MODE_NO;
			else if (n == 14 && strncasecmp(p + 10, "auto", 4) == 0)
				m = PAGE_MODE_AUTO;
		}
		p += n;
	}
	return m;
}

size_t
page_text_chars(const char *html)
{
	size_t n = 0;
	bool blank = true;

	for (const char *p = html; p != NULL && *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '<') {
			const char *e = strchr(p, '>');
			if (e == NULL)
				break;
			p = e;
			continue;
		}
		if (isspace(c)) {
			if (!blank)
				n++;
			blank = true;
			continue;
		}
		blank = false;
		if (c == '&') {
			/* An entity is one character. */
			size_t k = strspn(p + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
			if (k > 0 && p[1 + k] == ';')
				p += k + 1;
		}
		if ((c & 0xC0) != 0x80)
			n++;
	}
	return n;
}

/* A summary that stops mid-thought: "...", "…", "[…]", "[...]". */
static bool
cut_short(const char *html)
{
	size_t len = html != NULL ? strlen(html) : 0;
	char tail[32];
	size_t k = 0;

	/* The last few bytes of text, tags and blanks left out. */
	for (size_t i = len; i > 0 && k < sizeof tail - 1; i--) {
		char c = html[i - 1];
		if (c == '>') {
			while (i > 1 && html[i - 1] != '<')
				i--;
			continue;
		}
		if (isspace((unsigned char)c) && k == 0)
			continue;
		tail[sizeof tail - 2 - k++] = c;
	}
	const char *t = tail + sizeof tail - 1 - k;
	tail[sizeof tail - 1] = '\0';
	size_t tl = strlen(t);
	return (tl >= 3 && strcmp(t + tl - 3, "...") == 0) ||
	    (tl >= 3 && strcmp(t + tl - 3, "\xe2\x80\xa6") == 0) ||
	    (tl >= 5 && strcmp(t + tl - 5, "[...]") == 0) ||
	    strstr(t, "\xe2\x80\xa6]") != NULL || strstr(t, "&hellip;") != NULL;
}

bool
page_wanted(enum page_mode mode, const char *content, const char *summary)
{
	bool has_content = content != NULL && *content != '\0';

	switch (mode) {
	case PAGE_MODE_YES:
		return true;
	case PAGE_MODE_NO:
		return false;
	case PAGE_MODE_AUTO:
		break;
	}
	if (page_text_chars(has_content ? content : summary) < PAGE_AUTO_MIN_CHARS)
		return true;
	return !has_content && cut_short(summary);
}

bool
page_url_ok(const char *url)
{
	size_t n;

	if (url == NULL)
		return false;
	if (strncasecmp(url, "http://", 7) == 0)
		n = 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		n = 8;
	else
		return false;
	return url[n] != '\0' && url[n] != '/';
}

struct page_job_data {
	struct store *s;	/* borrowed; the fetch thread's */
	int64_t item_id;
	char *url;
	struct buf body;
	char *final_url, *charset;
};

static void
result_free(void *p)
{
	struct page_job_result *r = p;

	free(r->url);
	free(r->error);
	free(r);
}

const struct page_job_result *
page_job_result(const struct fetch_event *ev)
{
	if (ev->type != FETCH_EV_JOB || ev->tag != JOB_PAGE)
		return NULL;
	return ev->data;
}

/* The job's one event; error (may be NULL) is taken. */
static void
post(struct fetch_job *job, struct page_job_data *d, char *error, time_t retry_after,
    bool stopped)
{
	struct page_job_result *r = xcalloc(1, sizeof *r);
	struct fetch_event ev = {
		.type = FETCH_EV_JOB, .tag = JOB_PAGE, .url = xstrdup(d->url),
		.message = xstrdup_null(error), .data = r, .data_free = result_free,
	};

	r->item_id = d->item_id;
	r->url = xstrdup(d->url);
	r->ok = error == NULL && !stopped;
	r->error = error;
	r->retry_after = retry_after;
	r->stopped = stopped;
	fetch_job_post(job, &ev);
}

static int
page_body_start(struct fetch_job *job, void *ud, const struct fetch_response *r)
{
	struct page_job_data *d = ud;
	const char *ct = r->content_type;

	/* A page with no type is tried; a PDF, an image or a feed is not. */
	if (ct != NULL) {
		size_t n = strcspn(ct, "; \t");
		if (!(n == 9 && strncasecmp(ct, "text/html", 9) == 0) &&
		    !(n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0)) {
			fetch_job_fail(job, "not a web page (%.*s)", (int)(n > 60 ? 60 : n), ct);
			return -1;
		}
	}
	free(d->final_url);
	free(d->charset);
	d->final_url = xstrdup_null(r->url);
	d->charset = xstrdup_null(r->charset);
	return 0;
}

static int
page_body(struct fetch_job *job, void *ud, const char *data, size_t len)
{
	struct page_job_data *d = ud;

	(void)job;
	/* The transfer's own cap (PAGE_MAX_BODY) fails it first. */
	buf_append(&d->body, data, len);
	return 0;
}

/* The article part of extract's HTML: its leading <h1> title goes (the
 * article view shows the item's title above the text). */
static const char *
without_title(const char *html)
{
	if (strncmp(html, "<h1", 3) == 0) {
		const char *e = strstr(html, "</h1>");
		if (e != NULL) {
			e += 5;
			while (*e == '\n')
				e++;
			return e;
		}
	}
	return html;
}

static char *
extract_and_store(struct page_job_data *d)
{
	struct extract_opts eo = { d->final_url != NULL ? d->final_url : d->url, d->charset };
	struct extract_article *a;
	char *err = NULL;
	size_t chars;

	a = extract_page(d->body.data != NULL ? d->body.data : "", d->body.len, &eo, &err);
	if (a == NULL)
		return err != NULL ? err : xstrdup("no article found");
	chars = page_text_chars(a->text) - page_text_chars(a->title);
	if (chars < PAGE_MIN_CHARS) {
		extract_article_free(&a);
		return xasprintf("no article on the page (%zu characters of text)", chars);
	}
	if (store_page_put_ok(d->s, d->item_id, d->url, a->title[0] != '\0' ? a->title : NULL,
	    without_title(a->html), time(NULL)) != 0)
		err = xasprintf("cache: %s", store_errreason(d->s));
	extract_article_free(&a);
	return err;
}

static void
page_done(struct fetch_job *job, void *ud, const struct fetch_response *r, const char *error)
{
	struct page_job_data *d = ud;
	time_t retry_after = 0;
	char *reason;

	if (error != NULL && fetch_job_stopping(job)) {
		/* Not the page's fault: nothing recorded. */
		post(job, d, NULL, 0, true);
		return;
	}
	if (error != NULL) {
		reason = xstrdup(error);
		if (r->status == 429 || r->status == 503)
			retry_after = r->retry_after;
	} else
		reason = extract_and_store(d);
	buf_free(&d->body);
	if (reason != NULL && strncmp(reason, "cache: ", 7) != 0)
		store_page_put_failed(d->s, d->item_id, d->url, reason, time(NULL), retry_after);
	post(job, d, reason, retry_after, false);
}

static void
page_free(void *ud)
{
	struct page_job_data *d = ud;

	if (d == NULL)
		return;
	buf_free(&d->body);
	free(d->url);
	free(d->final_url);
	free(d->charset);
	free(d);
}

static const struct fetch_job_ops page_job_ops = {
	.on_body_start = page_body_start,
	.on_body = page_body,
	.on_done = page_done,
	.free_ud = page_free,
};

void
page_job_submit(struct fetcher *f, struct store *s, int64_t item_id, const char *url,
    size_t max_body)
{
	struct page_job_data *d = xcalloc(1, sizeof *d);
	struct fetch_request req = { .url = url,
	    .max_body = max_body != 0 && max_body < PAGE_MAX_BODY ? max_body : PAGE_MAX_BODY };

	d->s = s;
	d->item_id = item_id;
	d->url = xstrdup(url);
	buf_init(&d->body, 0);
	fetcher_submit(f, &req, &page_job_ops, d);
}
