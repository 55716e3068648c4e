/*
 * Comments on the caller's thread: asking for comment feeds, drafts,
 * sending into the outbox, the outbox scheduler, and applying the results
 * of comment jobs (see comments.h for the model).
 *
 * How a send answer is judged:
 *   2xx with a comment object   -> sent; the comment joins the article's list
 *   409 comment_duplicate       -> sent (an earlier try got through before a
 *                                  crash; WordPress refuses the same text twice)
 *   no answer, 408, 429, 5xx    -> queued again after comments_backoff(), or
 *                                  later when Retry-After says so
 *   other 4xx, 3xx, odd answers -> failed with the reason, text kept (a
 *                                  3xx is not followed: the reason says
 *                                  where the site points)
 * A send with no answer or a 5xx (a gateway may give up on a request the
 * site still stores) leaves the entry unsure.
 *
 * How a lookup answer (of an unsure entry, reconcile.c) is judged:
 *   2xx listing holding it          -> sent with the site's id, no POST
 *   2xx listing without it          -> posted now, under the same claim
 *   no answer, 408, 429, 5xx        -> queued again, still unsure
 *   other answers (a site that does -> posted now: WordPress's own duplicate
 *   not list comments to us)           check answers 409 if it has it
 *
 * Every answer is applied only while the entry is still claimed by this
 * context's owner; the claim's owner is what comments_outbox_recover()
 * tests before it takes a claim over.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "comments/comments-int.h"
#include "compose/compose.h"
#include "jobs/commentjob.h"
#include "store/comments.h"
#include "store/store.h"
#include "util/json.h"
#include "util/date.h"
#include "util/log.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Longest Retry-After honoured; a site asking for more is retried after a day. */
#define RETRY_AFTER_MAX (24 * 3600)

struct comments {
	struct store *s;		/* borrowed */
	const struct config *cfg;	/* borrowed */
	struct fetcher *f;		/* borrowed; may be NULL */
	bool offline;
	char *name, *email;		/* owned; may be NULL */
	char *owner;			/* owned: who this context claims as */
};

struct comments *
comments_new(struct store *s, const struct config *cfg, struct fetcher *f)
{
	struct comments *c = xcalloc(1, sizeof *c);

	c->s = s;
	c->cfg = cfg;
	c->f = f;
	c->owner = comments_owner_of((long)getpid());
	return c;
}

void
comments_free(struct comments **cp)
{
	struct comments *c = *cp;

	if (c == NULL)
		return;
	free(c->name);
	free(c->email);
	free(c->owner);
	free(c);
	*cp = NULL;
}

void
comments_set_fetcher(struct comments *c, struct fetcher *f)
{
	c->f = f;
}

const char *
comments_owner(const struct comments *c)
{
	return c->owner;
}

void
comments_set_owner(struct comments *c, const char *owner)
{
	free(c->owner);
	c->owner = xstrdup(owner);
}

void
comments_set_offline(struct comments *c, bool offline)
{
	c->offline = offline;
}

void
comments_set_identity(struct comments *c, const char *name, const char *email)
{
	free(c->name);
	free(c->email);
	c->name = xstrdup_null(name);
	c->email = xstrdup_null(email);
}

void
comments_outcome_clear(struct comments_outcome *o)
{
	free(o->message);
	memset(o, 0, sizeof *o);
}

/* ---- Reading ---- */

/* The article's comment feed as an absolute URL, or NULL. */
static char *
comment_feed_url(const struct store_comment_target *t)
{
	const char *cf = t->comments_feed;

	if (cf == NULL || *cf == '\0')
		return NULL;
	if (url_has_scheme(cf))
		return xstrdup(cf);
	return url_resolve(t->link != NULL ? t->link : t->feed_url, cf);
}

enum comments_fetch_status
comments_fetch(struct comments *c, int64_t item_id, bool force, time_t now)
{
	struct store_comment_target t;
	struct store_comment_feed st;
	enum comments_fetch_status ret = COMMENTS_FETCH_SUBMITTED;
	char *url;
	int have;

	if (store_comment_target_get(c->s, item_id, &t) == -1)
		return COMMENTS_FETCH_ERROR;
	if ((url = comment_feed_url(&t)) == NULL) {
		store_comment_target_clear(&t);
		return COMMENTS_FETCH_NONE;
	}
	if ((have = store_comment_feed_get(c->s, item_id, &st)) == -1) {
		ret = COMMENTS_FETCH_ERROR;
		goto out;
	}
	if (have == 0 && strcmp(st.url, url) != 0) {
		store_comment_feed_clear(&st);	/* validators of another URL */
		have = 1;
	}
	if (!force && have == 0 && st.fetched_at > 0 && st.last_error == NULL &&
	    now >= st.fetched_at && now - st.fetched_at < COMMENTS_FRESH_FOR)
		ret = COMMENTS_FETCH_FRESH;
	else if (c->f == NULL)
		ret = COMMENTS_FETCH_OFFLINE;
	else {
		/* A local feed (the user listed it) may point at local comments;
		 * a remote one never reaches the file system. */
		bool allow_file = strncmp(t.feed_url, "file://", 7) == 0 &&
		    strncmp(url, "file://", 7) == 0;
		comment_feed_submit(c->f, item_id, url, allow_file,
		    have == 0 ? st.etag : NULL, have == 0 ? st.last_modified : NULL);
	}
	if (have == 0)
		store_comment_feed_clear(&st);
out:
	free(url);
	store_comment_target_clear(&t);
	return ret;
}

