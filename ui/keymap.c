/*
 * The key map: a small array of (key, action) pairs. The defaults are
 * written as `bind` arguments and go through keymap_bind(), the same path as
 * the config file, so a typo in either is caught the same way.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "keymap.h"

static const struct {
	const char *name, *help;
} actions[] = {
	[ACTION_NONE] = { "none", "" },
#define X(e, name, help) [ACTION_##e] = { name, help },
	NR_ACTIONS(X)
#undef X
};

/* vi keys and arrows together; the reserved keys name their later actions. */
static const char *const defaults[][2] = {
	{ "k", "up" }, { "Up", "up" }, { "j", "down" }, { "Down", "down" },
	{ "PgUp", "page-up" }, { "C-b", "page-up" }, { "C-u", "page-up" },
	{ "PgDn", "page-down" }, { "Space", "page-down" }, { "C-f", "page-down" },
	{ "C-d", "page-down" },
	{ "g", "top" }, { "Home", "top" }, { "G", "bottom" }, { "End", "bottom" },
	{ "Enter", "open" }, { "Right", "open" },
	{ "q", "back" }, { "Esc", "back" }, { "Left", "back" }, { "h", "back" },
	{ "Q", "quit" },
	{ "n", "next-unread" }, { "N", "prev-unread" },
	{ "r", "reload" }, { "R", "reload-all" }, { "A", "mark-feed-read" },
	{ "u", "toggle-read" }, { "o", "open-in-browser" }, { "/", "search" },
	{ "?", "help" }, { "F1", "help" }, { "E", "show-errors" }, { "L", "liked" },
	{ "C-l", "redraw" },
	{ "l", "like" }, { "s", "share" }, { "S", "repost" }, { "c", "comment" },
	{ "C", "comments" }, { "a", "reply" }, { "p", "panel" }, { "Tab", "focus" }, { "m", "market-sort" },
	{ "f", "full-text" },
	{ "F", "limit" },
	/* newsboat has it on a, which is reply here. */
	{ "H", "toggle-show-read-feeds" },
	{ "e", "next-enclosure" }, { "v", "open-enclosure" }, { "d", "download-enclosure" },
	{ "D", "show-downloads" },
};

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Up", KEYMAP_FN | KEY_UP }, { "Down", KEYMAP_FN | KEY_DOWN },
	{ "Left", KEYMAP_FN | KEY_LEFT }, { "Right", KEYMAP_FN | KEY_RIGHT },
	{ "PgUp", KEYMAP_FN | KEY_PPAGE }, { "PageUp", KEYMAP_FN | KEY_PPAGE },
	{ "PgDn", KEYMAP_FN | KEY_NPAGE }, { "PageDown", KEYMAP_FN | KEY_NPAGE },
	{ "Home", KEYMAP_FN | KEY_HOME }, { "End", KEYMAP_FN | KEY_END },
	{ "Insert", KEYMAP_FN | KEY_IC }, { "Delete", KEYMAP_FN | KEY_DC },
	{ "Backspace", KEYMAP_FN | KEY_BACKSPACE }, { "BTab", KEYMAP_FN | KEY_BTAB },
	{ "Enter", '\n' }, { "Return", '\n' }, { "Tab", '\t' }, { "Esc", 27 },
	{ "Escape", 27 }, { "Space", ' ' },
};

struct binding {
	int key;
	enum action action;
};

struct keymap {
	struct binding *v;
	size_t n, alloc;
};

const char *
action_name(enum action a)
{
	return a < ACTION_COUNT_ ? actions[a].name : "";
}

const char *
action_help(enum action a)
{
	return a < ACTION_COUNT_ ? _(actions[a].help) : "";
}

enum action
action_from_name(const char *name, bool *ok)
{
	/* newsboat's name of the limit prompt works in bind lines too. */
	if (strcmp(name, "set-filter") == 0)
		name = "limit";
	for (int a = 0; a < ACTION_COUNT_; a++) {
		if (strcmp(actions[a].name, name) == 0) {
			*ok = true;
			return (enum action)a;
		}
	}
	*ok = false;
	return ACTION_NONE;
}

