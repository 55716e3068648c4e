/*
 * Shared by the two sync chains of src/jobs (syncjob.c: Tiny Tiny RSS,
 * greaderjob.c: Google Reader API) only.
 */
#ifndef NR_JOBS_SYNCJOB_INT_H
#define NR_JOBS_SYNCJOB_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "jobs/syncjob.h"
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

/* syncjob-store.c: the store's side of both chains. Each call that
 * returns int is one transaction: 0, or -1 with *err (caller frees) and
 * the transaction rolled back. */
void sync_strv_free(char ***v, size_t *n);
/* The (field, value) of send group g (0..3). */
void sync_group_of(int g, enum store_sync_field *field, bool *value);
/* The feed list under prefix; *feed_ids (caller frees) the store's ids of
 * feeds->v, and the feeds the list no longer has dropped. */
int sync_store_feeds(struct store *s, const char *prefix, const struct sync_feed_list *feeds,
    int64_t **feed_ids, char **err);
/* One page of items, stored with the cursor: cursor, or with newest (not
 * NULL) the newest crawl time seen, *newest raised to it. */
int sync_store_page(struct store *s, const struct sync_feed_list *feeds, const int64_t *feed_ids,
    const struct sync_item_list *l, const char *cursor_key, int64_t cursor, time_t *newest,
    unsigned *new_items, char **err);
/* The pending changes of send group g are acknowledged; *sent counts them. */
int sync_ack_group(struct store *s, const struct store_sync_change *changes, size_t nchanges,
    int group, unsigned *sent, char **err);
/* The server's unread and starred ids applied to the items under prefix. */
int sync_apply_ids(struct store *s, const char *prefix, char *const *unread, size_t nunread,
    char *const *starred, size_t nstarred, unsigned *state_changes, char **err);

void greader_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session);

#endif