static void
outcome(struct comments_outcome *o, enum comments_outcome_kind kind, int64_t item_id,
    int64_t outbox_id, char *message)
{
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->item_id = item_id;
	o->outbox_id = outbox_id;
	o->message = message;
}

static void
apply_feed(struct comments *c, const struct comment_feed_result *r, time_t now,
    struct comments_outcome *out)
{
	unsigned added = 0;

	if (r->error != NULL) {
		outcome(out, COMMENTS_LOAD_FAILED, r->item_id, 0,
		    xasprintf("comments: %s", r->error));
		if (store_comment_feed_failed(c->s, r->item_id, r->url, r->error) == -1)
			log_msg(LOG_WARN, "%s", store_errmsg(c->s));
		return;
	}
	if (r->not_modified) {
		outcome(out, COMMENTS_UNCHANGED, r->item_id, 0, xstrdup("no new comments"));
		if (store_comment_feed_fetched(c->s, r->item_id, r->url, NULL, NULL, now) == -1)
			log_msg(LOG_WARN, "%s", store_errmsg(c->s));
		return;
	}
	if (store_begin(c->s) == -1)
		goto fail;
	for (size_t i = 0; i < r->n; i++) {
		struct store_comment_in in = {
			.remote_id = r->v[i].remote_id, .author = r->v[i].author,
			.date = r->v[i].date, .body = r->v[i].body, .parent = r->v[i].parent,
		};
		bool is_new;
		if (store_comment_upsert(c->s, r->item_id, &in, &is_new) == -1)
			goto rollback;
		added += is_new;
	}
	if (store_comment_feed_fetched(c->s, r->item_id, r->url, r->etag, r->last_modified,
	    now) == -1 || store_commit(c->s) == -1)
		goto rollback;
	if (r->dropped > 0)
		log_msg(LOG_WARN, "%s: kept the first %d comments, dropped %zu", r->url,
		    COMMENT_FEED_MAX, r->dropped);
	outcome(out, COMMENTS_LOADED, r->item_id, 0, added == 0 ? xstrdup("no new comments") :
	    added == 1 ? xstrdup("1 new comment") : xasprintf("%u new comments", added));
	out->added = added;
	return;
rollback:
	{
		char *msg = xstrdup(store_errmsg(c->s));
		store_rollback(c->s);
		outcome(out, COMMENTS_LOAD_FAILED, r->item_id, 0,
		    xasprintf("comments not saved: %s", msg));
		free(msg);
		return;
	}
fail:
	outcome(out, COMMENTS_LOAD_FAILED, r->item_id, 0,
	    xasprintf("comments not saved: %s", store_errmsg(c->s)));
}

/* ---- Drafts ---- */

int
comments_draft_get(struct comments *c, int64_t item_id, char **text)
{
	return store_draft_get(c->s, item_id, text, NULL);
}

int
comments_draft_save(struct comments *c, int64_t item_id, const char *text)
{
	return store_draft_put(c->s, item_id, text);
}

/* ---- Sending ---- */

/* Everything one POST needs; strings owned. */
struct send_plan {
	char *url;
	char *auth;		/* "Authorization: ..." or NULL; wiped when freed */
	char *json;
	char *guid;		/* the article's, for the comment's remote id */
	int64_t post;		/* the WordPress post id */
};

static void
plan_clear(struct send_plan *p)
{
	if (p->auth != NULL)
		explicit_bzero(p->auth, strlen(p->auth));
	free(p->url);
	free(p->auth);
	free(p->json);
	free(p->guid);
	memset(p, 0, sizeof *p);
}

/* Who the comment is from: the endpoint's name=/email= first (one site may
 * know the user under another name), then comments_set_identity(), then
 * the endpoint's user= as the name. ep may be NULL. */
static const char *
identity_name(const struct comments *c, const struct config_comment_endpoint *ep)
{
	if (ep != NULL && ep->name != NULL)
		return ep->name;
	if (c->name != NULL)
		return c->name;
	return ep != NULL ? ep->user : NULL;
}

static const char *
identity_email(const struct comments *c, const struct config_comment_endpoint *ep)
{
	if (ep != NULL && ep->email != NULL)
		return ep->email;
	return c->email;
}