int
keymap_key_from_name(const char *name)
{
	size_t len = strlen(name);
	uint32_t cp;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(named[i].name, name) == 0)
			return named[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return KEYMAP_FN | KEY_F(n);
		return -1;
	}
	/* C-x and ^X: control keys. */
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    isalpha((unsigned char)name[2]))
		return toupper((unsigned char)name[2]) - '@';
	if (len == 2 && name[0] == '^' && isalpha((unsigned char)name[1]))
		return toupper((unsigned char)name[1]) - '@';
	/* Exactly one printable character. */
	size_t n = utf8_decode(name, len, &cp);
	if (n != len || cp == UTF8_REPLACEMENT || cp < 0x21 || cp == 0x7f)
		return -1;
	return (int)cp;
}

bool
keymap_key_ok(const char *name, void *ud)
{
	(void)ud;
	return keymap_key_from_name(name) != -1;
}

bool
keymap_action_ok(const char *name, void *ud)
{
	bool ok;

	(void)ud;
	action_from_name(name, &ok);
	return ok;
}

void
keymap_key_name(int key, char *out, size_t outlen)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].key == key) {
			snprintf(out, outlen, "%s", named[i].name);
			return;
		}
	}
	if (key & KEYMAP_FN) {
		int k = key & ~KEYMAP_FN;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(out, outlen, "F%d", k - KEY_F0);
		else
			snprintf(out, outlen, "key%d", k);
		return;
	}
	if (key > 0 && key < 32) {
		snprintf(out, outlen, "C-%c", key + 'a' - 1);
		return;
	}
	char u[5];
	size_t n = utf8_encode((uint32_t)key, u);
	snprintf(out, outlen, "%.*s", (int)n, u);
}

struct keymap *
keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);
	char *err;

	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		if (keymap_bind(km, defaults[i][0], defaults[i][1], &err) != 0)
			abort();	/* the defaults table is wrong: a build bug */
	}
	return km;
}

void
keymap_free(struct keymap **kmp)
{
	if (*kmp == NULL)
		return;
	free((*kmp)->v);
	xfree(kmp);
}

int
keymap_bind(struct keymap *km, const char *keyname, const char *actname, char **err)
{
	int key = keymap_key_from_name(keyname);
	bool ok;
	enum action a = action_from_name(actname, &ok);

	*err = NULL;
	if (key == -1) {
		*err = xasprintf("unknown key '%s'", keyname);
		return -1;
	}
	if (!ok) {
		*err = xasprintf("unknown action '%s'", actname);
		return -1;
	}
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key == key) {
			if (a == ACTION_NONE) {
				/* Keep the order: the help lists keys as bound. */
				memmove(km->v + i, km->v + i + 1,
				    (km->n - i - 1) * sizeof *km->v);
				km->n--;
			} else
				km->v[i].action = a;
			return 0;
		}
	}
	if (a == ACTION_NONE)
		return 0;
	if (km->n == km->alloc) {
		km->alloc = km->alloc ? km->alloc * 2 : 64;
		km->v = xreallocarray(km->v, km->alloc, sizeof *km->v);
	}
	km->v[km->n++] = (struct binding){ key, a };
	return 0;
}

enum action
keymap_lookup(const struct keymap *km, int key)
{
	/* The terminal may send any of these for the same key. */
	if (key == '\r' || key == (KEYMAP_FN | KEY_ENTER))
		key = '\n';
	if (key == 127 || key == 8)
		key = KEYMAP_FN | KEY_BACKSPACE;
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key)
			return km->v[i].action;
	return ACTION_NONE;
}

void
keymap_keys_of(const struct keymap *km, enum action a, char *out, size_t outlen)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].action != a)
			continue;
		char name[32];
		keymap_key_name(km->v[i].key, name, sizeof name);
		int w = snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", name);
		if (w < 0 || (size_t)w >= outlen - used)
			break;
		used += (size_t)w;
	}
}
