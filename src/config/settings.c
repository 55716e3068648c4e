/*
 * The config file: the option table, defaults and the parser (see
 * settings.h). Each line is tokenized by lex.c; the first token names an
 * option of the table, whose type decides how the values are checked. All
 * errors of a file are collected, none stops the parse.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/diag.h"
#include "config/fileio.h"
#include "config/lex.h"
#include "config/newsboat.h"
#include "config/settings.h"
#include "filter/filter.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define CONFIG_MAX_SIZE (1024 * 1024)

static const char *const bidi_choices[] = { "app", "terminal", NULL };
static const char *const onoff_choices[] = { "off", "on", NULL };
static const char *const yesno_choices[] = { "no", "yes", NULL };
static const char *const ignore_mode_choices[] = { "download", "display", NULL };
static const char *const direction_choices[] = { "auto", "ltr", "rtl", NULL };
static const char *const digits_choices[] = { "auto", "latin", "arabic-indic", NULL };
static const char *const full_text_choices[] = { "no", "yes", "auto", NULL };
static const char *const unit_choices[] = { "clusters", "codepoints", "utf16", NULL };
static const char *const repost_choices[] = { "command", "mastodon", NULL };
static const char *const urls_source_choices[] = { "local", "ttrss", "greader", NULL };
static const char *const osc_choices[] = { "off", "9", "777", NULL };
static const char *const market_kinds[] = {
	"generic", "gate-alpha", "coingecko", "dexscreener", NULL
};

#define OFF(f) offsetof(struct config, f)

static const struct config_option options[] = {
	{ .name = "auto-reload", .type = CONFIG_INT, .args = "MINUTES", .min = 0, .max = 10080,
	  .default_int = 0, .offset = OFF(auto_reload),
	  .help = "reload every feed every this many minutes; 0 turns it off" },
	{ .name = "reload-on-start", .type = CONFIG_ENUM, .args = "yes|no",
	  .choices = yesno_choices, .default_int = 0, .offset = OFF(reload_on_start),
	  .help = "reload every feed when the reader starts" },
	{ .name = "restore-view", .type = CONFIG_ENUM, .args = "yes|no",
	  .choices = yesno_choices, .default_int = 1, .offset = OFF(restore_view),
	  .help = "at start, reopen the list and the article open when the reader last quit" },
	{ .name = "bidi", .type = CONFIG_ENUM, .args = "app|terminal",
	  .choices = bidi_choices, .default_int = CONFIG_BIDI_APP, .offset = OFF(bidi),
	  .help = "who lays out bidirectional text: newsreader itself or a bidi-aware terminal" },
	{ .name = "shaping", .type = CONFIG_ENUM, .args = "on|off",
	  .choices = onoff_choices, .default_int = 1, .offset = OFF(shaping),
	  .help = "draw Arabic with its joined presentation forms" },
	{ .name = "ui-direction", .type = CONFIG_ENUM, .args = "auto|ltr|rtl",
	  .choices = direction_choices, .default_int = CONFIG_DIR_AUTO,
	  .offset = OFF(ui_direction),
	  .help = "direction of the screen layout; auto follows the locale" },
	{ .name = "digits", .type = CONFIG_ENUM, .args = "auto|latin|arabic-indic",
	  .choices = digits_choices, .default_int = CONFIG_DIGITS_AUTO, .offset = OFF(digits),
	  .help = "digits of the interface's numbers and dates (never the article text's); "
	    "auto: Arabic-Indic in the Arabic interface" },
	{ .name = "direction", .type = CONFIG_LIST, .args = "[FEED-URL-PREFIX] auto|ltr|rtl",
	  .help = "direction of articles whose HTML and language say none (all feeds, or "
	  "those whose URL starts with the prefix; the last match wins); auto: most words decide" },
	{ .name = "log-max-size", .type = CONFIG_INT, .args = "KIB", .min = 1, .max = 1048576,
	  .default_int = 1024, .offset = OFF(log_max_size),
	  .help = "the log file is rotated (to log.1) at this size in KiB" },
	{ .name = "text-width", .type = CONFIG_INT, .args = "N", .min = 0, .max = 10000,
	  .default_int = 0, .offset = OFF(text_width),
	  .help = "widest article text in columns, centred; 0: the whole window" },
	{ .name = "date-format", .type = CONFIG_STRING, .args = "FORMAT",
	  .default_str = "%Y-%m-%d", .offset = OFF(date_format),
	  .help = "strftime(3) format of the dates in the article list" },
	{ .name = "full-text", .type = CONFIG_ENUM, .args = "yes|no|auto",
	  .choices = full_text_choices, .default_int = CONFIG_FULL_TEXT_NO,
	  .offset = OFF(full_text),
	  .help = "fetch the whole article page (reader mode); auto does it for short items" },
	{ .name = "show-read-feeds", .type = CONFIG_ENUM, .args = "yes|no",
	  .choices = yesno_choices, .default_int = 1, .offset = OFF(show_read_feeds),
	  .help = "list feeds without unread articles (toggle-show-read-feeds switches it)" },
	{ .name = "show-read-articles", .type = CONFIG_ENUM, .args = "yes|no",
	  .choices = yesno_choices, .default_int = 1, .offset = OFF(show_read_articles),
	  .help = "list read articles (toggle-show-read-feeds in an article list switches it)" },
	{ .name = "max-items", .type = CONFIG_INT, .args = "N", .min = 0, .max = 1000000,
	  .default_int = 0, .offset = OFF(max_items),
	  .help = "after a reload, keep the N newest articles of each feed (and every liked, "
	  "starred or commented one); 0: no limit" },
	{ .name = "keep-articles-days", .type = CONFIG_INT, .args = "DAYS", .min = 0,
	  .max = 100000, .default_int = 0, .offset = OFF(keep_articles_days),
	  .help = "after a reload, remove articles older than this many days (never liked, "
	  "starred or commented ones); 0: keep them" },
	{ .name = "notify-program", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(notify_program),
	  .help = "command run (no shell) after a reload that brought new articles: "
	  "%n their number, %f the feeds' titles; without %n or %f the message is its "
	  "last argument" },
	{ .name = "notify-osc", .type = CONFIG_ENUM, .args = "off|9|777",
	  .choices = osc_choices, .default_int = CONFIG_OSC_OFF, .offset = OFF(notify_osc),
	  .help = "also tell the terminal of new articles with OSC 9 or OSC 777 (a desktop "
	  "notification where the terminal supports it)" },
	{ .name = "macro", .type = CONFIG_LIST, .args = "KEY ACTION [; ACTION...]",
	  .help = "run the actions one after the other when , then KEY is pressed; repeatable" },
	{ .name = "market-source", .type = CONFIG_LIST,
	  .args = "generic|gate-alpha|coingecko|dexscreener URL [KEY=VALUE...]",
	  .help = "a source of the market panel; repeatable" },
	{ .name = "market-interval", .type = CONFIG_INT, .args = "SECONDS", .min = 1, .max = 86400,
	  .default_int = 60, .offset = OFF(market_interval),
	  .help = "seconds between market refreshes" },
	{ .name = "green-up", .type = CONFIG_ENUM, .args = "yes|no",
	  .choices = yesno_choices, .default_int = 1, .offset = OFF(green_up),
	  .help = "show rising prices in green (no: in red)" },
	{ .name = "comment-limit", .type = CONFIG_INT, .args = "N", .min = 1, .max = 100000,
	  .default_int = 400, .offset = OFF(comment_limit),
	  .help = "longest comment, counted in comment-unit" },
	{ .name = "comment-unit", .type = CONFIG_ENUM, .args = "clusters|codepoints|utf16",
	  .choices = unit_choices, .default_int = CONFIG_UNIT_CLUSTERS,
	  .offset = OFF(comment_unit),
	  .help = "what comment-limit counts: characters as seen, code points or UTF-16 units" },
	{ .name = "comment-endpoint", .type = CONFIG_LIST,
	  .args = "FEED-URL-PREFIX WP-BASE-URL [user=NAME password-file=PATH] [name=NAME] "
	  "[email=ADDRESS] [limit=N] [unit=U]",
	  .help = "post comments on those feeds' articles to a WordPress site; repeatable" },
	{ .name = "browser", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(browser),
	  .help = "command that opens a link (%u URL, %t title); default $BROWSER, else xdg-open" },
	{ .name = "share-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(share_command),
	  .help = "command run to share an article (%u URL, %t title)" },
	{ .name = "bookmark-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(bookmark_command),
	  .help = "command run to bookmark an article (%u URL, %t title)" },
	{ .name = "enclosure-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(enclosure_command),
	  .help = "command that opens an enclosure, e.g. a player (%u URL, %t MIME type); "
	  "default: the browser" },
	{ .name = "download-path", .type = CONFIG_STRING, .args = "DIR",
	  .offset = OFF(download_path),
	  .help = "where enclosures are downloaded (made 0700 when missing); "
	  "default: the XDG download directory, else ~/Downloads" },
	{ .name = "download-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(download_command),
	  .help = "command that downloads an enclosure (%u URL, %f file to write); "
	  "default: newsreader's own fetcher" },
	{ .name = "max-downloads", .type = CONFIG_INT, .args = "N", .min = 1, .max = 32,
	  .default_int = 1, .offset = OFF(max_downloads),
	  .help = "enclosure downloads at once" },
	{ .name = "download-max-size", .type = CONFIG_INT, .args = "MIB", .min = 0,
	  .max = 1048576, .default_int = 0, .offset = OFF(download_max_size),
	  .help = "largest enclosure newsreader's own fetcher downloads, in MiB; 0: no limit" },
	{ .name = "repost-target", .type = CONFIG_ENUM, .args = "command|mastodon",
	  .choices = repost_choices, .default_int = CONFIG_REPOST_COMMAND,
	  .offset = OFF(repost_target),
	  .help = "what S does: run share-command, or post a status to Mastodon" },
	{ .name = "mastodon-url", .type = CONFIG_STRING, .args = "URL", .offset = OFF(mastodon_url),
	  .help = "the Mastodon instance reposts go to (https, or http to a loopback host)" },
	{ .name = "mastodon-token-file", .type = CONFIG_STRING, .args = "PATH",
	  .offset = OFF(mastodon_token_file),
	  .help = "file whose first line is the access token; refused when others can read it" },
	{ .name = "urls-source", .type = CONFIG_ENUM, .args = "local|ttrss|greader",
	  .choices = urls_source_choices, .default_int = CONFIG_URLS_LOCAL,
	  .offset = OFF(urls_source),
	  .help = "where the feeds come from: the urls file, a Tiny Tiny RSS server or a "
	  "Google Reader API server (synced on reload)" },
	{ .name = "ttrss-url", .type = CONFIG_STRING, .args = "URL", .offset = OFF(ttrss_url),
	  .help = "the Tiny Tiny RSS installation (https, or http to a loopback host)" },
	{ .name = "ttrss-login", .type = CONFIG_STRING, .args = "NAME",
	  .offset = OFF(ttrss_login), .help = "the user name on the Tiny Tiny RSS server" },
	{ .name = "ttrss-password-file", .type = CONFIG_STRING, .args = "PATH",
	  .offset = OFF(ttrss_password_file),
	  .help = "file whose first line is the password; refused when others can read it" },
	{ .name = "ttrss-password-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(ttrss_password_command),
	  .help = "command (run without a shell) whose first output line is the password" },
	{ .name = "greader-url", .type = CONFIG_STRING, .args = "URL",
	  .offset = OFF(greader_url),
	  .help = "the Google Reader API base, e.g. https://host/api/greader.php" },
	{ .name = "greader-login", .type = CONFIG_STRING, .args = "NAME",
	  .offset = OFF(greader_login), .help = "the user name on the Google Reader API server" },
	{ .name = "greader-password-file", .type = CONFIG_STRING, .args = "PATH",
	  .offset = OFF(greader_password_file),
	  .help = "file whose first line is the password; refused when others can read it" },
	{ .name = "greader-password-command", .type = CONFIG_COMMAND, .args = "COMMAND",
	  .offset = OFF(greader_password_command),
	  .help = "command (run without a shell) whose first output line is the password" },
	{ .name = "ignore-article", .type = CONFIG_LIST, .args = "FEED-URL|* EXPRESSION",
	  .help = "kill rule: articles of that feed (* every feed) matching the filter "
	  "expression are dropped or hidden (ignore-mode); repeatable" },
	{ .name = "ignore-mode", .type = CONFIG_ENUM, .args = "download|display",
	  .choices = ignore_mode_choices, .default_int = CONFIG_IGNORE_DOWNLOAD,
	  .offset = OFF(ignore_mode),
	  .help = "download: ignored articles are never stored; display: stored but not shown" },
	{ .name = "bind", .type = CONFIG_LIST, .args = "KEY ACTION",
	  .help = "bind a key to an action; repeatable" },
	{ .name = "color", .type = CONFIG_LIST, .args = "ELEMENT FG BG [ATTR...]",
	  .help = "colours of a screen element; NO_COLOR in the environment overrides; repeatable" },
	{ .name = "max-parallel", .type = CONFIG_INT, .args = "N", .min = 1, .max = 256,
	  .default_int = 16, .offset = OFF(max_parallel),
	  .help = "most downloads at once" },
	{ .name = "max-per-host", .type = CONFIG_INT, .args = "N", .min = 1, .max = 64,
	  .default_int = 4, .offset = OFF(max_per_host),
	  .help = "most downloads at once from one host" },
	{ .name = "connect-timeout", .type = CONFIG_INT, .args = "SECONDS", .min = 1, .max = 600,
	  .default_int = 10, .offset = OFF(connect_timeout),
	  .help = "give up connecting to a server after this long" },
	{ .name = "download-timeout", .type = CONFIG_INT, .args = "SECONDS", .min = 1, .max = 3600,
	  .default_int = 30, .offset = OFF(download_timeout),
	  .help = "give up a whole download after this long" },
	{ .name = "max-body-size", .type = CONFIG_INT, .args = "MIB", .min = 1, .max = 1024,
	  .default_int = 32, .offset = OFF(max_body_size),
	  .help = "largest feed or page accepted, in MiB" },
	{ .name = "script-timeout", .type = CONFIG_INT, .args = "SECONDS", .min = 1, .max = 3600,
	  .default_int = 60, .offset = OFF(script_timeout),
	  .help = "stop an exec: or filter: feed's command after this long" },
};

const struct config_option *
config_options(size_t *n)
{
	*n = sizeof options / sizeof options[0];
	return options;
}

const struct config_option *
config_option_find(const char *name)
{
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

const char *
config_option_default_text(const struct config_option *o, char *tmp, size_t tmplen)
{
	switch (o->type) {
	case CONFIG_INT:
		snprintf(tmp, tmplen, "%ld", o->default_int);
		return tmp;
	case CONFIG_ENUM:
		return o->choices[o->default_int];
	case CONFIG_STRING:
		return o->default_str ? o->default_str : "";
	default:
		return "";
	}
}

const char *
config_market_kind_name(enum config_market_kind k)
{
	return market_kinds[k];
}

static int *
int_field(struct config *c, const struct config_option *o)
{
	return (int *)((char *)c + o->offset);
}

static char **
str_field(struct config *c, const struct config_option *o)
{
	return (char **)((char *)c + o->offset);
}

static char ***
argv_field(struct config *c, const struct config_option *o)
{
	return (char ***)((char *)c + o->offset);
}

struct config *
config_new_defaults(void)
{
	struct config *c = xcalloc(1, sizeof *c);

	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		const struct config_option *o = &options[i];
		if (o->type == CONFIG_INT || o->type == CONFIG_ENUM)
			*int_field(c, o) = (int)o->default_int;
		else if (o->type == CONFIG_STRING && o->default_str != NULL)
			*str_field(c, o) = xstrdup(o->default_str);
	}
	return c;
}

/* "app or terminal", "auto, ltr or rtl" (caller frees). */
static char *
choices_text(const char *const *choices)
{
	struct buf b = BUF_INIT;
	size_t n = 0;

	while (choices[n] != NULL)
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_append_str(&b, i == n - 1 ? " or " : ", ");
		buf_append_str(&b, choices[i]);
	}
	return buf_detach(&b);
}

