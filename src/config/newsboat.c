/*
 * newsboat's config in newsreader's words (newsboat.h). The model: a table
 * of newsboat's settings, each either renamed (with its value checked the
 * way newsreader will check it), handled by a function (bind-key, color,
 * macro, the commands, auto-reload with reload-time), or left out with the
 * reason a user needs to see. A name the table does not hold is left out
 * as unknown. Lines are read with newsreader's own lexer: newsboat's
 * quoting ("...", \" and \\) is the same.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/lex.h"
#include "config/newsboat.h"
#include "config/settings.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* newsboat's operations that have a newsreader action. The last three are
 * the names of issue 16's list toggles and filter prompt. */
static const char *const action_map[][2] = {
	{ "up", "up" }, { "down", "down" }, { "pageup", "page-up" },
	{ "pagedown", "page-down" }, { "home", "top" }, { "end", "bottom" },
	{ "open", "open" }, { "quit", "back" }, { "hard-quit", "quit" },
	{ "next-unread", "next-unread" }, { "prev-unread", "prev-unread" },
	{ "reload", "reload" }, { "reload-all", "reload-all" },
	{ "mark-feed-read", "mark-feed-read" }, { "toggle-article-read", "toggle-read" },
	{ "open-in-browser", "open-in-browser" }, { "open-search", "search" },
	{ "help", "help" }, { "redraw", "redraw" }, { "bookmark", "repost" },
	{ "toggle-show-read-feeds", "toggle-show-read-feeds" },
	{ "set-filter", "limit" }, { "clear-filter", "clear-filter" },
};

/* newsboat's special key names; single characters and ^X are handled apart. */
static const char *const key_map[][2] = {
	{ "ENTER", "Enter" }, { "BACKSPACE", "Backspace" }, { "LEFT", "Left" },
	{ "RIGHT", "Right" }, { "UP", "Up" }, { "DOWN", "Down" }, { "PPAGE", "PgUp" },
	{ "NPAGE", "PgDn" }, { "HOME", "Home" }, { "END", "End" }, { "ESC", "Esc" },
	{ "TAB", "Tab" }, { "SPACE", "Space" }, { "DEL", "Delete" }, { "INS", "Insert" },
};

/* newsboat's colour elements: ours, or NULL with the reason. */
static const struct {
	const char *nb, *ours, *why;
} element_map[] = {
	{ "listnormal", "normal", NULL },
	{ "listfocus", "selected", NULL },
	{ "listnormal_unread", "unread", NULL },
	{ "info", "status", NULL },
	{ "title", "title", NULL },
	{ "hint-key", "help-key", NULL },
	{ "listfocus_unread", NULL,
	  "newsreader has no separate colour for the selected unread line (listfocus "
	  "sets selected)" },
	{ "background", NULL,
	  "newsreader has one normal colour for lists, text and background (listnormal sets it)" },
	{ "article", NULL,
	  "newsreader has one normal colour for lists, text and background (listnormal sets it)" },
	{ "end-of-text-marker", NULL, "newsreader draws no end-of-text marker" },
	{ "hint-description", NULL, "newsreader's key hints have one colour (hint-key)" },
	{ "hint-keys-delimiter", NULL, "newsreader's key hints have one colour (hint-key)" },
	{ "hint-separator", NULL, "newsreader's key hints have one colour (hint-key)" },
};

enum rule_kind {
	R_INT,		/* a number, checked against our range when we know it */
	R_BOOL,		/* yes/no/true/false to yes/no */
	R_WORD,		/* one value of choices */
	R_STRING,	/* one value, as it is */
	R_COMMAND,	/* browser: our command lines read the same way */
	R_SPECIAL,	/* a function below */
	R_MERGED,	/* read with another line (reload-time, notify-format) */
	R_OUT,		/* left out: why */
};

static const char *const ignore_modes[] = { "download", "display", NULL };

#define NO_FORMAT "newsreader's lists and title bars have a fixed layout"
#define NO_CONFIRM "newsreader asks for no confirmation"
#define NO_PROXY "newsreader uses libcurl's environment: set https_proxy (or http_proxy, " \
	"all_proxy) instead"
#define NO_SYNC "newsreader syncs only with Tiny Tiny RSS (ttrss) and Google Reader API " \
	"servers (freshrss)"
#define NO_PASSWORD "newsreader keeps no password in its config: put it in a file only you " \
	"can read and name that file"

