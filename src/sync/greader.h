/*
 * The Google Reader API as FreshRSS, Miniflux, Inoreader, BazQux and The Old
 * Reader speak it, from its public description: request URLs and form
 * bodies, and answer parsers; pure functions.
 *
 *   POST BASE/accounts/ClientLogin   Email=&Passwd=  -> "Auth=TOKEN" lines
 *   every other call: header "Authorization: GoogleLogin auth=TOKEN"; an
 *   expired token is answered 401
 *   GET  BASE/reader/api/0/token                     -> a write token
 *   GET  BASE/reader/api/0/subscription/list?output=json
 *   GET  BASE/reader/api/0/stream/contents/STREAM?output=json&n=&ot=&c=
 *   GET  BASE/reader/api/0/stream/items/ids?output=json&s=&xt=&n=&c=
 *   POST BASE/reader/api/0/edit-tag  i=ID...&a=|r=TAG&T=TOKEN -> "OK"
 *
 * Item ids come in two forms: "tag:google.com,2005:reader/item/" and 16 hex
 * digits (contents), or the same 64-bit number in decimal (item ids); both
 * become "greader:DECIMAL". Read is the tag user/-/state/com.google/read;
 * like maps to user/-/state/com.google/starred.
 */
#ifndef NR_SYNC_GREADER_H
#define NR_SYNC_GREADER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sync/sync.h"

#define GREADER_PAGE 1000	/* items a page asks for */
#define GREADER_READING_LIST "user/-/state/com.google/reading-list"
#define GREADER_READ "user/-/state/com.google/read"
#define GREADER_STARRED "user/-/state/com.google/starred"

/* BASE + path, with one slash between. Caller frees. */
char *greader_url(const char *base, const char *path);
/* The ClientLogin form body (holds the password: wipe it). */
char *greader_login_body(const char *user, const char *password);
/* The Auth token of a ClientLogin answer (caller frees), or NULL with *err. */
char *greader_parse_login(const char *body, size_t len, char **err);
/* "Authorization: GoogleLogin auth=TOKEN" (caller frees). */
char *greader_auth_header(const char *token);

char *greader_url_subscriptions(const char *base);
/* The reading list's items crawled at or after since (0: all), a page from
 * continuation (NULL: the first). */
char *greader_url_contents(const char *base, time_t since, const char *continuation);
/* The ids of stream s without those tagged exclude (may be NULL). */
char *greader_url_ids(const char *base, const char *s, const char *exclude,
    const char *continuation);
char *greader_url_token(const char *base);
char *greader_url_edit(const char *base);
/* edit-tag's form body: ids (prefixed "greader:"), tag added (add) or
 * removed, the write token. */
char *greader_edit_body(const char *const *ids, size_t n, const char *tag, bool add,
    const char *token);

/* Parsers of the JSON answers. 0, or -1 with *err. The *continuation
 * (caller frees) is NULL on the last page. */
int greader_parse_subscriptions(const char *body, size_t len, struct sync_feed_list *out,
    char **err);
int greader_parse_contents(const char *body, size_t len, struct sync_item_list *out,
    char **continuation, char **err);
/* Ids appended to *v (n of them, prefixed). */
int greader_parse_ids(const char *body, size_t len, char ***v, size_t *n, char **continuation,
    char **err);

/* "greader:DECIMAL" for either form of an item id, or NULL. */
char *greader_item_id(const char *id);

#endif