/* What a value of o looks like, for messages (caller frees). */
static char *
expected_text(const struct config_option *o)
{
	switch (o->type) {
	case CONFIG_INT:
		return xasprintf("a number from %ld to %ld", o->min, o->max);
	case CONFIG_ENUM:
		return choices_text(o->choices);
	case CONFIG_COMMAND:
		return xstrdup("a command line");
	default:
		return xstrdup(o->args);
	}
}

static int
choice_index(const char *const *choices, const char *s)
{
	for (int i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], s) == 0)
			return i;
	return -1;
}

static bool
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]) && !(s[0] == '-' && isdigit((unsigned char)s[1])))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Parsing state of one file. */
struct parse_ctx {
	struct config *c;
	const char *file;
	int line;
	struct diag_list *d;
	int errors;
	/* Who else may write the file ("its group", "others"), or NULL: then
	 * its commands are refused, as the urls file's script feeds are. */
	const char *writable_by;
};

static void
error(struct parse_ctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
error(struct parse_ctx *p, const char *fmt, ...)
{
	va_list ap;
	char *reason;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->d, DIAG_ERROR, p->file, p->line, "%s", reason);
	free(reason);
	p->errors++;
}

static void
bad_value(struct parse_ctx *p, const struct config_option *o, const char *value)
{
	char *exp = expected_text(o);
	/* newsboat's auto-reload is yes|no, with reload-time beside it. */
	bool nb = strcmp(o->name, "auto-reload") == 0 && (strcmp(value, "yes") == 0 ||
	    strcmp(value, "no") == 0 || strcmp(value, "true") == 0 || strcmp(value, "false") == 0);

	error(p, "bad value '%s' for %s (expected %s)%s", value, o->name, exp,
	    nb ? "; newsboat's auto-reload yes and reload-time N are auto-reload N here" : "");
	free(exp);
}