/*
 * Work out the POST for text on the article, or the reason it cannot be
 * sent (a new string). 0 with *plan filled; 1 with *reason; -1 store error.
 */
static int
plan_send(struct comments *c, int64_t item_id, int64_t parent, const char *text,
    struct send_plan *plan, char **reason)
{
	struct store_comment_target t;
	const struct config_comment_endpoint *ep;
	int64_t post;

	memset(plan, 0, sizeof *plan);
	*reason = NULL;
	if (item_id <= 0) {
		*reason = xstrdup("the article is no longer in the cache");
		return 1;
	}
	if (store_comment_target_get(c->s, item_id, &t) == -1)
		return -1;
	if ((ep = comments_endpoint_for(c->cfg, t.feed_url)) == NULL) {
		*reason = xasprintf("no comment-endpoint matches the feed %s", t.feed_url);
		goto fail;
	}
	if ((post = comments_wp_post_id(t.guid, t.link, t.comments_feed)) <= 0) {
		*reason = xstrdup("cannot tell the WordPress post ID of this article "
		    "(no ?p=ID in its guid, link or comment feed)");
		goto fail;
	}
	plan->url = comments_wp_url(ep->base_url);
	if (ep->user != NULL) {
		char *pw, *err;
		if (!comments_url_secure(plan->url)) {
			*reason = xasprintf("refusing to send the password to %s: not https",
			    plan->url);
			goto fail;
		}
		if (comments_read_password(ep->password_file, &pw, &err) == -1) {
			*reason = xasprintf("cannot read the password: %s", err);
			free(err);
			goto fail;
		}
		plan->auth = comments_basic_auth(ep->user, pw);
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	/* Signed in, WordPress takes the name and email from the account (and
	 * links the comment to it) only when the request names neither; a
	 * name without an email is refused ("requires valid author name and
	 * email values"). Only the endpoint's own name=/email= go along. */
	if (ep->user != NULL)
		plan->json = comments_wp_json_reply(post, parent, text, ep->name, ep->email);
	else
		plan->json = comments_wp_json_reply(post, parent, text, identity_name(c, ep),
		    identity_email(c, ep));
	plan->post = post;
	plan->guid = t.guid;
	t.guid = NULL;
	store_comment_target_clear(&t);
	return 0;
fail:
	plan_clear(plan);
	store_comment_target_clear(&t);
	return 1;
}

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static const char *
unit_words(int unit)
{
	switch (unit) {
	case CONFIG_UNIT_CODEPOINTS: return "code points";
	case CONFIG_UNIT_UTF16: return "UTF-16 units";
	default: return "characters";
	}
}

static enum compose_unit
compose_unit_of(int unit)
{
	switch (unit) {
	case CONFIG_UNIT_CODEPOINTS: return COMPOSE_CODEPOINTS;
	case CONFIG_UNIT_UTF16: return COMPOSE_UTF16;
	default: return COMPOSE_CLUSTERS;
	}
}

int
comments_send(struct comments *c, int64_t item_id, const char *text, time_t now,
    enum comments_send_how *how, int64_t *id, char **reason)
{
	return comments_send_reply(c, item_id, 0, text, now, how, id, reason);
}

int
comments_send_reply(struct comments *c, int64_t item_id, int64_t parent, const char *text,
    time_t now, enum comments_send_how *how, int64_t *id, char **reason)
{
	struct store_comment_target t;
	struct send_plan plan;
	char *clean = NULL, *why = NULL;
	int limit, unit, ret = -1;
	int64_t rowid = 0;
	size_t count;

	if (reason != NULL)
		*reason = NULL;
	if (id != NULL)
		*id = 0;
	if (blank(text)) {
		if (reason != NULL)
			*reason = xstrdup("the comment is empty");
		return -1;
	}
	if (store_comment_target_get(c->s, item_id, &t) == -1) {
		if (reason != NULL)
			*reason = xstrdup(store_errmsg(c->s));
		return -1;
	}
	/* What was typed or pasted, minus controls and escapes. */
	clean = utf8_sanitize(text, strlen(text), UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI, NULL);
	comments_limit_for(c->cfg, t.feed_url, &limit, &unit);
	count = compose_count(clean, strlen(clean), compose_unit_of(unit));
	if (limit > 0 && count > (size_t)limit) {
		if (reason != NULL)
			*reason = xasprintf("the comment is %zu %s long; the limit is %d", count,
			    unit_words(unit), limit);
		goto out;
	}
	if (store_begin(c->s) == -1)
		goto store_error;
	if (comments_endpoint_for(c->cfg, t.feed_url) == NULL) {
		char *html = comments_text_to_html(clean);
		int r = store_comment_add_note(c->s, item_id, now, html, &rowid);
		free(html);
		if (r == -1)
			goto rollback;
		*how = COMMENTS_SENT_NOTE;
	} else {
		if ((rowid = store_outbox_add(c->s, item_id, clean, now)) == -1 ||
		    (parent > 0 && store_outbox_set_parent(c->s, rowid, parent) == -1))
			goto rollback;
		*how = COMMENTS_SENT_QUEUED;
		/* Check now what the scheduler would find, so the user hears of
		 * a missing post id at once, not on the next tick. */
		switch (plan_send(c, item_id, parent, clean, &plan, &why)) {
		case -1:
			goto rollback;
		case 0:
			plan_clear(&plan);
			break;
		default:
			if (store_outbox_mark_failed(c->s, rowid, why, now) == -1)
				goto rollback;
			*how = COMMENTS_SENT_FAILED;
			break;
		}
	}
	if (store_draft_put(c->s, item_id, NULL) == -1 || store_commit(c->s) == -1)
		goto rollback;
	if (id != NULL)
		*id = rowid;
	if (reason != NULL) {
		*reason = why;
		why = NULL;
	}
	ret = 0;
	goto out;
rollback:
	if (reason != NULL)
		*reason = xstrdup(store_errmsg(c->s));
	store_rollback(c->s);
	goto out;
store_error:
	if (reason != NULL)
		*reason = xstrdup(store_errmsg(c->s));
out:
	free(why);
	free(clean);
	store_comment_target_clear(&t);
	return ret;
}

int
comments_outbox_to_draft(struct comments *c, int64_t outbox_id, char **err)
{
	struct store_outbox_entry e;
	int ret = -1;

	*err = NULL;
	if (store_outbox_get(c->s, outbox_id, &e) == -1) {
		*err = xstrdup(store_errmsg(c->s));
		return -1;
	}
	if (e.state != STORE_OUTBOX_FAILED && e.state != STORE_OUTBOX_QUEUED)
		*err = xasprintf("comment %lld is %s: it cannot be edited", (long long)outbox_id,
		    store_outbox_state_name(e.state));
	else if (e.item_id <= 0)
		*err = xasprintf("the article of comment %lld is gone", (long long)outbox_id);
	else if (store_begin(c->s) == -1)
		*err = xstrdup(store_errmsg(c->s));
	else if (store_draft_put(c->s, e.item_id, e.body) == -1 ||
	    store_outbox_delete(c->s, outbox_id) == -1 || store_commit(c->s) == -1) {
		*err = xstrdup(store_errmsg(c->s));
		store_rollback(c->s);
	} else
		ret = 0;
	store_outbox_entry_clear(&e);
	return ret;
}

int
comments_outbox_retry(struct comments *c, int64_t outbox_id, const char *text, time_t now,
    char **err)
{
	char *clean = NULL;
	int r;

	*err = NULL;
	if (text != NULL) {
		if (blank(text)) {
			*err = xstrdup("the comment is empty");
			return -1;
		}
		clean = utf8_sanitize(text, strlen(text), UTF8_KEEP_NEWLINES | UTF8_KEEP_BIDI,
		    NULL);
	}
	r = store_outbox_requeue(c->s, outbox_id, clean, now);
	if (r == -1)
		*err = xstrdup(store_errmsg(c->s));
	free(clean);
	return r;
}

/* Whether owner's claim, taken at claim_at, may be taken over at now. */
static bool
claim_abandoned(const char *owner, time_t claim_at, time_t now)
{
	/* Either way round: a clock set back must not pin a claim for ever. */
	if (now - claim_at >= COMMENTS_CLAIM_TIMEOUT || claim_at - now >= COMMENTS_CLAIM_TIMEOUT)
		return true;
	return comments_owner_status(owner) == COMMENTS_OWNER_GONE;
}

int
comments_outbox_recover(struct comments *c, time_t now)
{
	struct store_outbox_list claims = { 0 };
	int64_t n = 0;

	if (store_outbox_claims(c->s, &claims) == -1)
		return -1;
	for (size_t i = 0; i < claims.n; i++) {
		const struct store_outbox_entry *e = &claims.v[i];
		int r;
		/* Our own claims are in flight here: we are alive. */
		if (!claim_abandoned(e->claim_owner, e->claim_at, now))
			continue;
		if ((r = store_outbox_take_over(c->s, e->id, e->claim_owner, e->claim_at, now)) == -1) {
			store_outbox_list_clear(&claims);
			return -1;
		}
		if (r == 0) {
			log_msg(LOG_INFO, "comment %lld: its send by %s was interrupted; it is looked "
			    "up on the site before it is sent again", (long long)e->id,
			    e->claim_owner != NULL ? e->claim_owner : "an older version");
			n++;
		}
	}
	store_outbox_list_clear(&claims);
	if (n > 0)
		log_msg(LOG_INFO, "%lld comment(s) interrupted while sending are queued again",
		    (long long)n);
	return 0;
}

/* A queued entry that cannot be sent at all becomes failed; one another
 * process has claimed meanwhile is its business. 0 or -1. */
static int
fail_queued(struct comments *c, int64_t id, const char *why, time_t now)
{
	struct store_outbox_entry e;
	int r;

	if (store_outbox_mark_failed(c->s, id, why, now) == 0)
		return 0;
	if (store_outbox_get(c->s, id, &e) == -1)
		return -1;
	r = e.state == STORE_OUTBOX_QUEUED ? -1 : 0;
	store_outbox_entry_clear(&e);
	return r;
}

/* Submit the step of a claimed send: the lookup when unsure, else the POST. */
static void
submit_step(struct comments *c, const struct store_outbox_entry *e,
    const struct send_plan *plan, bool lookup)
{
	const char *headers[] = { plan->auth, NULL };

	if (lookup) {
		char *url = comments_wp_lookup_url(plan->url, plan->post, e->body,
		    plan->auth != NULL);
		comment_lookup_submit(c->f, e->id, e->item_id, url,
		    plan->auth != NULL ? headers : NULL);
		free(url);
	} else
		comment_post_submit(c->f, e->id, e->item_id, plan->url,
		    plan->auth != NULL ? headers : NULL, plan->json);
}

int
comments_outbox_run(struct comments *c, time_t now, time_t *next)
{
	struct store_outbox_list due = { 0 };
	int submitted = 0;

	if (next != NULL)
		*next = 0;
	/* Offline there is nothing to wait for: the caller runs us again when
	 * the network is back. */
	if (c->offline || c->f == NULL)
		return 0;
	if (comments_outbox_recover(c, now) == -1)
		return -1;
	if (store_outbox_due(c->s, now, &due) == -1)
		return -1;
	for (size_t i = 0; i < due.n; i++) {
		struct store_outbox_entry *e = &due.v[i], cur;
		struct send_plan plan;
		char *why;
		int r;

		switch (plan_send(c, e->item_id, e->parent, e->body, &plan, &why)) {
		case -1:
			store_outbox_list_clear(&due);
			return -1;
		case 1:
			log_msg(LOG_WARN, "comment %lld not sent: %s", (long long)e->id, why);
			r = fail_queued(c, e->id, why, now);
			free(why);
			if (r == -1) {
				store_outbox_list_clear(&due);
				return -1;
			}
			continue;
		}
		/* The claim is recorded before the job exists: after a crash the
		 * entry is found claimed by a process that is gone and is taken
		 * over, never lost; and only the one process that won the claim
		 * sends it. */
		if ((r = store_outbox_mark_sending(c->s, e->id, c->owner, now)) != 0) {
			plan_clear(&plan);
			if (r == 1)
				continue;	/* another process got it first */
			store_outbox_list_clear(&due);
			return -1;
		}
		/* Read it again under the claim: the listing may be stale. */
		if (store_outbox_get(c->s, e->id, &cur) == -1) {
			plan_clear(&plan);
			store_outbox_list_clear(&due);
			return -1;
		}
		if (strcmp(cur.body, e->body) != 0) {
			plan_clear(&plan);
			if (plan_send(c, cur.item_id, cur.parent, cur.body, &plan, &why) != 0) {
				/* Its text changed and cannot go: the next run says why. */
				free(why);
				store_outbox_mark_retry(c->s, cur.id, c->owner, now, NULL, cur.unsure,
				    now);
				store_outbox_entry_clear(&cur);
				continue;
			}
		}
		submit_step(c, &cur, &plan, cur.unsure);
		store_outbox_entry_clear(&cur);
		plan_clear(&plan);
		submitted++;
	}
	store_outbox_list_clear(&due);
	if (next != NULL && store_outbox_next_due(c->s, next) == -1)
		return -1;
	return submitted;
}

/* ---- Send answers ---- */

enum verdict { V_SENT, V_DUPLICATE, V_RETRY, V_FAILED };

/* The comment object of a 2xx answer: its id (> 0) or -1. */
static int64_t
answer_id(json_t *root)
{
	json_t *id = json_is_object(root) ? json_object_get(root, "id") : NULL;

	if (json_is_integer(id) && json_integer_value(id) > 0)
		return (int64_t)json_integer_value(id);
	return -1;
}

static bool
is_duplicate(const char *body)
{
	json_t *root = body != NULL ? json_load_fetched(body, strlen(body), 0, NULL) : NULL;
	json_t *code = json_is_object(root) ? json_object_get(root, "code") : NULL;
	bool dup = json_is_string(code) &&
	    strcmp(json_string_value(code), "comment_duplicate") == 0;

	json_decref(root);
	return dup;
}

static enum verdict
judge(const struct comment_post_result *r, json_t **root, char **reason)
{
	long st = r->status;

	*root = NULL;
	*reason = NULL;
	if (st >= 200 && st <= 299 && r->error == NULL) {
		*root = r->body != NULL ? json_load_fetched(r->body, strlen(r->body), 0, NULL) : NULL;
		if (answer_id(*root) > 0)
			return V_SENT;
		if (r->final_url != NULL && strcmp(r->final_url, r->url) != 0)
			*reason = xasprintf("the site redirected to %s: set the comment-endpoint "
			    "address to where it leads", r->final_url);
		else
			*reason = xstrdup("the site's answer is not a comment (is the address a "
			    "WordPress site?)");
		return V_FAILED;
	}
	if (st == 409 && is_duplicate(r->body))
		return V_DUPLICATE;
	/* Redirects are not followed (commentjob.h): say where it leads. */
	if (st >= 300 && st <= 399 && r->location != NULL && *r->location != '\0') {
		char *to = url_resolve(r->url, r->location);
		char *clean = utf8_sanitize(to, strlen(to), 0, NULL);
		*reason = xasprintf("HTTP %ld: the site redirected to %s: set the "
		    "comment-endpoint address to where it leads", st, clean);
		free(clean);
		free(to);
		return V_FAILED;
	}
	*reason = comments_http_reason(st, r->error, r->body);
	if (st == 0 || st == 408 || st == 429 || st >= 500 || (st >= 200 && st <= 299))
		return V_RETRY;
	return V_FAILED;
}

/* Put the sent comment into the article's list. */
static int
store_sent_comment(struct comments *c, const struct store_outbox_entry *e,
    const struct store_comment_target *t, int64_t wp_id, json_t *root, time_t now)
{
	const char *name = identity_name(c, comments_endpoint_for(c->cfg, t->feed_url));
	const char *guid = t->guid;
	json_t *an = json_object_get(root, "author_name");
	json_t *dg = json_object_get(root, "date_gmt");
	time_t date = now;
	char *rid, *html, *author = NULL;
	int r;

	if (json_is_string(dg))
		date_parse_iso8601(json_string_value(dg), &date);
	if (json_is_string(an) && json_string_length(an) > 0)
		author = utf8_sanitize(json_string_value(an), json_string_length(an), 0, NULL);
	else if (name != NULL)
		author = xstrdup(name);
	/* WordPress's comment guid (get_comment_guid): the post's guid plus
	 * "#comment-ID"; the comment feed will carry the same id. */
	rid = xasprintf("%s#comment-%lld", guid, (long long)wp_id);
	html = comments_text_to_html(e->body);
	/* WordPress answers "hold" for a comment awaiting moderation. */
	json_t *status = json_object_get(root, "status");
	bool held = json_is_string(status) && strcmp(json_string_value(status), "hold") == 0;
	/* A reply hangs under its parent at once, as the feed will show it. */
	char *parent = e->parent > 0 ? xasprintf("%s#comment-%lld", guid,
	    (long long)e->parent) : NULL;
	struct store_comment_in in = { .remote_id = rid, .author = author, .date = date,
	    .body = html, .held = held, .parent = parent };
	r = store_comment_upsert(c->s, e->item_id, &in, NULL);
	free(parent);
	free(rid);
	free(html);
	free(author);
	return r;
}

static char *
wait_words(time_t d)
{
	if (d < 120)
		return xasprintf("%lld s", (long long)d);
	if (d < 7200)
		return xasprintf("%lld min", (long long)(d / 60));
	return xasprintf("%lld h", (long long)(d / 3600));
}

/* The wait before the next try after attempts sends, or as Retry-After says. */
static time_t
retry_delay(int attempts, long retry_after)
{
	time_t d = comments_backoff(attempts > 0 ? attempts : 1);

	if (retry_after > d)
		d = retry_after < RETRY_AFTER_MAX ? retry_after : RETRY_AFTER_MAX;
	return d;
}

/* Whether e is still claimed by c; if not, *out says the answer is
 * ignored (the entry was deleted, or its claim taken over and maybe
 * finished by another process). */
static bool
claimed_by_us(struct comments *c, const struct store_outbox_entry *e,
    struct comments_outcome *out)
{
	if (e->state == STORE_OUTBOX_SENDING && e->claim_owner != NULL &&
	    strcmp(e->claim_owner, c->owner) == 0)
		return true;
	outcome(out, COMMENTS_POST_FAILED, e->item_id, e->id,
	    xasprintf("comment %lld: answer ignored (the entry is %s%s)", (long long)e->id,
	    store_outbox_state_name(e->state),
	    e->state == STORE_OUTBOX_SENDING ? " by another process" : ""));
	return false;
}

static void
apply_post(struct comments *c, const struct comment_post_result *r, time_t now,
    struct comments_outcome *out)
{
	struct store_outbox_entry e;
	struct store_comment_target t = { 0 };
	json_t *root;
	char *reason, *remote = NULL;
	enum verdict v;

