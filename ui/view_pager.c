/*
 * Read-only pages of two-column rows: the help (generated from the live key
 * map, so rebinding shows at once) and the list of feeds whose last fetch
 * failed with the reason, followed by every market source's state. The left column is our own text; the right one
 * may be fetched text and gets a field of its own.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/load.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "keymap.h"
#include "panel.h"
#include "screen.h"
#include "status.h"
#include "view_pager.h"

struct prow {
	char *left;	/* trusted */
	char *right;	/* may be untrusted */
	enum element el;	/* of the left column */
};

struct vpager {
	struct view v;
	const char *title;
	struct prow *rows;
	size_t n;
	int leftw;
	long top;
};

static void
add_row(struct vpager *vp, const char *left, const char *right, enum element el)
{
	vp->rows = xreallocarray(vp->rows, vp->n + 1, sizeof *vp->rows);
	vp->rows[vp->n++] = (struct prow){ xstrdup(left), xstrdup(right ? right : ""), el };
	int w = screen_width(left);
	if (w > vp->leftw)
		vp->leftw = w;
}

static void
pager_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vpager *vp = (struct vpager *)v;
	int lw = vp->leftw + 2 < w / 2 ? vp->leftw + 2 : w / 2;

	if (vp->top > (long)vp->n - h)
		vp->top = (long)vp->n - h;
	if (vp->top < 0)
		vp->top = 0;
	for (int r = 0; r < h && vp->top + r < (long)vp->n; r++) {
		const struct prow *p = &vp->rows[vp->top + r];
		if (app->rtl) {
			/* Mirrored: the keys column on the right, its text against
			 * the right edge; the description right-aligned to its left. */
			int kw = screen_width(p->left);
			if (kw > lw - 1)
				kw = lw - 1;
			screen_text(y + r, w - 1 - kw, kw, p->left, colors_attr(p->el));
			screen_field(y + r, 1, w - lw - 2, p->right, colors_attr(EL_NORMAL),
			    ALIGN_RIGHT);
			continue;
		}
		screen_text(y + r, 1, lw - 1, p->left, colors_attr(p->el));
		screen_field(y + r, lw + 1, w - lw - 2, p->right, colors_attr(EL_NORMAL),
		    ALIGN_START);
	}
}

static void
pager_title(struct view *v, struct app *app, struct view_title *t)
{
	struct vpager *vp = (struct vpager *)v;

	(void)app;
	snprintf(t->prefix, sizeof t->prefix, "%s", vp->title);
	snprintf(t->suffix, sizeof t->suffix, "%s", _(" (q to go back)"));
}

static bool
pager_action(struct view *v, struct app *app, enum action a)
{
	struct vpager *vp = (struct vpager *)v;
	long h = v->last_h;

	(void)app;
	switch (a) {
	case ACTION_UP: vp->top--; break;
	case ACTION_DOWN: vp->top++; break;
	case ACTION_PAGE_UP: vp->top -= h > 2 ? h - 1 : 1; break;
	case ACTION_PAGE_DOWN: vp->top += h > 2 ? h - 1 : 1; break;
	case ACTION_TOP: vp->top = 0; break;
	case ACTION_BOTTOM: vp->top = (long)vp->n; break;
	case ACTION_OPEN: break;
	default: return false;
	}
	if (vp->top > (long)vp->n - h)
		vp->top = (long)vp->n - h;
	if (vp->top < 0)
		vp->top = 0;
	return true;
}

static void
pager_free(struct view *v)
{
	struct vpager *vp = (struct vpager *)v;

	for (size_t i = 0; i < vp->n; i++) {
		free(vp->rows[i].left);
		free(vp->rows[i].right);
	}
	free(vp->rows);
	free(vp);
}

static const struct view_ops help_ops = {
	.name = "help", .draw = pager_draw, .title = pager_title,
	.action = pager_action, .free = pager_free, .min_w = 20, .min_h = 4,
};

static const struct view_ops errors_ops = {
	.name = "errors", .draw = pager_draw, .title = pager_title,
	.action = pager_action, .free = pager_free, .min_w = 20, .min_h = 4,
};