/* Check the number of values; report and return false when wrong. */
static bool
count_ok(struct parse_ctx *p, const struct config_option *o, size_t n, size_t min, size_t max)
{
	char *exp;

	if (n >= min && n <= max)
		return true;
	exp = expected_text(o);
	if (n < min)
		error(p, "missing value for %s (expected %s)", o->name, exp);
	else
		error(p, "too many values for %s (expected %s)", o->name, exp);
	free(exp);
	return false;
}

static bool
url_scheme_ok(const char *url, bool allow_file)
{
	return (strncmp(url, "https://", 8) == 0 && url[8] != '\0') ||
	    (strncmp(url, "http://", 7) == 0 && url[7] != '\0') ||
	    (allow_file && strncmp(url, "file://", 7) == 0 && url[7] != '\0');
}

/* https anywhere; plain http only to this machine (tests, local proxies). */
static bool
post_url_ok(const char *url)
{
	static const char *const loopback[] = {
		"http://127.0.0.1", "http://localhost", "http://[::1]", NULL
	};

	if (strncmp(url, "https://", 8) == 0 && url[8] != '\0')
		return true;
	for (size_t i = 0; loopback[i] != NULL; i++) {
		size_t n = strlen(loopback[i]);
		if (strncmp(url, loopback[i], n) == 0 &&
		    (url[n] == '\0' || url[n] == ':' || url[n] == '/'))
			return true;
	}
	return false;
}