	if (store_outbox_get(c->s, r->outbox_id, &e) == -1) {
		outcome(out, COMMENTS_POST_FAILED, r->item_id, r->outbox_id,
		    xasprintf("comment: %s", store_errmsg(c->s)));
		return;
	}
	if (!claimed_by_us(c, &e, out)) {
		store_outbox_entry_clear(&e);
		return;
	}
	v = judge(r, &root, &reason);
	if (store_begin(c->s) == -1)
		goto store_fail;
	switch (v) {
	case V_SENT: {
		int64_t wp_id = answer_id(root);
		remote = xasprintf("%lld", (long long)wp_id);
		if (store_outbox_mark_sent(c->s, e.id, c->owner, remote, now) == -1)
			goto rollback;
		if (e.item_id > 0) {
			if (store_comment_target_get(c->s, e.item_id, &t) == -1 ||
			    store_sent_comment(c, &e, &t, wp_id, root, now) == -1)
				goto rollback;
		}
		json_t *status = json_object_get(root, "status");
		outcome(out, COMMENTS_POSTED, e.item_id, e.id, xstrdup(json_is_string(status) &&
		    strcmp(json_string_value(status), "hold") == 0 ?
		    "comment sent, awaiting moderation" : "comment sent"));
		break;
	}
	case V_DUPLICATE:
		if (store_outbox_mark_sent(c->s, e.id, c->owner, NULL, now) == -1)
			goto rollback;
		outcome(out, COMMENTS_POSTED, e.item_id, e.id,
		    xstrdup("comment sent (the site already had it)"));
		break;
	case V_RETRY: {
		time_t d = retry_delay(e.attempts, r->retry_delay);
		/* No answer, or a gateway's 5xx: the request may have got in. */
		bool unsure = r->status == 0 || r->status >= 500;
		if (store_outbox_mark_retry(c->s, e.id, c->owner, now + d, reason, unsure, now) == -1)
			goto rollback;
		char *w = wait_words(d);
		outcome(out, COMMENTS_RETRYING, e.item_id, e.id,
		    xasprintf("comment queued: %s; next try in %s", reason, w));
		free(w);
		out->next_attempt = now + d;
		break;
	}
	case V_FAILED:
		if (store_outbox_mark_send_failed(c->s, e.id, c->owner, reason, now) == -1)
			goto rollback;
		outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id,
		    xasprintf("comment not sent: %s (text kept)", reason));
		break;
	}
	if (store_commit(c->s) == -1)
		goto rollback;
	goto done;
rollback:
	comments_outcome_clear(out);
	{
		char *msg = xstrdup(store_errmsg(c->s));
		store_rollback(c->s);
		outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id,
		    xasprintf("comment: answer not saved: %s", msg));
		free(msg);
	}
	goto done;
