/*
 * The pure rules of commenting: which endpoint serves a feed, the
 * WordPress post id of an article, the REST URL and request body, the
 * retry schedule, failure reasons, and the Application Password.
 * No store, no network: table-driven tests cover each function.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "comments/comments-int.h"
#include "sync/sync.h"
#include "util/json.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const struct config_comment_endpoint *
comments_endpoint_for(const struct config *cfg, const char *feed_url)
{
	const struct config_comment_endpoint *best = NULL;
	size_t best_len = 0;

	if (cfg == NULL || feed_url == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->ncomment_endpoints; i++) {
		const struct config_comment_endpoint *ep = &cfg->comment_endpoints[i];
		size_t n = strlen(ep->feed_prefix);
		if (strncmp(feed_url, ep->feed_prefix, n) == 0 && (best == NULL || n > best_len)) {
			best = ep;
			best_len = n;
		}
	}
	return best;
}

void
comments_limit_for(const struct config *cfg, const char *feed_url, int *limit, int *unit)
{
	const struct config_comment_endpoint *ep = comments_endpoint_for(cfg, feed_url);

	*limit = cfg != NULL ? cfg->comment_limit : 400;
	*unit = cfg != NULL ? cfg->comment_unit : CONFIG_UNIT_CLUSTERS;
	if (ep != NULL && ep->limit > 0)
		*limit = ep->limit;
	if (ep != NULL && ep->unit >= 0)
		*unit = ep->unit;
}

/* The value of query parameter p= or page_id= in url, or -1. */
static int64_t
query_post_id(const char *url)
{
	const char *q;

	if (url == NULL)
		return -1;
	q = url + strcspn(url, "?#");
	if (*q != '?')
		return -1;
	q++;
	while (*q != '\0' && *q != '#') {
		size_t len = strcspn(q, "&#");
		const char *v = NULL;

		if (len > 2 && strncmp(q, "p=", 2) == 0)
			v = q + 2;
		else if (len > 8 && strncmp(q, "page_id=", 8) == 0)
			v = q + 8;
		if (v != NULL) {
			size_t dl = (size_t)(q + len - v);
			int64_t id = 0;
			bool ok = dl > 0 && dl <= 15;	/* well inside int64 */
			for (size_t i = 0; ok && i < dl; i++) {
				if (v[i] < '0' || v[i] > '9')
					ok = false;
				else
					id = id * 10 + (v[i] - '0');
			}
			if (ok && id > 0)
				return id;
		}
		q += len;
		if (*q == '&')
			q++;
	}
	return -1;
}

int64_t
comments_wp_post_id(const char *guid, const char *link, const char *comments_feed)
{
	int64_t id;

	if ((id = query_post_id(guid)) > 0)
		return id;
	if ((id = query_post_id(link)) > 0)
		return id;
	return query_post_id(comments_feed);
}

char *
comments_wp_url(const char *base)
{
	size_t end = strcspn(base, "?#");
	const char *query = base[end] == '?' ? base + end + 1 : NULL;
	size_t qlen = query != NULL ? strcspn(query, "#") : 0;

	while (end > 0 && base[end - 1] == '/')
		end--;
	if (query != NULL && qlen > 0)
		return xasprintf("%.*s/wp-json/wp/v2/comments?%.*s", (int)end, base,
		    (int)qlen, query);
	return xasprintf("%.*s/wp-json/wp/v2/comments", (int)end, base);
}

bool
comments_url_secure(const char *url)
{
	static const char *const loopback[] = { "127.0.0.1", "localhost", "[::1]", NULL };
	const char *host;
	size_t n;

	if (strncasecmp(url, "https://", 8) == 0)
		return url[8] != '\0';
	if (strncasecmp(url, "http://", 7) != 0)
		return false;
	host = url + 7;
	n = strcspn(host, "/?#");
	if (memchr(host, '@', n) != NULL)	/* user info: the host comes after it */
		return false;
	if (*host == '[')	/* an IPv6 literal holds colons */
		n = strcspn(host, "]/?#") + (strcspn(host, "]/?#") < n);
	else
		n = strcspn(host, ":/?#");
	for (size_t i = 0; loopback[i] != NULL; i++)
		if (strlen(loopback[i]) == n && strncasecmp(host, loopback[i], n) == 0)
			return true;
	return false;
}

/* text with & < > escaped (new string). */
static char *
html_escape(const char *text, bool quotes)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "");
	for (const char *p = text; *p != '\0'; p++) {
		switch (*p) {
		case '&': buf_append_str(&b, "&amp;"); break;
		case '<': buf_append_str(&b, "&lt;"); break;
		case '>': buf_append_str(&b, "&gt;"); break;
		case '"':
			buf_append_str(&b, quotes ? "&quot;" : "\"");
			break;
		default: buf_append_char(&b, *p); break;
		}
	}
	return buf_detach(&b);
}