static void
parse_market_source(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config_market_source src = { 0 };
	int kind;

	if (!count_ok(p, o, n, 2, 64))
		return;
	if ((kind = choice_index(market_kinds, v[0])) == -1) {
		error(p, "bad value '%s' for market-source (expected generic, gate-alpha, "
		    "coingecko or dexscreener)", v[0]);
		return;
	}
	if (!url_scheme_ok(v[1], true)) {
		error(p, "bad value '%s' for market-source (expected an http, https or file URL)",
		    v[1]);
		return;
	}
	for (size_t i = 2; i < n; i++) {
		const char *eq = strchr(v[i], '=');
		if (eq == NULL || eq == v[i]) {
			error(p, "bad value '%s' for market-source (expected KEY=VALUE)", v[i]);
			return;
		}
	}
	src.kind = kind;
	src.url = xstrdup(v[1]);
	src.line = p->line;
	src.nparams = n - 2;
	src.params = xcalloc(src.nparams ? src.nparams : 1, sizeof *src.params);
	for (size_t i = 2; i < n; i++) {
		const char *eq = strchr(v[i], '=');
		src.params[i - 2].key = xstrndup(v[i], (size_t)(eq - v[i]));
		src.params[i - 2].value = xstrdup(eq + 1);
	}
	struct config *c = p->c;
	c->market_sources = xreallocarray(c->market_sources, c->nmarket_sources + 1,
	    sizeof *c->market_sources);
	c->market_sources[c->nmarket_sources++] = src;
}

