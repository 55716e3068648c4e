/*
 * Shared by the two sync chains of src/jobs (syncjob.c: Tiny Tiny RSS,
 * greaderjob.c: Google Reader API) only.
 */
#ifndef NR_JOBS_SYNCJOB_INT_H
#define NR_JOBS_SYNCJOB_INT_H

#include "jobs/syncjob.h"

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

void greader_job_submit(struct fetcher *f, struct store *s, const struct config *c,
    struct sync_session *session);

#endif