static const struct rule {
	const char *nb;
	enum rule_kind kind;
	const char *ours;	/* our name; for R_OUT the reason */
	const char *const *choices;	/* R_WORD */
} rules[] = {
	{ "bind-key", R_SPECIAL, "bind", NULL },
	{ "unbind-key", R_SPECIAL, "bind", NULL },
	{ "macro", R_SPECIAL, "macro", NULL },
	{ "color", R_SPECIAL, "color", NULL },
	{ "auto-reload", R_SPECIAL, "auto-reload", NULL },
	{ "reload-time", R_MERGED, "auto-reload", NULL },
	{ "bookmark-cmd", R_SPECIAL, "bookmark-command", NULL },
	{ "notify-program", R_SPECIAL, "notify-program", NULL },
	{ "notify-format", R_MERGED, "notify-program", NULL },
	{ "player", R_SPECIAL, "enclosure-command", NULL },
	{ "urls-source", R_SPECIAL, "urls-source", NULL },
	{ "ignore-article", R_SPECIAL, "ignore-article", NULL },
	{ "browser", R_COMMAND, "browser", NULL },
	{ "max-items", R_INT, "max-items", NULL },
	{ "keep-articles-days", R_INT, "keep-articles-days", NULL },
	{ "show-read-feeds", R_BOOL, "show-read-feeds", NULL },
	{ "show-read-articles", R_BOOL, "show-read-articles", NULL },
	{ "text-width", R_INT, "text-width", NULL },
	{ "ignore-mode", R_WORD, "ignore-mode", ignore_modes },
	{ "download-path", R_STRING, "download-path", NULL },
	{ "max-downloads", R_INT, "max-downloads", NULL },
	{ "refresh-on-startup", R_BOOL, "reload-on-start", NULL },
	{ "datetime-format", R_STRING, "date-format", NULL },
	{ "download-timeout", R_INT, "download-timeout", NULL },
	{ "reload-threads", R_INT, "max-parallel", NULL },
	{ "download-full-page", R_BOOL, "full-text", NULL },
	{ "ttrss-url", R_STRING, "ttrss-url", NULL },
	{ "ttrss-login", R_STRING, "ttrss-login", NULL },
	{ "ttrss-passwordfile", R_STRING, "ttrss-password-file", NULL },
	{ "ttrss-passwordeval", R_COMMAND, "ttrss-password-command", NULL },
	{ "ttrss-password", R_OUT, NO_PASSWORD " (ttrss-password-file)", NULL },
	{ "freshrss-url", R_STRING, "greader-url", NULL },
	{ "freshrss-login", R_STRING, "greader-login", NULL },
	{ "freshrss-passwordfile", R_STRING, "greader-password-file", NULL },
	{ "freshrss-passwordeval", R_COMMAND, "greader-password-command", NULL },
	{ "freshrss-password", R_OUT, NO_PASSWORD " (greader-password-file)", NULL },
	{ "ttrss-mode", R_OUT, "newsreader's Tiny Tiny RSS sync needs no mode", NULL },
	{ "ttrss-flag-star", R_OUT, "newsreader syncs stars without a flag letter", NULL },
	{ "ttrss-flag-publish", R_OUT, "newsreader does not publish to Tiny Tiny RSS", NULL },
	{ "freshrss-min-items", R_OUT, "newsreader's sync takes what the server lists", NULL },
	{ "freshrss-flag-star", R_OUT, "newsreader syncs stars without a flag letter", NULL },
	{ "freshrss-show-special-feeds", R_OUT, "newsreader has no special sync feeds", NULL },
	{ "include", R_OUT, "newsreader has no include: import the included file too, "
	  "or copy its lines here", NULL },
	{ "define-filter", R_OUT, "newsreader has no named filters: type the expression at "
	  "the limit prompt", NULL },
	{ "highlight", R_OUT, "newsreader has no highlight rules", NULL },
	{ "highlight-article", R_OUT, "newsreader has no highlight rules", NULL },
	{ "highlight-feed", R_OUT, "newsreader has no highlight rules", NULL },
	{ "run-on-startup", R_OUT, "newsreader runs no commands at start", NULL },
	{ "articlelist-format", R_OUT, NO_FORMAT, NULL },
	{ "articlelist-title-format", R_OUT, NO_FORMAT, NULL },
	{ "feedlist-format", R_OUT, NO_FORMAT, NULL },
	{ "feedlist-title-format", R_OUT, NO_FORMAT, NULL },
	{ "itemview-title-format", R_OUT, NO_FORMAT, NULL },
	{ "help-title-format", R_OUT, NO_FORMAT, NULL },
	{ "dialogs-title-format", R_OUT, NO_FORMAT, NULL },
	{ "searchresult-title-format", R_OUT, NO_FORMAT, NULL },
	{ "selectfilter-title-format", R_OUT, NO_FORMAT, NULL },
	{ "selecttag-title-format", R_OUT, NO_FORMAT, NULL },
	{ "urlview-title-format", R_OUT, NO_FORMAT, NULL },
	{ "podlist-format", R_OUT, NO_FORMAT, NULL },
	{ "show-keymap-hint", R_OUT, NO_FORMAT, NULL },
	{ "show-title-bar", R_OUT, NO_FORMAT, NULL },
	{ "swap-title-and-hints", R_OUT, NO_FORMAT, NULL },
	{ "display-article-progress", R_OUT, NO_FORMAT, NULL },
	{ "confirm-exit", R_OUT, NO_CONFIRM, NULL },
	{ "confirm-mark-feed-read", R_OUT, NO_CONFIRM, NULL },
	{ "confirm-mark-all-feeds-read", R_OUT, NO_CONFIRM, NULL },
	{ "confirm-delete-all-articles", R_OUT, NO_CONFIRM, NULL },
	{ "proxy", R_OUT, NO_PROXY, NULL },
	{ "use-proxy", R_OUT, NO_PROXY, NULL },
	{ "proxy-type", R_OUT, NO_PROXY, NULL },
	{ "proxy-auth", R_OUT, NO_PROXY, NULL },
	{ "proxy-auth-method", R_OUT, NO_PROXY, NULL },
	{ "cache-file", R_OUT, "newsreader keeps its own cache (--cache); import-newsboat "
	  "brings newsboat's read and flagged states into it", NULL },
	{ "error-log", R_OUT, "newsreader logs to $XDG_STATE_HOME/newsreader/log", NULL },
	{ "html-renderer", R_OUT, "newsreader lays HTML out itself (Arabic and English)", NULL },
	{ "pager", R_OUT, "newsreader shows articles in its own view", NULL },
	{ "external-url-viewer", R_OUT, "newsreader numbers an article's links in its own view",
	  NULL },
	{ "user-agent", R_OUT, "newsreader sends its own User-Agent", NULL },
	{ "cookie-cache", R_OUT, "newsreader keeps no cookies", NULL },
	{ "http-auth-method", R_OUT, "newsreader has no HTTP authentication settings", NULL },
	{ "ssl-verify", R_OUT, "newsreader always verifies TLS certificates", NULL },
	{ "download-retries", R_OUT, "newsreader retries failed downloads by itself, with "
	  "backoff", NULL },
	{ "article-sort-order", R_OUT, "newsreader lists articles newest first", NULL },
	{ "feed-sort-order", R_OUT, "newsreader lists feeds in the urls file's order", NULL },
	{ "always-display-description", R_OUT, "newsreader always shows the article's text",
	  NULL },
	{ "cleanup-on-quit", R_OUT, "newsreader cleans its cache with max-items and "
	  "keep-articles-days", NULL },
	{ "delete-read-articles-on-quit", R_OUT, "newsreader never deletes articles on quit",
	  NULL },
	{ "goto-first-unread", R_OUT, "newsreader always opens a list at the top", NULL },
	{ "goto-next-feed", R_OUT, "newsreader's next-unread moves on by itself", NULL },
	{ "markfeedread-jumps-to-next-unread", R_OUT, "not configurable in newsreader", NULL },
	{ "toggleitemread-jumps-to-next-unread", R_OUT, "not configurable in newsreader", NULL },
	{ "toggleitemread-jumps-to-next", R_OUT, "not configurable in newsreader", NULL },
	{ "openbrowser-and-mark-jumps-to-next-unread", R_OUT, "not configurable in newsreader",
	  NULL },
	{ "mark-as-read-on-hover", R_OUT, "newsreader marks an article read when it is opened",
	  NULL },
	{ "reload-only-visible-feeds", R_OUT, "newsreader reloads every feed", NULL },
	{ "suppress-first-reload", R_OUT, "newsreader's auto-reload starts one interval after "
	  "the start", NULL },
	{ "reset-unread-on-update", R_OUT, "newsreader keeps the read state of updated "
	  "articles", NULL },
	{ "prepopulate-query-feeds", R_OUT, "newsreader fills query feeds when they are opened",
	  NULL },
	{ "history-limit", R_OUT, "newsreader keeps no prompt history", NULL },
	{ "save-path", R_OUT, "newsreader does not save articles to files", NULL },
	{ "wrap-scroll", R_OUT, "not configurable in newsreader", NULL },
	{ "scrolloff", R_OUT, "not configurable in newsreader", NULL },
	{ "search-highlight-colors", R_OUT, "newsreader's search highlight is the colour "
	  "element match", NULL },
	{ "max-browser-tabs", R_OUT, "newsreader opens one link at a time", NULL },
	{ "opml-url", R_OUT, "newsreader reads no remote OPML: download it and run "
	  "newsreader import FILE.opml", NULL },
	{ "bookmark-autopilot", R_OUT, "newsreader's bookmark-command runs without a prompt "
	  "anyway", NULL },
	{ "bookmark-interactive", R_OUT, "newsreader's bookmark-command cannot prompt", NULL },
	{ "notify-always", R_OUT, "newsreader notifies only when there are new articles", NULL },
	{ "notify-screen", R_OUT, "newsreader has no screen title notifications (see "
	  "notify-osc)", NULL },
	{ "notify-xterm", R_OUT, "newsreader has no xterm title notifications (see notify-osc)",
	  NULL },
	{ "notify-beep", R_OUT, "newsreader does not beep", NULL },
	{ "podcast-auto-enqueue", R_OUT, "newsreader downloads enclosures when asked", NULL },
	{ "download-filename-format", R_OUT, "newsreader names a download after its URL",
	  NULL },
};