static void
parse_bind(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config *c = p->c;

	if (!count_ok(p, o, n, 2, 2))
		return;
	c->binds = xreallocarray(c->binds, c->nbinds + 1, sizeof *c->binds);
	c->binds[c->nbinds].key = xstrdup(v[0]);
	c->binds[c->nbinds].action = xstrdup(v[1]);
	c->binds[c->nbinds].line = p->line;
	c->nbinds++;
}

static bool
color_ok(const char *s)
{
	static const char *const names[] = {
		"default", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
		NULL
	};
	long n;

	if (strncmp(s, "bright", 6) == 0 && choice_index(names + 1, s + 6) != -1)
		return true;
	if (strncmp(s, "color", 5) == 0 && s[5] != '\0')
		return parse_long(s + 5, 0, 255, &n);
	return choice_index(names, s) != -1;
}

static void
parse_color(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	static const char *const attrs[] = {
		"normal", "bold", "dim", "underline", "reverse", "standout", "blink", "italic",
		NULL
	};
	struct config *c = p->c;

	if (!count_ok(p, o, n, 3, 16))
		return;
	for (size_t i = 1; i < 3; i++) {
		if (!color_ok(v[i])) {
			error(p, "bad value '%s' for color (expected default, black, red, green, "
			    "yellow, blue, magenta, cyan, white, brightNAME or color0 to color255)",
			    v[i]);
			return;
		}
	}
	for (size_t i = 3; i < n; i++) {
		if (choice_index(attrs, v[i]) == -1) {
			char *exp = choices_text(attrs);
			error(p, "bad value '%s' for color (expected %s)", v[i], exp);
			free(exp);
			return;
		}
	}
	c->colors = xreallocarray(c->colors, c->ncolors + 1, sizeof *c->colors);
	c->colors[c->ncolors].element = xstrdup(v[0]);
	c->colors[c->ncolors].fg = xstrdup(v[1]);
	c->colors[c->ncolors].bg = xstrdup(v[2]);
	c->colors[c->ncolors].attrs = lex_argv_copy(v + 3, n - 3);
	c->colors[c->ncolors].line = p->line;
	c->ncolors++;
}

/* "~/x" becomes "$HOME/x"; anything else is copied. */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (strncmp(path, "~/", 2) == 0 && home != NULL && *home != '\0')
		return xasprintf("%s/%s", home, path + 2);
	return xstrdup(path);
}

/* No C0 control, DEL or C1 control (as UTF-8: C2 80..C2 9F). */
static bool
no_controls(const char *s)
{
	for (const unsigned char *u = (const unsigned char *)s; *u != '\0'; u++) {
		if (*u < 0x20 || *u == 0x7F || (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F))
			return false;
	}
	return true;
}

/* Loosely an email address: something@something, no blanks or controls.
 * The site checks it properly; this catches a swapped name= and email=. */
static bool
email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' && strpbrk(s, " \t") == NULL &&
	    no_controls(s);
}

static void
parse_comment_endpoint(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config_comment_endpoint ep = { .limit = 0, .unit = -1 };
	const char *user = NULL, *pwfile = NULL, *name = NULL, *email = NULL;
	long limit = 0;
	struct config *c = p->c;

	if (!count_ok(p, o, n, 2, 8))
		return;
	if (!url_scheme_ok(v[0], false)) {
		error(p, "bad value '%s' for comment-endpoint (expected a feed URL prefix "
		    "starting with http:// or https://)", v[0]);
		return;
	}
	if (!post_url_ok(v[1])) {
		error(p, "bad value '%s' for comment-endpoint (expected an https:// WordPress "
		    "address)", v[1]);
		return;
	}
	for (size_t i = 2; i < n; i++) {
		if (strncmp(v[i], "user=", 5) == 0 && v[i][5] != '\0')
			user = v[i] + 5;
		else if (strncmp(v[i], "password-file=", 14) == 0 && v[i][14] != '\0')
			pwfile = v[i] + 14;
		else if (strncmp(v[i], "name=", 5) == 0) {
			name = v[i] + 5;
			if (name[strspn(name, " \t")] == '\0' || !no_controls(name)) {
				error(p, "bad value '%s' for comment-endpoint (expected name=NAME, "
				    "not blank, without control characters)", v[i]);
				return;
			}
		} else if (strncmp(v[i], "email=", 6) == 0) {
			email = v[i] + 6;
			if (!email_ok(email)) {
				error(p, "bad value '%s' for comment-endpoint (expected "
				    "email=ADDRESS with an '@' and no spaces)", v[i]);
				return;
			}
		}
		else if (strncmp(v[i], "limit=", 6) == 0 && parse_long(v[i] + 6, 1, 100000, &limit))
			;
		else if (strncmp(v[i], "unit=", 5) == 0 &&
		    (ep.unit = choice_index(unit_choices, v[i] + 5)) != -1)
			;
		else {
			error(p, "bad value '%s' for comment-endpoint (expected user=NAME, "
			    "password-file=PATH, name=NAME, email=ADDRESS, limit=N or "
			    "unit=clusters|codepoints|utf16)", v[i]);
			return;
		}
	}
	if ((user == NULL) != (pwfile == NULL)) {
		error(p, "comment-endpoint needs both user= and password-file= (or neither)");
		return;
	}
	ep.feed_prefix = xstrdup(v[0]);
	ep.base_url = xstrdup(v[1]);
	ep.user = xstrdup_null(user);
	ep.password_file = pwfile ? expand_home(pwfile) : NULL;
	ep.name = xstrdup_null(name);
	ep.email = xstrdup_null(email);
	ep.limit = (int)limit;
	ep.line = p->line;
	c->comment_endpoints = xreallocarray(c->comment_endpoints, c->ncomment_endpoints + 1,
	    sizeof *c->comment_endpoints);
	c->comment_endpoints[c->ncomment_endpoints++] = ep;
}