store_fail:
	outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id,
	    xasprintf("comment: answer not saved: %s", store_errmsg(c->s)));
done:
	json_decref(root);
	free(reason);
	free(remote);
	store_comment_target_clear(&t);
	store_outbox_entry_clear(&e);
}

/* The comment object with id wp_id in a listing (borrowed from root). */
static json_t *
listed(json_t *root, int64_t wp_id)
{
	size_t i;
	json_t *o;

	json_array_foreach(root, i, o) {
		json_t *id = json_object_get(o, "id");
		if (json_is_integer(id) && json_integer_value(id) == wp_id)
			return o;
	}
	return NULL;
}

/* The lookup found the comment as wp_id: sent, and into the article's list. */
static void
found_on_site(struct comments *c, const struct store_outbox_entry *e, int64_t wp_id,
    json_t *obj, time_t now, struct comments_outcome *out)
{
	struct store_comment_target t = { 0 };
	char *remote = xasprintf("%lld", (long long)wp_id);

	if (store_begin(c->s) == -1)
		goto fail;
	if (store_outbox_mark_sent(c->s, e->id, c->owner, remote, now) == -1 ||
	    (e->item_id > 0 && (store_comment_target_get(c->s, e->item_id, &t) == -1 ||
	    store_sent_comment(c, e, &t, wp_id, obj, now) == -1)) || store_commit(c->s) == -1) {
		char *msg = xstrdup(store_errmsg(c->s));
		store_rollback(c->s);
		outcome(out, COMMENTS_POST_FAILED, e->item_id, e->id,
		    xasprintf("comment: answer not saved: %s", msg));
		free(msg);
		goto done;
	}
	outcome(out, COMMENTS_POSTED, e->item_id, e->id,
	    xstrdup("comment sent (the site already had it)"));
	goto done;
fail:
	outcome(out, COMMENTS_POST_FAILED, e->item_id, e->id,
	    xasprintf("comment: answer not saved: %s", store_errmsg(c->s)));
done:
	store_comment_target_clear(&t);
	free(remote);
}