static const struct rule *
rule_find(const char *name)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].nb, name) == 0)
			return &rules[i];
	return NULL;
}

/* Names whose newsreader equivalent is worth naming in a load error. The
 * same names as newsreader's (max-items, ...) never get here. */
const char *
newsboat_hint(const char *name)
{
	static const struct {
		const char *nb, *hint;
	} hints[] = {
		{ "bind-key", "did you mean bind? (bind KEY ACTION)" },
		{ "unbind-key", "did you mean bind KEY none?" },
		{ "reload-time", "newsboat's setting; newsreader has auto-reload MINUTES" },
		{ "bookmark-cmd", "did you mean bookmark-command?" },
		{ "refresh-on-startup", "did you mean reload-on-start?" },
		{ "datetime-format", "did you mean date-format?" },
		{ "reload-threads", "did you mean max-parallel?" },
		{ "download-full-page", "did you mean full-text?" },
		{ "player", "did you mean enclosure-command? (COMMAND with %u)" },
		{ "ttrss-passwordfile", "did you mean ttrss-password-file?" },
		{ "ttrss-passwordeval", "did you mean ttrss-password-command?" },
		{ "freshrss-url", "did you mean greader-url?" },
		{ "freshrss-login", "did you mean greader-login?" },
		{ "freshrss-passwordfile", "did you mean greader-password-file?" },
		{ "freshrss-passwordeval", "did you mean greader-password-command?" },
	};
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strcmp(hints[i].nb, name) == 0)
			return hints[i].hint;
	return NULL;
}