static void
parse_direction(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config *c = p->c;
	int d;

	if (!count_ok(p, o, n, 1, 2))
		return;
	if ((d = choice_index(direction_choices, v[n - 1])) == -1) {
		bad_value(p, o, v[n - 1]);
		return;
	}
	c->directions = xreallocarray(c->directions, c->ndirections + 1, sizeof *c->directions);
	c->directions[c->ndirections++] = (struct config_direction){
		.feed_prefix = n == 2 ? xstrdup(v[0]) : NULL, .dir = d, .line = p->line,
	};
}

/* ignore-article FEED EXPRESSION: the expression is checked now, so its
 * mistake is reported with the line and the column. */
static void
parse_ignore(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config *c = p->c;
	struct filter *f;
	char *err;

	if (!count_ok(p, o, n, 2, 2))
		return;
	if (filter_parse(v[1], &f, &err) == -1) {
		error(p, "ignore-article: %s", err);
		free(err);
		return;
	}
	filter_free(&f);
	c->ignores = xreallocarray(c->ignores, c->nignores + 1, sizeof *c->ignores);
	c->ignores[c->nignores++] = (struct config_ignore){
		.feed_url = strcmp(v[0], "*") == 0 ? NULL : xstrdup(v[0]),
		.expr = xstrdup(v[1]), .line = p->line,
	};
}

/* Split "a b ; c ; d e" (also "b;" and ";c" glued to a word) into argvs. */
static void
parse_macro(struct parse_ctx *p, const struct config_option *o, char **v, size_t n)
{
	struct config *c = p->c;
	struct config_macro m = { .line = p->line };
	char **cur = NULL;
	size_t ncur = 0;

	if (!count_ok(p, o, n, 2, 512))
		return;
	m.key = xstrdup(v[0]);
	for (size_t i = 1; i <= n; i++) {
		const char *w = i < n ? v[i] : ";";
		size_t len = strlen(w);
		bool lead = len > 0 && w[0] == ';' && len > 1;
		bool trail = len > 1 && w[len - 1] == ';';
		const char *start = w + (lead ? 1 : 0);
		size_t wl = len - (lead ? 1 : 0) - (trail ? 1 : 0);
		bool sep = strcmp(w, ";") == 0;

		if (lead || sep) {
			if (ncur > 0) {
				m.actions = xreallocarray(m.actions, m.nactions + 1,
				    sizeof *m.actions);
				m.actions[m.nactions++] = cur;
			} else if (i < n || m.nactions == 0) {
				error(p, "macro %s: empty action (expected ACTION between ';')",
				    m.key);
				goto fail;
			}
			cur = NULL;
			ncur = 0;
			if (sep)
				continue;
		}
		cur = xreallocarray(cur, ncur + 2, sizeof *cur);
		cur[ncur++] = xstrndup(start, wl);
		cur[ncur] = NULL;
		if (trail) {
			m.actions = xreallocarray(m.actions, m.nactions + 1, sizeof *m.actions);
			m.actions[m.nactions++] = cur;
			cur = NULL;
			ncur = 0;
		}
	}
	if (m.nactions == 0) {
		error(p, "macro %s: no action", m.key);
		goto fail;
	}
	c->macros = xreallocarray(c->macros, c->nmacros + 1, sizeof *c->macros);
	c->macros[c->nmacros++] = m;
	return;
fail:
	lex_argv_free(&cur);
	for (size_t i = 0; i < m.nactions; i++)
		lex_argv_free(&m.actions[i]);
	free(m.actions);
	free(m.key);
}

int
config_feed_direction(const struct config *c, const char *feed_url)
{
	int d = CONFIG_DIR_AUTO;

	for (size_t i = 0; i < c->ndirections; i++) {
		const char *pre = c->directions[i].feed_prefix;
		if (pre == NULL || (feed_url != NULL && strncmp(feed_url, pre, strlen(pre)) == 0))
			d = c->directions[i].dir;
	}
	return d;
}