char *
comments_wp_json(int64_t post_id, const char *text, const char *name, const char *email)
{
	return comments_wp_json_reply(post_id, 0, text, name, email);
}

char *
comments_wp_json_reply(int64_t post_id, int64_t parent, const char *text, const char *name,
    const char *email)
{
	/* jansson wants valid UTF-8; the sanitizer guarantees it. */
	char *clean = utf8_sanitize(text, strlen(text), UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI,
	    NULL);
	char *content = html_escape(clean, false);
	json_t *o = json_object();
	char *out;

	json_object_set_new(o, "post", json_integer(post_id));
	/* The REST API's parent: the comment this one answers. */
	if (parent > 0)
		json_object_set_new(o, "parent", json_integer(parent));
	json_object_set_new(o, "content", json_string(content));
	if (name != NULL && *name != '\0') {
		char *n = utf8_sanitize(name, strlen(name), 0, NULL);
		json_object_set_new(o, "author_name", json_string(n));
		free(n);
	}
	if (email != NULL && *email != '\0') {
		char *e = utf8_sanitize(email, strlen(email), 0, NULL);
		json_object_set_new(o, "author_email", json_string(e));
		free(e);
	}
	out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	free(content);
	free(clean);
	if (out == NULL)
		abort();	/* only on allocation failure: the one OOM policy */
	char *copy = xstrdup(out);
	free(out);
	return copy;
}

time_t
comments_backoff(int attempts)
{
	time_t d = COMMENTS_BACKOFF_FIRST;

	for (int i = 1; i < attempts && d < COMMENTS_BACKOFF_MAX; i++)
		d *= 2;
	return d < COMMENTS_BACKOFF_MAX ? d : COMMENTS_BACKOFF_MAX;
}

/* The "message" of a WordPress error body, cleaned to one short line; NULL
 * when there is none. */
static char *
wp_message(const char *body)
{
	json_t *root, *m;
	char *msg = NULL;

	if (body == NULL || *body == '\0')
		return NULL;
	root = json_load_fetched(body, strlen(body), JSON_DECODE_ANY, NULL);
	if (root == NULL)
		return NULL;
	m = json_is_object(root) ? json_object_get(root, "message") : NULL;
	if (json_is_string(m) && json_string_length(m) > 0) {
		const char *s = json_string_value(m);
		size_t len = json_string_length(m);
		size_t cut = len;
		if (cut > 200) {
			/* Cut at a character boundary. */
			cut = 200;
			while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
				cut--;
		}
		msg = utf8_sanitize(s, cut, 0, NULL);
		if (*msg == '\0')
			xfree(&msg);
	}
	json_decref(root);
	return msg;
}

char *
comments_http_reason(long status, const char *error, const char *body)
{
	char *msg = status >= 400 ? wp_message(body) : NULL;
	char *r;

	if (msg != NULL) {
		r = xasprintf("HTTP %ld: %s", status, msg);
		free(msg);
		return r;
	}
	if (error != NULL)
		return xstrdup(error);
	return xasprintf("HTTP %ld", status);
}

char *
comments_text_to_html(const char *text)
{
	char *clean = utf8_sanitize(text, strlen(text), UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI,
	    NULL);
	char *esc = html_escape(clean, true);
	struct buf b = BUF_INIT;
	const char *p = esc;

	buf_append_str(&b, "");
	while (*p != '\0') {
		/* Skip blank lines between paragraphs. */
		while (*p == '\n')
			p++;
		if (*p == '\0')
			break;
		buf_append_str(&b, "<p>");
		while (*p != '\0' && !(p[0] == '\n' && p[1] == '\n')) {
			if (*p == '\n') {
				if (p[1] != '\0')
					buf_append_str(&b, "<br>\n");
			} else
				buf_append_char(&b, *p);
			p++;
		}
		buf_append_str(&b, "</p>\n");
	}
	free(esc);
	free(clean);
	return buf_detach(&b);
}

int
comments_read_password(const char *path, char **pw, char **err)
{
	/* The same rules as every other secret: a regular file, not a
	 * symlink, that nobody else can read. */
	return sync_read_password(path, NULL, pw, err);
}

