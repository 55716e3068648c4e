/*
 * The config file (CLI.md "Config file"): one setting per line,
 * `NAME VALUE...`, # comments, double-quoted values with spaces.
 *
 * Settings are described by a typed table (config_options()) with range,
 * default and one-line help; parsing, defaults and the man page's option
 * list all come from that table. Values land in the plain struct config
 * below, which its creator owns and frees with config_free(); everything it
 * points to is owned by it. The program never writes the config file.
 */
#ifndef NR_CONFIG_SETTINGS_H
#define NR_CONFIG_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "config/diag.h"

/* The values of the enumerated settings: indexes into their choices. */
enum config_bidi { CONFIG_BIDI_APP, CONFIG_BIDI_TERMINAL };
enum config_ui_direction { CONFIG_DIR_AUTO, CONFIG_DIR_LTR, CONFIG_DIR_RTL };
enum config_digits { CONFIG_DIGITS_AUTO, CONFIG_DIGITS_LATIN, CONFIG_DIGITS_ARABIC_INDIC };
enum config_full_text { CONFIG_FULL_TEXT_NO, CONFIG_FULL_TEXT_YES, CONFIG_FULL_TEXT_AUTO };
enum config_comment_unit { CONFIG_UNIT_CLUSTERS, CONFIG_UNIT_CODEPOINTS, CONFIG_UNIT_UTF16 };
/* urls-source: where the feed list and the items come from. */
enum config_repost_target { CONFIG_REPOST_COMMAND, CONFIG_REPOST_MASTODON };
enum config_urls_source { CONFIG_URLS_LOCAL, CONFIG_URLS_TTRSS, CONFIG_URLS_GREADER };
enum config_market_kind {
	CONFIG_MARKET_GENERIC, CONFIG_MARKET_GATE_ALPHA,
	CONFIG_MARKET_COINGECKO, CONFIG_MARKET_DEXSCREENER,
};

struct config_kv {
	char *key;
	char *value;
};

/* market-source KIND URL [key=value ...] */
struct config_market_source {
	enum config_market_kind kind;
	char *url;
	struct config_kv *params;
	size_t nparams;
	int line;	/* 0 for the implicit demo source */
};

/* bind KEY ACTION: stored as written; the TUI checks them (config_check_binds). */
struct config_bind {
	char *key;
	char *action;
	int line;
};

/* color ELEMENT FG BG [ATTR...]: colours and attributes are checked here,
 * element names by the TUI (config_check_colors). */
struct config_color {
	char *element;
	char *fg;	/* "default", "red", "brightred", "color123" */
	char *bg;
	char **attrs;	/* NULL-terminated: bold, dim, underline, ... */
	int line;
};

/*
 * comment-endpoint FEED-URL-PREFIX WP-BASE-URL [user=NAME]
 *     [password-file=PATH] [name=NAME] [email=ADDRESS] [limit=N]
 *     [unit=clusters|codepoints|utf16]
 * Comments on articles of feeds whose URL starts with the prefix are posted
 * to the WordPress REST API at WP-BASE-URL (/wp-json/wp/v2/comments), with an
 * Application Password read from password-file when user is set, and as
 * author name and email when set.
 */
struct config_comment_endpoint {
	char *feed_prefix;
	char *base_url;		/* https, or http to a loopback host */
	char *user;		/* NULL: anonymous comments */
	char *password_file;	/* "~/" expanded; NULL when user is NULL */
	char *name;		/* author_name to send; NULL: not set here */
	char *email;		/* author_email: has an '@', no blanks or controls;
				   NULL: not set here */
	int limit;		/* 0: use comment-limit */
	int unit;		/* enum config_comment_unit; -1: use comment-unit */
	int line;
};

/* direction [FEED-URL-PREFIX] auto|ltr|rtl */
struct config_direction {
	char *feed_prefix;	/* NULL: every feed */
	int dir;		/* enum config_ui_direction */
	int line;
};