static void
parse_setting(struct parse_ctx *p, char **tok, size_t ntok)
{
	const struct config_option *o = config_option_find(tok[0]);
	char **v = tok + 1;
	size_t n = ntok - 1;
	long num;
	int idx;

	if (o == NULL) {
		/* A newsboat name: say ours (newsboat.c holds the table). */
		const char *hint = newsboat_hint(tok[0]);
		if (hint != NULL)
			error(p, "%s: %s", tok[0], hint);
		else
			error(p, "unknown setting '%s'", tok[0]);
		return;
	}
	switch (o->type) {
	case CONFIG_INT:
		if (!count_ok(p, o, n, 1, 1))
			return;
		if (!parse_long(v[0], o->min, o->max, &num)) {
			bad_value(p, o, v[0]);
			return;
		}
		*int_field(p->c, o) = (int)num;
		break;
	case CONFIG_ENUM:
		if (!count_ok(p, o, n, 1, 1))
			return;
		if ((idx = choice_index(o->choices, v[0])) == -1) {
			bad_value(p, o, v[0]);
			return;
		}
		*int_field(p->c, o) = idx;
		break;
	case CONFIG_STRING:
		if (!count_ok(p, o, n, 1, 1))
			return;
		free(*str_field(p->c, o));
		*str_field(p->c, o) = xstrdup(v[0]);
		break;
	case CONFIG_COMMAND: {
		char **argv;
		if (!count_ok(p, o, n, 1, 256))
			return;
		if (p->writable_by != NULL) {
			diag_add(p->d, DIAG_WARNING, p->file, p->line,
			    "%s refused: the file is writable by %s, who could make it run any "
			    "command as you (chmod go-w '%s'; line skipped)", o->name,
			    p->writable_by, p->file);
			return;
		}
		argv = n == 1 ? lex_split_command(v[0]) : lex_argv_copy(v, n);
		if (argv == NULL) {
			bad_value(p, o, v[0]);
			return;
		}
		lex_argv_free(argv_field(p->c, o));
		*argv_field(p->c, o) = argv;
		break;
	}
	case CONFIG_LIST:
		if (strcmp(o->name, "market-source") == 0)
			parse_market_source(p, o, v, n);
		else if (strcmp(o->name, "bind") == 0)
			parse_bind(p, o, v, n);
		else if (strcmp(o->name, "color") == 0)
			parse_color(p, o, v, n);
		else if (strcmp(o->name, "direction") == 0)
			parse_direction(p, o, v, n);
		else if (strcmp(o->name, "ignore-article") == 0)
			parse_ignore(p, o, v, n);
		else if (strcmp(o->name, "macro") == 0)
			parse_macro(p, o, v, n);
		else
			parse_comment_endpoint(p, o, v, n);
		break;
	}
}

/*
 * The chosen sync source needs its URL, its login and exactly one source of
 * the password; password files get "~/" expanded. Checked once the whole
 * file is read, as the settings may come in any order.
 */
static void
check_sync(struct parse_ctx *p)
{
	struct config *c = p->c;
	char **files[] = { &c->ttrss_password_file, &c->greader_password_file,
	    &c->mastodon_token_file, &c->download_path };
	const char *prefix;
	char *url, *login, *file;
	char **cmd;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		if (*files[i] != NULL) {
			char *e = expand_home(*files[i]);
			free(*files[i]);
			*files[i] = e;
		}
	if (c->urls_source == CONFIG_URLS_LOCAL)
		return;
	p->line = 0;
	if (c->urls_source == CONFIG_URLS_TTRSS) {
		prefix = "ttrss";
		url = c->ttrss_url, login = c->ttrss_login;
		file = c->ttrss_password_file, cmd = c->ttrss_password_command;
	} else {
		prefix = "greader";
		url = c->greader_url, login = c->greader_login;
		file = c->greader_password_file, cmd = c->greader_password_command;
	}
	if (url == NULL)
		error(p, "urls-source %s needs %s-url", prefix, prefix);
	else if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		error(p, "%s-url: not an http or https URL: '%s'", prefix, url);
	if (login == NULL)
		error(p, "urls-source %s needs %s-login", prefix, prefix);
	if ((file == NULL) == (cmd == NULL))
		error(p, "urls-source %s needs one of %s-password-file and %s-password-command",
		    prefix, prefix, prefix);
}

static int
parse_file(const char *name, const char *data, size_t len, const char *writable_by,
    struct config **out, struct diag_list *d)
{
	struct parse_ctx p = { .c = config_new_defaults(), .file = name, .d = d,
	    .writable_by = writable_by };
	struct lex_tokens t = { 0 };
	const char *line, *why;
	size_t pos = 0, linelen;

	p.c->file = xstrdup(name);
	while (lex_next_line(data, len, &pos, &line, &linelen, &p.line)) {
		if (memchr(line, '\0', linelen) != NULL) {
			error(&p, "NUL byte in line");
			continue;
		}
		if (lex_line(line, linelen, &t, &why) == -1)
			error(&p, "%s", why);
		else if (t.n > 0)
			parse_setting(&p, t.v, t.n);
		lex_tokens_clear(&t);
	}
	check_sync(&p);
	*out = p.c;
	return p.errors;
}

int
config_parse(const char *name, const char *data, size_t len, struct config **out,
    struct diag_list *d)
{
	return parse_file(name, data, len, NULL, out, d);
}

