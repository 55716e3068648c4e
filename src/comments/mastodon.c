/* Reposts to Mastodon (mastodon.h). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comments/mastodon.h"
#include "store/reposts.h"
#include "store/store.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/xalloc.h"

char *
mastodon_status_text(const char *title, const char *url, const char *comment)
{
	bool c = comment != NULL && *comment != '\0';
	bool t = title != NULL && *title != '\0';

	return xasprintf("%s%s%s%s%s", c ? comment : "", c ? "\n\n" : "", t ? title : "",
	    t ? "\n" : "", url != NULL ? url : "");
}

/* 32 hex digits from /dev/urandom, else from the clock and the id. */
static char *
new_key(int64_t item_id, time_t now)
{
	unsigned char b[16] = { 0 };
	char hex[33];
	FILE *f = fopen("/dev/urandom", "rb");
	bool ok = f != NULL && fread(b, 1, sizeof b, f) == sizeof b;

	if (f != NULL)
		fclose(f);
	if (!ok)
		snprintf((char *)b, sizeof b, "%llx%llx", (long long)now, (long long)item_id);
	for (size_t i = 0; i < sizeof b; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
	return xasprintf("newsreader-%s", hex);
}

int
mastodon_queue(struct store *s, int64_t item_id, const char *text, time_t now, int64_t *id,
    char **err)
{
	char *key = new_key(item_id, now);
	int rc = store_repost_add(s, item_id, text, key, now, id);

	free(key);
	if (rc == -1)
		*err = xstrdup(store_errmsg(s));
	return rc;
}

int
mastodon_due(struct store *s, time_t now, time_t *next, char **err)
{
	int rc = store_repost_due(s, now, next);

	if (rc == -1)
		*err = xstrdup(store_errmsg(s));
	return rc;
}

int
mastodon_run(struct store *s, struct fetcher *f, const char *instance_url, const char *token,
    time_t now, time_t *next, char **err)
{
	struct store_repost r;
	size_t n = strlen(instance_url);
	int rc = store_repost_claim(s, now, &r, next);

	if (rc <= 0) {
		if (rc == -1)
			*err = xstrdup(store_errmsg(s));
		return rc;
	}
	json_t *o = json_pack("{s:s}", "status", r.text);
	char *json = json_dumps(o, JSON_COMPACT);
	char *url = xasprintf("%.*s/api/v1/statuses", (int)(n > 0 && instance_url[n - 1] == '/' ?
	    n - 1 : n), instance_url);
	char *auth = xasprintf("Authorization: Bearer %s", token);
	char *idem = xasprintf("Idempotency-Key: %s", r.idem_key);
	const char *h[] = { auth, idem, NULL };

	repost_post_submit(f, r.id, url, h, json);
	explicit_bzero(auth, strlen(auth));
	free(auth);
	free(idem);
	free(url);
	free(json);
	json_decref(o);
	store_repost_clear(&r);
	return 1;
}

/*
 * The string member name of a JSON object answer, or NULL (caller frees):
 * "error" of Mastodon's error answer, "url" of a created status. The
 * server's text goes to the status line and the cache: sanitized (no
 * control, no escape sequence) and cut to 200 bytes at a character.
 */
static char *
string_member(const char *body, const char *name)
{
	json_t *root = body != NULL ? json_load_fetched(body, strlen(body), 0, NULL) : NULL;
	json_t *m = json_is_object(root) ? json_object_get(root, name) : NULL;
	char *out = NULL;

	if (json_is_string(m)) {
		const char *v = json_string_value(m);
		size_t cut = json_string_length(m);
		if (cut > 200) {
			cut = 200;
			while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
				cut--;
		}
		out = utf8_sanitize(v, cut, 0, NULL);
		if (*out == '\0')
			xfree(&out);
	}

	json_decref(root);
	return out;
}

int
mastodon_apply(struct store *s, const struct comment_post_result *r, time_t now, char **msg)
{
	struct store_repost e;
	char *why = NULL, *said;
	bool retry = false;
	int rc;

	*msg = NULL;
	if ((rc = store_repost_get(s, r->outbox_id, &e)) <= 0)
		return -1;
	if (r->error == NULL && r->status >= 200 && r->status <= 299) {
		char *u = string_member(r->body, "url");
		rc = store_repost_sent(s, e.id, u);
		*msg = xstrdup(u != NULL ? u : "(the server gave no link)");
		free(u);
		store_repost_clear(&e);
		return rc == -1 ? -1 : 1;
	}
	said = string_member(r->body, "error");
	if (r->status == 0) {
		why = xasprintf("Mastodon server not reached: %s",
		    r->error != NULL ? r->error : "no answer");
		retry = true;
	} else if (r->status == 401 || r->status == 403)
		why = xasprintf("Mastodon refused the token (HTTP %ld): %s", r->status,
		    said != NULL ? said : "check mastodon-token-file");
	else if (r->status == 422)
		why = xasprintf("Mastodon refused the status (HTTP 422): %s",
		    said != NULL ? said : "unprocessable");
	else {
		retry = r->status == 429 || r->status >= 500;
		why = xasprintf("Mastodon answered HTTP %ld%s%s", r->status,
		    said != NULL ? ": " : "", said != NULL ? said : "");
	}
	time_t next = 0;
	if (retry && e.attempts < MASTODON_MAX_ATTEMPTS) {
		long d = 30L << (e.attempts > 1 ? (e.attempts - 1 > 7 ? 7 : e.attempts - 1) : 0);
		if (r->retry_delay > d)
			d = r->retry_delay;
		next = now + d;
	}
	rc = store_repost_failed(s, e.id, why, next);
	*msg = why;
	free(said);
	store_repost_clear(&e);
	return rc == -1 ? -1 : 0;
}