struct config {
	char *file;		/* the file read, NULL when only defaults */
	int auto_reload;	/* minutes, 0 = off */
	int bidi;		/* enum config_bidi */
	int shaping;		/* 1 = on */
	int ui_direction;	/* enum config_ui_direction */
	int digits;	/* enum config_digits */
	int market_interval;	/* seconds */
	int green_up;		/* 1: rising prices green (0: red, as in East Asia) */
	int full_text;		/* enum config_full_text */
	int comment_limit;	/* in comment_unit */
	int comment_unit;	/* enum config_comment_unit */
	int max_parallel;
	int max_per_host;
	int download_timeout;	/* seconds */
	int connect_timeout;	/* seconds */
	int max_body_size;	/* MiB */
	int script_timeout;	/* seconds an exec:/filter: command may run */
	int reload_on_start;	/* 1 = yes */
	int restore_view;	/* 1 = reopen the last session's views at start */
	char *date_format;	/* strftime format of the article list */
	int text_width;		/* widest article text; 0 = the window */
	int log_max_size;	/* KiB: the log file is rotated at this size */
	/* Commands as argv (NULL-terminated), %u/%t still in place: a single
	 * quoted value is split like a shell would (no expansion); several
	 * values are the words themselves. NULL when unset. */
	char **browser;
	char **share_command;
	char **bookmark_command;
	/* Repost (S): repost_target 1 posts to Mastodon at mastodon_url with
	 * the token in mastodon_token_file ("~/" expanded; never kept here). */
	int repost_target;	/* enum config_repost_target */
	char *mastodon_url;
	char *mastodon_token_file;

	/* Sync (urls-source ttrss|greader): the server's URL, the login and
	 * where the password comes from (a file readable by its owner only, or
	 * the first line a command prints). NULL when unset; the password
	 * itself is never kept here. */
	int urls_source;	/* enum config_urls_source */
	char *ttrss_url;
	char *ttrss_login;
	char *ttrss_password_file;	/* "~/" expanded */
	char **ttrss_password_command;
	char *greader_url;
	char *greader_login;
	char *greader_password_file;
	char **greader_password_command;

	struct config_market_source *market_sources;
	size_t nmarket_sources;
	struct config_bind *binds;
	size_t nbinds;
	struct config_color *colors;
	size_t ncolors;
	struct config_comment_endpoint *comment_endpoints;
	size_t ncomment_endpoints;
	struct config_direction *directions;
	size_t ndirections;
};

enum config_type {
	CONFIG_INT,	/* a number in [min, max] */
	CONFIG_ENUM,	/* one of choices */
	CONFIG_STRING,	/* one value */
	CONFIG_COMMAND,	/* a command line (see struct config) */
	CONFIG_LIST,	/* repeatable, several values per line */
};

/* One row of the option table. */
struct config_option {
	const char *name;
	enum config_type type;
	const char *args;	/* value synopsis for help and the man page */
	long min, max;		/* CONFIG_INT */
	const char *const *choices;	/* CONFIG_ENUM, NULL-terminated */
	long default_int;	/* CONFIG_INT and CONFIG_ENUM (an index) */
	const char *default_str;	/* CONFIG_STRING; NULL = unset */
	const char *help;	/* one line */
	size_t offset;		/* of the field in struct config (not for lists) */
};

/* The option table, in the order the man page lists it. */
const struct config_option *config_options(size_t *n);
const struct config_option *config_option_find(const char *name);
/* The default as the man page shows it ("60", "app", "" when unset); static. */
const char *config_option_default_text(const struct config_option *o, char *tmp, size_t tmplen);

/* A config with every default applied; file is NULL. */
struct config *config_new_defaults(void);
/*
 * Parse the text of a config file named name (for messages) over the
 * defaults. Every problem is added to d as a DIAG_ERROR "NAME:LINE: ...";
 * returns the number of errors (0 = fine). *out is always set.
 */
int config_parse(const char *name, const char *data, size_t len, struct config **out,
    struct diag_list *d);
/*
 * Read and parse path. A missing file is not an error when must_exist is
 * false (defaults; file stays NULL). Returns the number of errors.
 */
int config_load(const char *path, bool must_exist, struct config **out, struct diag_list *d);
void config_free(struct config **c);

/*
 * Hooks for the names this module does not know: check(name) returns true
 * for a valid one. Adds "FILE:LINE: unknown key 'x'" / "unknown action 'x'" /
 * "unknown color element 'x'" errors; returns how many it added.
 */
typedef bool (*config_name_check_fn)(const char *name, void *ud);
int config_check_binds(const struct config *c, config_name_check_fn key_ok,
    config_name_check_fn action_ok, void *ud, struct diag_list *d);
int config_check_colors(const struct config *c, config_name_check_fn element_ok, void *ud,
    struct diag_list *d);

/* The `direction` setting for a feed (enum config_ui_direction): the last
 * line whose prefix starts feed_url (or that has none); AUTO when none. */
int config_feed_direction(const struct config *c, const char *feed_url);

/* "generic", "gate-alpha", ... */
const char *config_market_kind_name(enum config_market_kind k);

#endif
