/*
 * Sync with a feed server (issue 14): what the protocol modules
 * (ttrss.h, greader.h) turn the server's answers into, and the password
 * source they share. Pure code: no network, no store; src/jobs/syncjob.c
 * sends the requests and stores the results.
 *
 * Every remote id is kept with its source's prefix ("ttrss:123",
 * "greader:tag:google.com,2005:reader/item/..."), so a cache that has seen
 * two servers never confuses their items.
 */
#ifndef NR_SYNC_SYNC_H
#define NR_SYNC_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* A subscription on the server. Strings owned by the struct. */
struct sync_feed {
	char *id;		/* the server's id, prefixed */
	char *url;		/* the feed's own URL (the store's key) */
	char *title;		/* may be NULL */
	char *category;		/* becomes the feed's tag; may be NULL */
};

/* An article on the server. Strings owned by the struct. */
struct sync_item {
	char *id;		/* the server's id, prefixed */
	char *feed_id;		/* the feed's server id, prefixed */
	char *title, *link, *author, *content;	/* may be NULL */
	time_t published;	/* 0 when unknown */
	time_t crawled;		/* when the server got it (its clock); 0 when unknown */
	bool read;
	bool starred;		/* newsreader's like */
};

struct sync_feed_list {
	struct sync_feed *v;
	size_t n;
};
struct sync_item_list {
	struct sync_item *v;
	size_t n;
};
void sync_feed_list_clear(struct sync_feed_list *l);
/*
 * A string from the server made fit for the cache and the screen
 * (utf8_sanitize: no controls, no escape sequences; marks kept). html:
 * newlines and tabs kept (article content). NULL when nothing is left.
 */
char *sync_clean(const char *s, bool html);
/* The string member key of the JSON object o, cleaned (sync_clean); NULL
 * when absent, not a string or empty. Both protocols' answers are JSON. */
struct json_t;
char *sync_json_text(const struct json_t *o, const char *key, bool html);
void sync_item_list_clear(struct sync_item_list *l);

/*
 * The password, from exactly one of file (its first line; refused when the
 * group or others may read it, or it is not a regular file) and argv (a
 * command run without a shell, its first output line; it must exit 0
 * within 30 s). *pw is the caller's to wipe (sync_password_free). Returns
 * 0, or -1 with *err (caller frees), which never contains the password.
 */
int sync_read_password(const char *file, char *const *argv, char **pw, char **err);
/*
 * The first line of data without its blanks at either end, or NULL when
 * that leaves nothing. A new string the caller wipes and frees.
 */
char *sync_password_line(const char *data);
/* Wipe and free a password; NULL-safe. */
void sync_password_free(char **pw);

/* A password may go over plain http only to this machine. */
bool sync_url_safe_for_password(const char *url);

#endif