/* One word as our lexer reads it back: bare when it can be, else quoted. */
static void
put_word(struct buf *b, const char *w)
{
	bool quote = w[0] == '\0' || w[0] == '#' || w[0] == '"' ||
	    strpbrk(w, " \t\"\\") != NULL;

	if (b->len > 0 && b->data[b->len - 1] != '\n')
		buf_append_char(b, ' ');
	if (!quote) {
		buf_append_str(b, w);
		return;
	}
	buf_append_char(b, '"');
	for (const char *p = w; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_append_char(b, '\\');
		buf_append_char(b, *p);
	}
	buf_append_char(b, '"');
}

/* Translation state of one file. */
struct ctx {
	struct newsboat_result *r;
	const char *home;
	/* Read in a first pass: auto-reload and notify-program take values
	 * from lines that may come later. */
	int auto_reload;	/* -1 unset, 0 no, 1 yes */
	int auto_reload_line;
	long reload_time;	/* -1 unset */
	int reload_time_line;
	char *notify_format;	/* owned; NULL unset */
	int notify_format_line;
	int notify_program_line;
	int urls_source;	/* -1 unset, 0 local, 1 ttrss, 2 freshrss, 3 other */
};

/* Verdicts; fmt/out strings are copied. */
static void
translated(struct newsboat_line *l, struct buf *out, const char *note)
{
	l->verdict = NEWSBOAT_TRANSLATED;
	l->out = buf_detach(out);
	l->note = xstrdup_null(note);
}

static void
left_out(struct newsboat_line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
left_out(struct newsboat_line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l->verdict = NEWSBOAT_LEFT_OUT;
	free(l->note);
	l->note = xvasprintf(fmt, ap);
	va_end(ap);
}

static int
bool_value(const char *s)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0)
		return 0;
	return -1;
}

static bool
number(const char *s, long *out)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	*out = strtol(s, &end, 10);
	return *end == '\0' && *out >= 0 && *out <= 1000000000L;
}

static const char *
map_action(const char *nb)
{
	for (size_t i = 0; i < sizeof action_map / sizeof action_map[0]; i++)
		if (strcmp(action_map[i][0], nb) == 0)
			return action_map[i][1];
	return NULL;
}

/* Our key name for newsboat's (tmp holds built names); NULL when unknown. */
static const char *
map_key(const char *nb, char *tmp, size_t tmplen)
{
	size_t len = strlen(nb);

	for (size_t i = 0; i < sizeof key_map / sizeof key_map[0]; i++)
		if (strcmp(key_map[i][0], nb) == 0)
			return key_map[i][1];
	if (len == 2 && nb[0] == '^' && isalpha((unsigned char)nb[1])) {
		snprintf(tmp, tmplen, "C-%c", tolower((unsigned char)nb[1]));
		return tmp;
	}
	if (nb[0] == 'F' && len >= 2 && len <= 3 && isdigit((unsigned char)nb[1])) {
		long n = strtol(nb + 1, NULL, 10);
		if (n >= 1 && n <= 12)
			return nb;
	}
	/* One character: one ASCII graphic or one multi-byte UTF-8 sequence. */
	if (len == 1 && nb[0] > 0x20 && nb[0] < 0x7f)
		return nb;
	if (len >= 2 && len <= 4 && (unsigned char)nb[0] >= 0xc2) {
		size_t want = (unsigned char)nb[0] >= 0xf0 ? 4 : (unsigned char)nb[0] >= 0xe0 ? 3 : 2;
		bool ok = want == len;
		for (size_t i = 1; ok && i < len; i++)
			ok = ((unsigned char)nb[i] & 0xc0) == 0x80;
		if (ok)
			return nb;
	}
	return NULL;
}