struct view *
view_help_new(struct app *app)
{
	struct vpager *vp = xcalloc(1, sizeof *vp);
	char keys[256];

	vp->v.ops = &help_ops;
	vp->title = _("Keys");
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT_; a++) {
		keymap_keys_of(app->km, (enum action)a, keys, sizeof keys);
		char *right = xasprintf("%s (%s)", action_help((enum action)a),
		    action_name((enum action)a));
		add_row(vp, *keys ? keys : _("(unbound)"), right, EL_HELP_KEY);
		free(right);
	}
	add_row(vp, "", "", EL_NORMAL);
	add_row(vp, _("Mouse"), _("wheel scrolls, click selects, double click opens"), EL_HELP_KEY);
	add_row(vp, _("Config"), _("bind KEY ACTION rebinds; bind KEY none unbinds"), EL_HELP_KEY);
	/* The config's macros: ",KEY" and the actions as written (the
	 * config's own text, trusted like the key names). */
	const struct config *c = app->cfg->config;
	for (size_t i = 0; i < c->nmacros; i++) {
		struct buf acts = BUF_INIT;
		for (size_t j = 0; j < c->macros[i].nactions; j++)
			buf_printf(&acts, "%s%s", j ? " ; " : "", c->macros[i].actions[j][0]);
		char *key = xasprintf(",%s", c->macros[i].key);
		char *right = xasprintf(_("macro: %s"), buf_str(&acts));
		add_row(vp, key, right, EL_HELP_KEY);
		free(key);
		free(right);
		buf_free(&acts);
	}
	/* The composer's keys are fixed (an editor's), so they are listed here. */
	add_row(vp, "", "", EL_NORMAL);
	add_row(vp, _("Composer"), _("keys while writing a comment (c):"), EL_HELP_KEY);
	add_row(vp, "C-d", _("send the comment"), EL_HELP_KEY);
	add_row(vp, "Esc", _("close the composer, keeping the draft"), EL_HELP_KEY);
	add_row(vp, "Enter", _("start a new line"), EL_HELP_KEY);
	add_row(vp, "Left, Right", _("move one letter in reading order"), EL_HELP_KEY);
	add_row(vp, "Up, Down", _("move one row"), EL_HELP_KEY);
	add_row(vp, "Home, C-a", _("go to the start of the line"), EL_HELP_KEY);
	add_row(vp, "End, C-e", _("go to the end of the line"), EL_HELP_KEY);
	add_row(vp, "Backspace", _("delete the letter before the caret"), EL_HELP_KEY);
	add_row(vp, "Delete", _("delete the letter after the caret"), EL_HELP_KEY);
	add_row(vp, "C-w", _("delete the word before the caret"), EL_HELP_KEY);
	add_row(vp, "C-u", _("delete back to the start of the line"), EL_HELP_KEY);
	return &vp->v;
}

struct view *
view_errors_new(struct app *app)
{
	struct vpager *vp = xcalloc(1, sizeof *vp);
	struct store_feed *f;
	size_t n;

	vp->v.ops = &errors_ops;
	vp->title = _("Feeds whose last fetch failed");
	bool ok = store_feed_list(app->store, &f, &n) == 0;

	if (!ok) {
		status_msg(app->status, LOG_ERROR, "%s", store_errmsg(app->store));
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (f[i].last_error == NULL || urls_list_find(app->cfg->urls, f[i].url) < 0)
			continue;
		/* The left column is trusted text: a URL goes right, after the name. */
		char *right = xasprintf("%s: %s", f[i].url, f[i].last_error);
		add_row(vp, "!", right, EL_ERROR);
		free(right);
	}
	if (vp->n == 0)
		add_row(vp, "", _("No feed has failed."), EL_NORMAL);
	/* Damaged documents that were read all the same: a note, not a failure. */
	for (size_t i = 0; i < n; i++) {
		if (f[i].recovered == NULL || f[i].last_error != NULL ||
		    urls_list_find(app->cfg->urls, f[i].url) < 0)
			continue;
		char *right = xasprintf(_("%s: recovered: %s"), f[i].url, f[i].recovered);
		add_row(vp, "~", right, EL_NORMAL);
		free(right);
	}
	if (ok)
		store_feed_list_free(&f, n);
	/* Every market source with its state, the good ones too: "ok" is news
	 * when the panel shows nothing. */
	size_t ns = panel_source_count(app);
	if (ns > 0) {
		time_t now = time(NULL);
		add_row(vp, "", "", EL_NORMAL);
		add_row(vp, "", _("Market sources:"), EL_NORMAL);
		for (size_t i = 0; i < ns; i++) {
			bool bad = false;
			char *line = panel_source_state(app, i, now, &bad);
			if (line == NULL)
				continue;
			add_row(vp, bad ? "!" : "", line, bad ? EL_ERROR : EL_NORMAL);
			free(line);
		}
	}
	/* Lines of the config and urls files skipped at start (tui.c). */
	if (app->nskipped > 0) {
		add_row(vp, "", "", EL_NORMAL);
		add_row(vp, "", _("Lines skipped at start:"), EL_NORMAL);
	}
	for (size_t i = 0; i < app->nskipped; i++)
		add_row(vp, "!", app->skipped[i], EL_ERROR);
	return &vp->v;
}