/* Queue e again, still unsure, after a lookup that did not work out. */
static void
lookup_retry(struct comments *c, const struct store_outbox_entry *e, long retry_after,
    const char *why, time_t now, struct comments_outcome *out)
{
	time_t d = retry_delay(e->attempts, retry_after);
	char *w;

	if (store_outbox_mark_retry(c->s, e->id, c->owner, now + d, why, true, now) == -1) {
		outcome(out, COMMENTS_POST_FAILED, e->item_id, e->id,
		    xasprintf("comment: answer not saved: %s", store_errmsg(c->s)));
		return;
	}
	w = wait_words(d);
	outcome(out, COMMENTS_RETRYING, e->item_id, e->id,
	    xasprintf("comment queued: %s; next try in %s", why, w));
	free(w);
	out->next_attempt = now + d;
}

/*
 * The answer to the lookup of an unsure entry (the table at the top). The
 * POST that may follow goes out under the same claim, renewed; the entry
 * stays unsure until the POST's answer is stored.
 */
static void
apply_lookup(struct comments *c, const struct comment_post_result *r, time_t now,
    struct comments_outcome *out)
{
	struct store_outbox_entry e;
	struct store_comment_target t = { 0 };
	struct send_plan plan = { 0 };
	char *why = NULL;
	json_t *root = NULL;
	long st = r->status;
	int rc;