/* "~/x" to "$HOME/x" (caller frees). */
static char *
expand_home(const char *s, const char *home)
{
	if (strncmp(s, "~/", 2) == 0 && home != NULL && home[0] != '\0')
		return xasprintf("%s/%s", home, s + 2);
	return xstrdup(s);
}

/* The words of newsboat's command line with the program's "~/" expanded,
 * appended to b; false when it does not split (an open quote). */
static bool
put_command(struct buf *b, const char *cmd, const char *home)
{
	char **argv = lex_split_command(cmd);

	if (argv == NULL)
		return false;
	for (size_t i = 0; argv[i] != NULL; i++) {
		char *w = i == 0 ? expand_home(argv[i], home) : xstrdup(argv[i]);
		put_word(b, w);
		free(w);
	}
	lex_argv_free(&argv);
	return true;
}

static void
do_bind(struct ctx *c, struct newsboat_line *l, char **v, size_t n, bool unbind)
{
	char tmp[8];
	const char *key, *act;
	struct buf b = BUF_INIT;

	if (unbind ? n < 2 || n > 3 : n < 3 || n > 4) {
		left_out(l, "expected %s", unbind ? "unbind-key KEY [CONTEXT]" :
		    "bind-key KEY OPERATION [CONTEXT]");
		return;
	}
	(void)c;
	if (unbind && strcmp(v[1], "-a") == 0) {
		left_out(l, "newsreader cannot drop every default key at once: bind KEY none "
		    "for each");
		return;
	}
	if ((key = map_key(v[1], tmp, sizeof tmp)) == NULL) {
		left_out(l, "key '%s' has no newsreader name", v[1]);
		return;
	}
	if (unbind)
		act = "none";
	else if ((act = map_action(v[2])) == NULL) {
		left_out(l, "newsboat's operation '%s' has no newsreader action", v[2]);
		return;
	}
	put_word(&b, "bind");
	put_word(&b, key);
	put_word(&b, act);
	size_t ctxi = unbind ? 2 : 3;
	char *note = n > ctxi ? xasprintf("context '%s' dropped: newsreader's keys work in "
	    "every view", v[ctxi]) : NULL;
	translated(l, &b, note);
	free(note);
}

/*
 * macro KEY OP [ARGS] ; OP ... [-- "description"]: every step must be an
 * operation without arguments that we have (a `set` step changes settings
 * for a moment, which newsreader cannot do).
 */
static void
do_macro(struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;
	char **w = NULL;	/* the words after the key, ";" its own word */
	size_t nw = 0, steps = 0;
	bool described = false;
	char tmp[8];

	if (n < 3) {
		left_out(l, "expected macro KEY OPERATION [; OPERATION...]");
		return;
	}
	if (map_key(v[1], tmp, sizeof tmp) != v[1]) {
		left_out(l, "macro key '%s': newsreader's macros take one character after ','",
		    v[1]);
		return;
	}
	/* "a;b", "a ;b" and "a ; b" are all two steps. */
	for (size_t i = 2; i < n && !described; i++) {
		if (strcmp(v[i], "--") == 0) {
			described = true;
			break;
		}
		const char *p = v[i];
		while (*p != '\0') {
			size_t k = strcspn(p, ";");
			w = xreallocarray(w, nw + 2, sizeof *w);
			if (k > 0)
				w[nw++] = xstrndup(p, k);
			if (p[k] == ';')
				w[nw++] = xstrdup(";");
			p += k + (p[k] == ';');
		}
	}
	put_word(&b, "macro");
	put_word(&b, v[1]);
	for (size_t i = 0; i < nw; i++) {
		if (strcmp(w[i], ";") == 0)
			continue;
		if (i + 1 < nw && strcmp(w[i + 1], ";") != 0) {
			left_out(l, "macro step '%s %s' has arguments: newsreader's macros run "
			    "actions only", w[i], w[i + 1]);
			goto out;
		}
		const char *act = map_action(w[i]);
		if (act == NULL) {
			left_out(l, "macro step '%s' has no newsreader action", w[i]);
			goto out;
		}
		if (steps++ > 0)
			put_word(&b, ";");
		put_word(&b, act);
	}
	if (steps == 0)
		left_out(l, "macro with no operation");
	else
		translated(l, &b, described ? "description dropped" : NULL);
out:
	buf_free(&b);
	for (size_t i = 0; i < nw; i++)
		free(w[i]);
	free(w);
}

