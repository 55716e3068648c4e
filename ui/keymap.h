/*
 * Actions and key bindings as data (STYLE habit 9). One X-macro table names
 * every action; the default bindings and the config's `bind KEY ACTION`
 * lines go through the same parser, and the help view is generated from the
 * live map.
 *
 * A key is an int: a Unicode code point for characters (so Arabic keyboard
 * layouts can bind too), or KEYMAP_FN | a curses KEY_* code.
 */
#ifndef NR_UI_KEYMAP_H
#define NR_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/i18n.h"

/* X(ENUM, "config-name", "help text") */
#define NR_ACTIONS(X) \
	X(UP, "up", N_("move up")) \
	X(DOWN, "down", N_("move down")) \
	X(PAGE_UP, "page-up", N_("one page up")) \
	X(PAGE_DOWN, "page-down", N_("one page down")) \
	X(TOP, "top", N_("go to the first line")) \
	X(BOTTOM, "bottom", N_("go to the last line")) \
	X(OPEN, "open", N_("open the selected entry (a market token: its detail view)")) \
	X(BACK, "back", N_("go back (quit from the feed list)")) \
	X(QUIT, "quit", N_("quit newsreader")) \
	X(NEXT_UNREAD, "next-unread", N_("next unread article")) \
	X(PREV_UNREAD, "prev-unread", N_("previous unread article")) \
	X(RELOAD, "reload", N_("reload this feed")) \
	X(RELOAD_ALL, "reload-all", N_("reload all feeds")) \
	X(MARK_FEED_READ, "mark-feed-read", N_("mark the feed (or list) read")) \
	X(TOGGLE_READ, "toggle-read", N_("toggle read/unread of the article")) \
	X(OPEN_BROWSER, "open-in-browser", N_("open the article (or the market token) in the browser")) \
	X(SEARCH, "search", N_("search the cache")) \
	X(HELP, "help", N_("show this help")) \
	X(SHOW_ERRORS, "show-errors", N_("list the feeds whose last fetch failed and the market sources' states")) \
	X(LIKED, "liked", N_("show liked articles")) \
	X(REDRAW, "redraw", N_("redraw the screen")) \
	X(LIKE, "like", N_("like the article, or unlike it")) \
	X(SHARE, "share", N_("share the article: copy the link, a share page, share-command")) \
	X(REPOST, "repost", N_("repost the article through share-command (or bookmark-command)")) \
	X(COMMENT, "comment", N_("write a comment (C-d sends, Esc keeps the draft)")) \
	X(COMMENTS, "comments", N_("show the comments (r there fetches again, sends waiting ones)")) \
	X(REPLY, "reply", N_("in the comments: reply to the first comment on the screen")) \
	X(PANEL, "panel", N_("show or hide the market panel")) \
	X(FOCUS, "focus", N_("move the focus between the article and the market panel")) \
	X(MARKET_SORT, "market-sort", N_("sort the market panel by market cap, change or holders")) \
	X(FULL_TEXT, "full-text", N_("show the full article from its web page, or the feed's text")) \
	X(TOGGLE_SHOW_READ, "toggle-show-read-feeds", N_("hide or show the read feeds (in an article list: the read articles)")) \
	X(NEXT_ENCLOSURE, "next-enclosure", N_("select the article's next enclosure (podcast, image, file)")) \
	X(OPEN_ENCLOSURE, "open-enclosure", N_("open the selected enclosure with enclosure-command")) \
	X(DOWNLOAD_ENCLOSURE, "download-enclosure", N_("download the selected enclosure into download-path")) \
	X(DOWNLOADS, "show-downloads", N_("show the downloads")) \
	X(SET_FILTER, "limit", N_("show only the entries of the list that match a filter expression")) \
	X(CLEAR_FILTER, "clear-filter", N_("show the whole list again"))

enum action {
	ACTION_NONE = 0,
#define X(e, name, help) ACTION_##e,
	NR_ACTIONS(X)
#undef X
	ACTION_COUNT_
};

#define KEYMAP_FN 0x40000000

/* The action's config name and help text ("" for ACTION_NONE). */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* ACTION_NONE when unknown ("none" is valid and also gives ACTION_NONE). */
enum action action_from_name(const char *name, bool *ok);

/*
 * Key names: a single character ("j", "G", "/", "ث"), "C-x" or "^X" for
 * control keys, and Up Down Left Right PgUp PgDn Home End Enter Tab BTab Esc
 * Space Backspace Delete Insert F1..F12. Returns -1 for an unknown name.
 */
int keymap_key_from_name(const char *name);
/* config_name_check_fn hooks for config_check_binds() (ud unused). */
bool keymap_key_ok(const char *name, void *ud);
bool keymap_action_ok(const char *name, void *ud);
/* A printable name of key into out (at least 16 bytes). */
void keymap_key_name(int key, char *out, size_t outlen);

/* Opaque map; keymap_new() makes one with the defaults, keymap_free() frees. */
struct keymap;
struct keymap *keymap_new(void);
void keymap_free(struct keymap **km);
/* Bind (action "none" unbinds). 0, or -1 with *err set (caller frees):
 * "unknown key 'Foo'" / "unknown action 'bar'". */
int keymap_bind(struct keymap *km, const char *key, const char *action, char **err);
enum action keymap_lookup(const struct keymap *km, int key);
/* The keys bound to a, as "j, Down" into out; "" when none. */
void keymap_keys_of(const struct keymap *km, enum action a, char *out, size_t outlen);

#endif