	if (store_outbox_get(c->s, r->outbox_id, &e) == -1) {
		outcome(out, COMMENTS_POST_FAILED, r->item_id, r->outbox_id,
		    xasprintf("comment: %s", store_errmsg(c->s)));
		return;
	}
	if (!claimed_by_us(c, &e, out))
		goto done;
	if ((rc = plan_send(c, e.item_id, e.parent, e.body, &plan, &why)) == -1) {
		why = xstrdup(store_errmsg(c->s));
		lookup_retry(c, &e, 0, why, now, out);
		goto done;
	}
	if (rc == 1) {
		if (store_outbox_mark_send_failed(c->s, e.id, c->owner, why, now) == -1)
			outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id,
			    xasprintf("comment: answer not saved: %s", store_errmsg(c->s)));
		else
			outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id,
			    xasprintf("comment not sent: %s (text kept)", why));
		goto done;
	}
	if (st >= 200 && st <= 299 && r->error == NULL) {
		const char *name = NULL;
		int64_t wp_id;
		if (e.item_id > 0 && store_comment_target_get(c->s, e.item_id, &t) == 0)
			name = identity_name(c, comments_endpoint_for(c->cfg, t.feed_url));
		/* Written after the entry (a day's slack for the site's clock). */
		wp_id = comments_wp_find(r->body, plan.post, e.body, name, e.created_at - 86400);
		if (wp_id > 0) {
			root = json_load_fetched(r->body, strlen(r->body), 0, NULL);
			found_on_site(c, &e, wp_id, listed(root, wp_id), now, out);
			goto done;
		}
		why = xstrdup(wp_id == 0 ? "not found on the site" :
		    "the site's answer is not a list of comments");
	} else if (st == 0 || st == 408 || st == 429 || st >= 500) {
		char *reason = comments_http_reason(st, r->error, r->body);
		why = xasprintf("cannot look it up on the site: %s", reason);
		free(reason);
		lookup_retry(c, &e, r->retry_delay, why, now, out);
		goto done;
	} else {
		/* The site does not list comments to us (no right to see held
		 * ones, say): its duplicate check is the safeguard left. */
		char *reason = comments_http_reason(st, r->error, r->body);
		why = xasprintf("cannot look it up on the site (%s)", reason);
		free(reason);
	}
	if (c->offline || c->f == NULL) {
		lookup_retry(c, &e, 0, "offline", now, out);
		goto done;
	}
	if ((rc = store_outbox_renew(c->s, e.id, c->owner, now)) != 0) {
		outcome(out, COMMENTS_POST_FAILED, e.item_id, e.id, rc == -1 ?
		    xasprintf("comment: answer not saved: %s", store_errmsg(c->s)) :
		    xasprintf("comment %lld: answer ignored (taken over)", (long long)e.id));
		goto done;
	}
	submit_step(c, &e, &plan, false);
	outcome(out, COMMENTS_CHECKED, e.item_id, e.id, xasprintf("comment %s: sending it", why));
done:
	json_decref(root);
	free(why);
	plan_clear(&plan);
	store_comment_target_clear(&t);
	store_outbox_entry_clear(&e);
}

bool
comments_handle_event(struct comments *c, const struct fetch_event *ev, time_t now,
    struct comments_outcome *out)
{
	if (ev->type != FETCH_EV_JOB || ev->data == NULL)
		return false;
	memset(out, 0, sizeof *out);
	if (ev->tag == FETCH_TAG_COMMENT_FEED)
		apply_feed(c, ev->data, now, out);
	else if (ev->tag == FETCH_TAG_COMMENT_POST)
		apply_post(c, ev->data, now, out);
	else if (ev->tag == FETCH_TAG_COMMENT_LOOKUP)
		apply_lookup(c, ev->data, now, out);
	else
		return false;
	return true;
}