char *
comments_basic_auth(const char *user, const char *password)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *plain = xasprintf("%s:%s", user, password);
	size_t n = strlen(plain), o = 0;
	char *enc = xmalloc(4 * ((n + 2) / 3) + 1);
	char *line;

	/* RFC 7617: base64 of "user:password". */
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)plain[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)plain[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)plain[i + 2];
		enc[o++] = tab[(v >> 18) & 63];
		enc[o++] = tab[(v >> 12) & 63];
		enc[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		enc[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	enc[o] = '\0';
	line = xasprintf("Authorization: Basic %s", enc);
	explicit_bzero(plain, n);
	explicit_bzero(enc, o);
	free(plain);
	free(enc);
	return line;
}

int64_t
comments_shown_count(int64_t hint, int64_t stored)
{
	if (stored <= 0)
		return hint;
	return hint > stored ? hint : stored;
}

/* The "#comment-N" ending of a WordPress comment id, or NULL. */
static const char *
wp_suffix(const char *id)
{
	const char *h = id != NULL ? strrchr(id, '#') : NULL;

	return h != NULL && strncmp(h, "#comment-", 9) == 0 && h[9] != '\0' ? h : NULL;
}

/* The key two ids of one comment share: the "#comment-N" ending when
 * there is one (the host and scheme may differ), else the whole id. */
static const char *
thread_key(const char *id)
{
	const char *h = wp_suffix(id);

	return h != NULL ? h : id;
}

static uint64_t
fold_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211ull;
	return h;
}

void
comments_thread_order(const char *const *ids, const char *const *parents, size_t n,
    size_t *order, int *depth)
{
	/* A hash of the keys (open addressing; slot holds index + 1), then
	 * child lists in date order, then a depth-first walk: linear, for
	 * feeds of thousands of comments. */
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	size_t *slot = xcalloc(cap, sizeof *slot);
	size_t *parent = xreallocarray(NULL, n + 1, sizeof *parent);
	size_t *first = xreallocarray(NULL, n + 1, sizeof *first);
	size_t *last = xreallocarray(NULL, n + 1, sizeof *last);
	size_t *next = xreallocarray(NULL, n + 1, sizeof *next);
	/* Each comment is pushed once as a child, plus one root at a time. */
	size_t *stack = xreallocarray(NULL, 2 * n + 2, sizeof *stack);
	int *sd = xreallocarray(NULL, 2 * n + 2, sizeof *sd);
	bool *done = xcalloc(n + 1, sizeof *done);
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (ids[i] == NULL)
			continue;
		const char *key = thread_key(ids[i]);
		size_t h = (size_t)fold_hash(key) & (cap - 1);
		while (slot[h] != 0 && strcasecmp(thread_key(ids[slot[h] - 1]), key) != 0)
			h = (h + 1) & (cap - 1);
		if (slot[h] == 0)
			slot[h] = i + 1;	/* the first of equal ids wins */
	}
	/* parent[i] == n: top-level. */
	for (size_t i = 0; i <= n; i++)
		first[i] = last[i] = next[i] = n;
	for (size_t i = 0; i < n; i++) {
		parent[i] = n;
		if (parents[i] != NULL) {
			const char *key = thread_key(parents[i]);
			size_t h = (size_t)fold_hash(key) & (cap - 1);
			while (slot[h] != 0 && strcasecmp(thread_key(ids[slot[h] - 1]), key) != 0)
				h = (h + 1) & (cap - 1);
			if (slot[h] != 0 && slot[h] - 1 != i)
				parent[i] = slot[h] - 1;
		}
		/* Children in date order (i ascends). */
		size_t p = parent[i];
		if (first[p] == n)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	/* Roots in order, each with its subtree; then whatever sits on a cycle
	 * (unreachable from a root), top-level. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t r = 0; r < n; r++) {
			if (done[r] || (pass == 0 && parent[r] != n))
				continue;
			size_t sp = 0;
			stack[sp] = r;
			sd[sp++] = 0;
			while (sp > 0) {
				size_t i = stack[--sp];
				int d = sd[sp];
				if (done[i])
					continue;
				done[i] = true;
				order[k] = i;
				depth[k++] = d;
				/* Push the children newest first so the oldest comes out first. */
				size_t cnt = 0;
				for (size_t c = first[i]; c != n; c = next[c])
					cnt++;
				size_t base = sp;
				sp += cnt;
				for (size_t c = first[i], j = 0; c != n; c = next[c], j++) {
					stack[base + cnt - 1 - j] = c;
					sd[base + cnt - 1 - j] = d + 1;
				}
			}
		}
	free(slot);
	free(parent);
	free(first);
	free(last);
	free(next);
	free(stack);
	free(sd);
	free(done);
}

int64_t
comments_wp_comment_id(const char *remote_id)
{
	const char *h = wp_suffix(remote_id);
	char *end;

	if (h == NULL)
		return 0;
	long long n = strtoll(h + 9, &end, 10);
	return *end == '\0' && n > 0 ? (int64_t)n : 0;
}
