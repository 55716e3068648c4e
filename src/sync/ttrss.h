/*
 * The Tiny Tiny RSS JSON API (API level 15, tt-rss 21.x): request bodies
 * and answer parsers, pure functions. Every call is a POST of a JSON object
 * with "op" (and "sid" once logged in) to BASE/api/; every answer is
 * {"seq":N,"status":0|1,"content":...}, status 1 carrying
 * content.error: NOT_LOGGED_IN (the session expired), LOGIN_ERROR,
 * API_DISABLED (the user has not allowed API access), INCORRECT_USAGE.
 *
 * Read state is the field unread; like maps to marked ("starred").
 * Bodies returned are the caller's to free; the login body holds the
 * password, so wipe it (sync_password_free) rather than free it.
 */
#ifndef NR_SYNC_TTRSS_H
#define NR_SYNC_TTRSS_H

#include <stddef.h>
#include <stdint.h>

#include "sync/sync.h"

/* Articles per getHeadlines page: the server's own cap at level 15. */
#define TTRSS_PAGE 200

/* Virtual feed ids of getHeadlines. */
#define TTRSS_FEED_STARRED (-1)
#define TTRSS_FEED_ALL (-4)

enum ttrss_status {
	TTRSS_OK,
	TTRSS_NOT_LOGGED_IN,	/* the session expired: log in again once */
	TTRSS_LOGIN_ERROR,
	TTRSS_API_DISABLED,
	TTRSS_FAILED,		/* any other error, or an answer we cannot read */
};

/* BASE/api/ for the installation at base (a trailing slash is fine). */
char *ttrss_api_url(const char *base);

char *ttrss_req_login(const char *user, const char *password);
char *ttrss_req_simple(const char *op, const char *sid);	/* getCategories, logout */
/* getFeeds of every category (cat_id -3: all but the virtual feeds). */
char *ttrss_req_feeds(const char *sid);
/*
 * getHeadlines of feed_id from skip on, oldest first, with the content when
 * with_content; unread_only restricts to unread ones; since_id > 0 returns
 * only articles with a greater id.
 */
char *ttrss_req_headlines(const char *sid, int64_t feed_id, int64_t since_id, size_t skip,
    bool with_content, bool unread_only);
/* updateArticle: field 0 marked (starred), 2 unread; ids are the server's
 * numbers (no prefix). */
enum ttrss_field { TTRSS_FIELD_STARRED = 0, TTRSS_FIELD_UNREAD = 2 };
char *ttrss_req_update(const char *sid, const int64_t *ids, size_t n, enum ttrss_field field,
    bool on);

/*
 * The envelope of an answer. Returns the status; on TTRSS_OK *content is a
 * new reference (caller json_decref()s; may be NULL when the caller passes
 * NULL), else *err (caller frees) is a sentence for the user.
 */
struct json_t;
enum ttrss_status ttrss_parse(const char *body, size_t len, struct json_t **content,
    char **err);
/* login's content: the session id (caller frees). 0, or -1 with *err. */
int ttrss_parse_login(struct json_t *content, char **sid, char **err);
/* getCategories' content as id -> title, then getFeeds' content with the
 * categories' titles. 0, or -1 with *err. */
int ttrss_parse_feeds(struct json_t *categories, struct json_t *feeds,
    struct sync_feed_list *out, char **err);
/* getHeadlines' content, appended to out; *max_id gets the greatest id
 * seen (left alone when none is greater). 0, or -1 with *err. */
int ttrss_parse_headlines(struct json_t *content, struct sync_item_list *out,
    int64_t *max_id, char **err);

/* "ttrss:123" -> 123; -1 when id is not one of ours. */
int64_t ttrss_id_number(const char *id);

#endif
