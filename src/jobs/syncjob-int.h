/*
 * Shared by the two sync chains of src/jobs (syncjob.c: Tiny Tiny RSS,
 * greaderjob.c: Google Reader API) only.
 */
#ifndef NR_JOBS_SYNCJOB_INT_H
#define NR_JOBS_SYNCJOB_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "fetch/fetch.h"
#include "jobs/syncjob.h"
#include "util/buf.h"
#include "store/sync.h"
#include "sync/sync.h"

void sync_result_free(void *p);
/* Post *res (taken: *res becomes NULL) as the sync's one event; ok when
 * error is NULL. */
void sync_post_result(struct fetch_job *job, struct sync_job_result **res, const char *error);
/* A category as a tag: one word (blanks become '_'); NULL for NULL. */
char *sync_tag_of(const char *category);
/* The session token remembered for account (caller frees), or NULL. */
char *sync_session_get(struct sync_session *ss, const char *account);
void sync_session_put(struct sync_session *ss, const char *account, const char *token);

/*
 * The password of a source, when a login needs it: *pw stays as it is when
 * already read. With a remembered session the first request is no login,
 * so the password (a command may take a while) is read on the fetch
 * thread, and only if that session has expired. 0, or -1 with *err (caller
 * frees) for the sync's failure.
 */
struct sync_secret {
	char *file;	/* owned copies of the settings */
	char **cmd;
	char *pw;	/* wiped when freed */
};
void sync_secret_init(struct sync_secret *sec, const char *file, char *const *cmd);
int sync_secret_get(struct sync_secret *sec, char **err);
void sync_secret_clear(struct sync_secret *sec);

/*
 * What a run of either chain holds besides its protocol's own state: the
 * first member of struct run (syncjob.c) and struct grun (greaderjob.c),
 * so that a job's ud is one too. The run is freed when the last job
 * holding it is freed (refs).
 */
struct sync_base {
	unsigned refs;
	struct store *s;		/* borrowed: the feed jobs' connection */
	struct sync_session *session;	/* borrowed: outlives the fetcher */
	const char *prefix;		/* the remote ids': "ttrss:", "greader:" */
	char *account;
	char *user;
	struct sync_secret secret;	/* read when a login needs it */
	char *error;			/* set before the first request: fail at once */
	bool loaded;			/* the cursor and the queue are read */
	bool relogged;
	struct buf body;

	struct store_sync_change *changes;
	size_t nchanges;
	int group;			/* sending: (field, value) group 0..3 */

	struct sync_feed_list feeds;
	int64_t *feed_ids;		/* the store's ids of feeds.v */
	char *cursor_key;
	int64_t since, top;		/* the cursor as stored; the newest seen */

	char **unread, **starred;
	size_t nunread, nstarred;

	struct sync_job_result *res;
};

/* syncjob-store.c: the parts of both chains that do not depend on the
 * protocol. Each call that returns int is one transaction: 0, or -1 with
 * *err (caller frees) and the transaction rolled back. */
void sync_base_init(struct sync_base *b, struct store *s, struct sync_session *session,
    const char *source, size_t max_body);
void sync_base_clear(struct sync_base *b);
/* The fetch_job_ops of a struct sync_base ud: the first request reads the
 * cursor and the queue on the fetch thread's connection (or posts
 * b->error); the answer's body goes to b->body. */
enum fetch_prepare_result sync_on_prepare(struct fetch_job *job, void *ud);
int sync_on_body_start(struct fetch_job *job, void *ud, const struct fetch_response *resp);
int sync_on_body(struct fetch_job *job, void *ud, const char *data, size_t len);
/* The body that sends one group's changes: ids their remote ids (n > 0),
 * all with field set to value; NULL when it has nothing to send. */
typedef char *sync_send_body_fn(struct sync_base *b, const char *const *ids, size_t n,
    enum store_sync_field field, bool value);
/* The body of the next group with changes from b->group on (b->group is
 * left at it), or NULL when none is left. */
char *sync_next_send(struct sync_base *b, sync_send_body_fn *body_of);
/* Before the one login again of a sync whose session or token has
 * expired: the password read (b->relogged set) and true; or false with the
 * sync's failure posted. */
bool sync_relogin(struct fetch_job *job, struct sync_base *b);
/* The feed list stored; the feeds it no longer has dropped. */
int sync_store_feeds(struct sync_base *b, char **err);
/* One page of items, stored with the cursor b->top (first raised to the
 * newest crawl time seen when by_crawl). */
int sync_store_page(struct sync_base *b, const struct sync_item_list *l, bool by_crawl,
    char **err);
/* The pending changes of send group b->group are acknowledged. */
int sync_ack_group(struct sync_base *b, char **err);
/* The server's unread and starred ids applied. */
int sync_apply_ids(struct sync_base *b, char **err);

void greader_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session);

#endif