static void
do_color(struct newsboat_line *l, char **v, size_t n)
{
	static const char *const attrs[] = {
		"standout", "underline", "reverse", "blink", "dim", "bold", NULL
	};
	struct buf b = BUF_INIT, dropped = BUF_INIT;
	const char *ours = NULL, *why = NULL;
	bool known = false;

	if (n < 4) {
		left_out(l, "expected color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE...]");
		return;
	}
	for (size_t i = 0; i < sizeof element_map / sizeof element_map[0]; i++) {
		if (strcmp(element_map[i].nb, v[1]) == 0) {
			ours = element_map[i].ours;
			why = element_map[i].why;
			known = true;
		}
	}
	if (!known) {
		left_out(l, "newsboat's colour element '%s' is not one newsreader knows", v[1]);
		return;
	}
	if (ours == NULL) {
		left_out(l, "%s", why);
		return;
	}
	for (size_t i = 2; i < 4; i++) {
		const char *s = v[i];
		static const char *const names[] = { "default", "black", "red", "green", "yellow",
		    "blue", "magenta", "cyan", "white", NULL };
		bool ok = false;
		for (size_t k = 0; names[k] != NULL; k++)
			ok = ok || strcmp(names[k], s) == 0;
		if (strncmp(s, "color", 5) == 0) {
			long num;
			ok = number(s + 5, &num) && num <= 255;
		}
		if (!ok) {
			left_out(l, "colour '%s' cannot be translated (expected default, a colour "
			    "name or color0 to color255)", s);
			return;
		}
	}
	/* "info" colours both of newsboat's bars: ours are title and status. */
	for (int twice = 0; twice < (strcmp(v[1], "info") == 0 ? 2 : 1); twice++) {
		if (twice)
			buf_append_char(&b, '\n');
		put_word(&b, "color");
		put_word(&b, twice ? "title" : ours);
		put_word(&b, v[2]);
		put_word(&b, v[3]);
		for (size_t i = 4; i < n; i++) {
			bool ok = false;
			for (size_t k = 0; attrs[k] != NULL; k++)
				ok = ok || strcmp(attrs[k], v[i]) == 0;
			if (ok)
				put_word(&b, v[i]);
			else if (!twice) {
				if (dropped.len > 0)
					buf_append_str(&dropped, ", ");
				buf_append_str(&dropped, v[i]);
			}
		}
	}
	char *note = dropped.len > 0 ? xasprintf("attribute %s dropped: newsreader has no such "
	    "attribute", dropped.data) : NULL;
	translated(l, &b, note);
	free(note);
	buf_free(&dropped);
}

static void
do_auto_reload(struct ctx *c, struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;
	int yes;

	if (n != 2 || (yes = bool_value(v[1])) == -1) {
		left_out(l, "value cannot be translated: expected auto-reload yes|no");
		return;
	}
	long minutes = yes ? (c->reload_time >= 0 ? c->reload_time : 60) : 0;
	if (minutes > 10080) {
		left_out(l, "reload-time %ld is more than newsreader's 10080 minutes", minutes);
		return;
	}
	char num[24];
	snprintf(num, sizeof num, "%ld", minutes);
	put_word(&b, "auto-reload");
	put_word(&b, num);
	char *note = yes && c->reload_time < 0 ? xstrdup("newsboat's default reload-time, 60 "
	    "minutes") : yes ? xasprintf("minutes from reload-time (line %d)",
	    c->reload_time_line) : NULL;
	translated(l, &b, note);
	free(note);
}

/* newsboat's notify-format placeholders that have ours: %d new articles
 * (our %n), %D feeds with new ones (our %f). NULL when another is used. */
static char *
notify_message(const char *fmt, char *bad, size_t badlen)
{
	struct buf b = BUF_INIT;

	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			buf_append_char(&b, *p);
			continue;
		}
		p++;
		if (*p == 'd')
			buf_append_str(&b, "%n");
		else if (*p == 'D')
			buf_append_str(&b, "%f");
		else if (*p == '%')
			buf_append_str(&b, "%%");
		else {
			snprintf(bad, badlen, "%%%c", *p != '\0' ? *p : ' ');
			buf_free(&b);
			return NULL;
		}
		if (*p == '\0')
			break;
	}
	return buf_detach(&b);
}

/* A command whose program gets our placeholders as its last words. */
static void
do_command(struct ctx *c, struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;
	const struct rule *r = rule_find(v[0]);
	char *note = NULL;

	if (n != 2) {
		left_out(l, "expected %s COMMAND", v[0]);
		return;
	}
	put_word(&b, r->ours);
	if (!put_command(&b, v[1], c->home)) {
		buf_free(&b);
		left_out(l, "value cannot be translated: an unterminated quote");
		return;
	}
	if (strcmp(v[0], "bookmark-cmd") == 0) {
		put_word(&b, "%u");
		put_word(&b, "%t");
		note = xstrdup("newsreader passes the URL and the title (%u %t), not the "
		    "description and feed title");
	} else if (strcmp(v[0], "player") == 0) {
		put_word(&b, "%u");
		note = xstrdup("the player gets the enclosure's URL (%u) instead of a downloaded "
		    "file");
	} else {	/* notify-program */
		char bad[8] = "";
		char *msg = c->notify_format != NULL ?
		    notify_message(c->notify_format, bad, sizeof bad) : NULL;
		if (c->notify_format != NULL && msg == NULL)
			note = xasprintf("notify-format (line %d) uses %s, which newsreader does "
			    "not count: the message says how many articles and feeds are new",
			    c->notify_format_line, bad);
		else if (msg != NULL)
			note = xasprintf("message from notify-format (line %d)",
			    c->notify_format_line);
		put_word(&b, msg != NULL ? msg : "newsreader: %n new articles in %f feeds");
		free(msg);
	}
	translated(l, &b, note);
	free(note);
}