int
config_load(const char *path, bool must_exist, struct config **out, struct diag_list *d)
{
	char *data;
	size_t len;
	int errnum, n;

	if (fileio_read(path, CONFIG_MAX_SIZE, &data, &len, &errnum) == -1) {
		*out = config_new_defaults();
		if (errnum == ENOENT && !must_exist)
			return 0;
		diag_add(d, DIAG_ERROR, path, 0, "%s", errnum == EFBIG ?
		    "file too large" : strerror(errnum));
		return 1;
	}
	struct stat st;
	const char *writable_by = NULL;
	if (stat(path, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		writable_by = (st.st_mode & S_IWOTH) != 0 ? "others" : "its group";
	n = parse_file(path, data, len, writable_by, out, d);
	free(data);
	return n;
}

void
config_free(struct config **cp)
{
	struct config *c = *cp;

	if (c == NULL)
		return;
	free(c->file);
	free(c->date_format);
	lex_argv_free(&c->browser);
	lex_argv_free(&c->share_command);
	lex_argv_free(&c->bookmark_command);
	lex_argv_free(&c->enclosure_command);
	lex_argv_free(&c->download_command);
	free(c->download_path);
	free(c->ttrss_url);
	free(c->ttrss_login);
	free(c->ttrss_password_file);
	free(c->mastodon_url);
	free(c->mastodon_token_file);
	lex_argv_free(&c->ttrss_password_command);
	free(c->greader_url);
	free(c->greader_login);
	free(c->greader_password_file);
	lex_argv_free(&c->greader_password_command);
	for (size_t i = 0; i < c->nmarket_sources; i++) {
		for (size_t j = 0; j < c->market_sources[i].nparams; j++) {
			free(c->market_sources[i].params[j].key);
			free(c->market_sources[i].params[j].value);
		}
		free(c->market_sources[i].params);
		free(c->market_sources[i].url);
	}
	free(c->market_sources);
	for (size_t i = 0; i < c->nbinds; i++) {
		free(c->binds[i].key);
		free(c->binds[i].action);
	}
	free(c->binds);
	for (size_t i = 0; i < c->ncolors; i++) {
		free(c->colors[i].element);
		free(c->colors[i].fg);
		free(c->colors[i].bg);
		lex_argv_free(&c->colors[i].attrs);
	}
	free(c->colors);
	for (size_t i = 0; i < c->ncomment_endpoints; i++) {
		free(c->comment_endpoints[i].feed_prefix);
		free(c->comment_endpoints[i].base_url);
		free(c->comment_endpoints[i].user);
		free(c->comment_endpoints[i].password_file);
		free(c->comment_endpoints[i].name);
		free(c->comment_endpoints[i].email);
	}
	free(c->comment_endpoints);
	for (size_t i = 0; i < c->ndirections; i++)
		free(c->directions[i].feed_prefix);
	free(c->directions);
	for (size_t i = 0; i < c->nignores; i++) {
		free(c->ignores[i].feed_url);
		free(c->ignores[i].expr);
	}
	free(c->ignores);
	for (size_t i = 0; i < c->nmacros; i++) {
		free(c->macros[i].key);
		for (size_t j = 0; j < c->macros[i].nactions; j++)
			lex_argv_free(&c->macros[i].actions[j]);
		free(c->macros[i].actions);
	}
	free(c->macros);
	lex_argv_free(&c->notify_program);
	xfree(cp);
}

int
config_check_binds(const struct config *c, config_name_check_fn key_ok,
    config_name_check_fn action_ok, void *ud, struct diag_list *d)
{
	const char *file = c->file ? c->file : "config";
	int n = 0;

	for (size_t i = 0; i < c->nbinds; i++) {
		if (key_ok != NULL && !key_ok(c->binds[i].key, ud)) {
			diag_add(d, DIAG_ERROR, file, c->binds[i].line, "unknown key '%s'",
			    c->binds[i].key);
			n++;
		}
		if (action_ok != NULL && !action_ok(c->binds[i].action, ud)) {
			diag_add(d, DIAG_ERROR, file, c->binds[i].line, "unknown action '%s'",
			    c->binds[i].action);
			n++;
		}
	}
	return n;
}

int
config_check_macros(const struct config *c, config_name_check_fn key_ok,
    config_name_check_fn action_ok, config_name_check_fn takes_arg, void *ud,
    struct diag_list *d)
{
	const char *file = c->file ? c->file : "config";
	int n = 0;

	for (size_t i = 0; i < c->nmacros; i++) {
		const struct config_macro *m = &c->macros[i];
		if (key_ok != NULL && !key_ok(m->key, ud)) {
			diag_add(d, DIAG_ERROR, file, m->line, "unknown key '%s'", m->key);
			n++;
		}
		for (size_t j = 0; j < m->nactions; j++) {
			if (action_ok != NULL && !action_ok(m->actions[j][0], ud)) {
				diag_add(d, DIAG_ERROR, file, m->line,
				    "unknown action '%s' in macro %s", m->actions[j][0], m->key);
				n++;
			} else if (m->actions[j][1] != NULL &&
			    (takes_arg == NULL || !takes_arg(m->actions[j][0], ud))) {
				diag_add(d, DIAG_ERROR, file, m->line,
				    "action '%s' takes no argument (in macro %s)",
				    m->actions[j][0], m->key);
				n++;
			}
		}
	}
	return n;
}

int
config_check_colors(const struct config *c, config_name_check_fn element_ok, void *ud,
    struct diag_list *d)
{
	const char *file = c->file ? c->file : "config";
	int n = 0;

	for (size_t i = 0; i < c->ncolors; i++) {
		if (!element_ok(c->colors[i].element, ud)) {
			diag_add(d, DIAG_ERROR, file, c->colors[i].line,
			    "unknown color element '%s'", c->colors[i].element);
			n++;
		}
	}
	return n;
}