static void
do_urls_source(struct ctx *c, struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;
	const char *ours = NULL;

	(void)c;
	if (n != 2) {
		left_out(l, "expected urls-source SOURCE");
		return;
	}
	if (strcmp(v[1], "local") == 0)
		ours = "local";
	else if (strcmp(v[1], "ttrss") == 0)
		ours = "ttrss";
	else if (strcmp(v[1], "freshrss") == 0)
		ours = "greader";
	if (ours == NULL) {
		left_out(l, "%s", NO_SYNC);
		return;
	}
	put_word(&b, "urls-source");
	put_word(&b, ours);
	translated(l, &b, NULL);
}

/* ignore-article FEED EXPRESSION: newsboat's filter language is ours. */
static void
do_ignore(struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;

	if (n != 3) {
		left_out(l, "expected ignore-article FEED EXPRESSION");
		return;
	}
	put_word(&b, "ignore-article");
	put_word(&b, v[1]);
	put_word(&b, v[2]);
	translated(l, &b, NULL);
}

/* A rule whose value needs no function. */
static void
do_simple(struct ctx *c, const struct rule *r, struct newsboat_line *l, char **v, size_t n)
{
	struct buf b = BUF_INIT;
	const struct config_option *o = config_option_find(r->ours);
	long num;
	int yes;

	if (n != 2) {
		left_out(l, "expected %s VALUE (one value)", v[0]);
		return;
	}
	put_word(&b, r->ours);
	switch (r->kind) {
	case R_INT:
		if (!number(v[1], &num)) {
			buf_free(&b);
			left_out(l, "value cannot be translated: '%s' is not a number", v[1]);
			return;
		}
		if (o != NULL && o->type == CONFIG_INT && (num < o->min || num > o->max)) {
			buf_free(&b);
			left_out(l, "value cannot be translated: %s takes %ld to %ld", r->ours,
			    o->min, o->max);
			return;
		}
		put_word(&b, v[1]);
		break;
	case R_BOOL:
		if ((yes = bool_value(v[1])) == -1) {
			buf_free(&b);
			left_out(l, "value cannot be translated: '%s' is not yes or no", v[1]);
			return;
		}
		put_word(&b, yes ? "yes" : "no");
		break;
	case R_WORD: {
		bool ok = false;
		for (size_t i = 0; r->choices[i] != NULL; i++)
			ok = ok || strcmp(r->choices[i], v[1]) == 0;
		if (!ok) {
			buf_free(&b);
			left_out(l, "value cannot be translated: '%s'", v[1]);
			return;
		}
		put_word(&b, v[1]);
		break;
	}
	case R_COMMAND:
		/* Both programs append the URL when %u is absent; newsboat's
		 * %u and %t mean what ours do. Kept as one command line. */
		if (strncmp(v[1], "~/", 2) == 0) {
			char *e = expand_home(v[1], c->home);
			put_word(&b, e);
			free(e);
		} else
			put_word(&b, v[1]);
		break;
	default:	/* R_STRING */
		put_word(&b, v[1]);
		break;
	}
	translated(l, &b, NULL);
}

/* First pass: the values other lines need. */
static void
scan(struct ctx *c, int lineno, char **v, size_t n)
{
	long num;

	if (n == 2 && strcmp(v[0], "auto-reload") == 0) {
		c->auto_reload = bool_value(v[1]);
		c->auto_reload_line = lineno;
	} else if (n == 2 && strcmp(v[0], "reload-time") == 0 && number(v[1], &num)) {
		c->reload_time = num;
		c->reload_time_line = lineno;
	} else if (n == 2 && strcmp(v[0], "notify-format") == 0) {
		free(c->notify_format);
		c->notify_format = xstrdup(v[1]);
		c->notify_format_line = lineno;
	} else if (n == 2 && strcmp(v[0], "notify-program") == 0)
		c->notify_program_line = lineno;
}

static void
translate_line(struct ctx *c, struct newsboat_line *l, char **v, size_t n)
{
	const struct rule *r = rule_find(v[0]);

	if (strchr(l->text, '`') != NULL) {
		left_out(l, "runs a command (`...`) for its value, which newsreader's config "
		    "never does");
		return;
	}
	if (r == NULL) {
		left_out(l, "'%s' is not a newsboat setting newsreader knows", v[0]);
		return;
	}
	switch (r->kind) {
	case R_OUT:
		left_out(l, "%s", r->ours);
		return;
	case R_MERGED:
		if (strcmp(v[0], "reload-time") == 0) {
			if (c->reload_time < 0)
				left_out(l, "value cannot be translated: '%s' is not a number of "
				    "minutes", n > 1 ? v[1] : "");
			else if (c->auto_reload == 1) {
				l->verdict = NEWSBOAT_MERGED;
				l->note = xasprintf("with auto-reload (line %d)",
				    c->auto_reload_line);
			} else
				left_out(l, "newsboat reloads every reload-time minutes only with "
				    "auto-reload yes, which this config does not set");
		} else {	/* notify-format */
			if (c->notify_program_line > 0) {
				l->verdict = NEWSBOAT_MERGED;
				l->note = xasprintf("with notify-program (line %d)",
				    c->notify_program_line);
			} else
				left_out(l, "a notify-format without notify-program has no effect");
		}
		return;
	case R_SPECIAL:
		if (strcmp(v[0], "bind-key") == 0 || strcmp(v[0], "unbind-key") == 0)
			do_bind(c, l, v, n, v[0][0] == 'u');
		else if (strcmp(v[0], "macro") == 0)
			do_macro(l, v, n);
		else if (strcmp(v[0], "color") == 0)
			do_color(l, v, n);
		else if (strcmp(v[0], "auto-reload") == 0)
			do_auto_reload(c, l, v, n);
		else if (strcmp(v[0], "urls-source") == 0)
			do_urls_source(c, l, v, n);
		else if (strcmp(v[0], "ignore-article") == 0)
			do_ignore(l, v, n);
		else
			do_command(c, l, v, n);
		return;
	default:
		do_simple(c, r, l, v, n);
		return;
	}
}

/* The text of the new config: a header, then the lines in newsboat's
 * order, each left-out line as a comment with its reason. */
static char *
config_text(const struct newsboat_result *r, const char *source)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "# newsreader config converted from newsboat's %s\n"
	    "# by newsreader import-newsboat: %zu lines translated, %zu left out (shown as\n"
	    "# comments with the reason). See newsreader(1) for every setting.\n",
	    source, r->translated + r->merged, r->left_out);
	for (size_t i = 0; i < r->n; i++) {
		const struct newsboat_line *l = &r->v[i];
		buf_append_char(&b, '\n');
		switch (l->verdict) {
		case NEWSBOAT_TRANSLATED:
			buf_printf(&b, "# line %d: %s\n", l->line, l->text);
			if (l->note != NULL)
				buf_printf(&b, "# (%s)\n", l->note);
			buf_printf(&b, "%s\n", l->out);
			break;
		case NEWSBOAT_MERGED:
			buf_printf(&b, "# line %d: %s\n# (%s)\n", l->line, l->text, l->note);
			break;
		case NEWSBOAT_LEFT_OUT:
			buf_printf(&b, "# line %d, left out: %s\n# (%s)\n", l->line, l->text,
			    l->note);
			break;
		}
	}
	return buf_detach(&b);
}

/* Blanks trimmed, controls (a stray ESC) shown as '?': the text goes into
 * comments and onto the terminal. */
static char *
clean_copy(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	char *t = xstrndup(s, len);
	for (char *p = t; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return t;
}

struct newsboat_result *
newsboat_translate(const char *source, const char *data, size_t len, const char *home)
{
	struct newsboat_result *r = xcalloc(1, sizeof *r);
	struct ctx c = { .r = r, .home = home, .auto_reload = -1, .reload_time = -1,
	    .urls_source = -1 };
	struct lex_tokens t = { 0 };
	const char *line, *why;
	size_t pos, linelen, alloc = 0;
	int lineno;

	for (int pass = 0; pass < 2; pass++) {
		pos = 0;
		lineno = 0;
		while (lex_next_line(data, len, &pos, &line, &linelen, &lineno)) {
			int rc = memchr(line, '\0', linelen) != NULL ? -1 :
			    lex_line(line, linelen, &t, &why);
			if (memchr(line, '\0', linelen) != NULL)
				why = "NUL byte in line";
			if (rc == 0 && t.n == 0) {
				lex_tokens_clear(&t);
				continue;
			}
			if (pass == 0) {
				if (rc == 0)
					scan(&c, lineno, t.v, t.n);
				lex_tokens_clear(&t);
				continue;
			}
			if (r->n == alloc) {
				alloc = alloc ? alloc * 2 : 32;
				r->v = xreallocarray(r->v, alloc, sizeof *r->v);
			}
			struct newsboat_line *l = &r->v[r->n++];
			memset(l, 0, sizeof *l);
			l->line = lineno;
			l->text = clean_copy(line, linelen);
			if (rc == -1)
				left_out(l, "cannot be read: %s", why);
			else
				translate_line(&c, l, t.v, t.n);
			lex_tokens_clear(&t);
			if (l->verdict == NEWSBOAT_TRANSLATED)
				r->translated++;
			else if (l->verdict == NEWSBOAT_MERGED)
				r->merged++;
			else
				r->left_out++;
		}
	}
	free(c.notify_format);
	r->config = config_text(r, source);
	return r;
}

void
newsboat_result_free(struct newsboat_result **rp)
{
	struct newsboat_result *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].out);
		free(r->v[i].note);
	}
	free(r->v);
	free(r->config);
	xfree(rp);
}
