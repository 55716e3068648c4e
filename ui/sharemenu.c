/*
 * The share menu and the share actions (model in sharemenu.h). The menu is
 * a list of entries, each with a one-key shortcut; j/k or the arrows move,
 * Enter chooses, Esc or q cancels.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/load.h"
#include "config/settings.h"
#include "share/argv.h"
#include "share/share.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "browser.h"
#include "colors.h"
#include "keymap.h"
#include "screen.h"
#include "sharemenu.h"
#include "status.h"
#include "term.h"

enum entry_kind { E_COPY, E_MARKDOWN, E_INTENT, E_SHARE_CMD, E_BOOKMARK_CMD };

struct entry {
	enum entry_kind kind;
	int target;		/* E_INTENT: enum share_target */
	char key;
	char label[48];
};

struct sharemenu {
	char *url, *title;
	struct entry v[SHARE_TARGET_COUNT + 4];
	int n, sel;
};

static void
add(struct sharemenu *m, enum entry_kind kind, int target, char key, const char *label)
{
	struct entry *e = &m->v[m->n++];

	e->kind = kind;
	e->target = target;
	e->key = key;
	snprintf(e->label, sizeof e->label, "%s", label);
}

struct sharemenu *
sharemenu_new(struct app *app, const char *url, const char *title)
{
	struct sharemenu *m = xcalloc(1, sizeof *m);
	const struct config *c = app->cfg->config;
	char label[48];

	m->url = xstrdup(url ? url : "");
	m->title = xstrdup(title ? title : "");
	add(m, E_COPY, 0, 'c', _("Copy the link"));
	add(m, E_MARKDOWN, 0, 'm', _("Copy [title](link) as Markdown"));
	for (int t = 0; t < SHARE_TARGET_COUNT; t++) {
		snprintf(label, sizeof label, _("Share on %s"), share_target_name((enum share_target)t));
		if (t == SHARE_EMAIL)
			snprintf(label, sizeof label, _("Send by email"));
		add(m, E_INTENT, t, (char)('1' + t), label);
	}
	if (c->share_command != NULL)
		add(m, E_SHARE_CMD, 0, 's', _("Run share-command"));
	if (c->bookmark_command != NULL)
		add(m, E_BOOKMARK_CMD, 0, 'b', _("Run bookmark-command"));
	return m;
}

void
sharemenu_free(struct sharemenu **mp)
{
	if (*mp == NULL)
		return;
	free((*mp)->url);
	free((*mp)->title);
	xfree(mp);
}

/*
 * Ask the tmux we run in for a global option's value ("on"); NULL when tmux
 * cannot be asked. By argv, never a shell; $TMUX names the server.
 */
static char *
tmux_option(const char *name)
{
	char *argv[] = { "tmux", "show-options", "-gv", (char *)name, NULL };
	char *err = NULL, *out;
	int status;

	out = share_capture(argv, 64, &status, &err);
	free(err);
	if (out != NULL && status != 0) {
		free(out);
		return NULL;
	}
	if (out != NULL)
		out[strcspn(out, "\r\n")] = '\0';
	return out;
}

/*
 * Whether tmux passes our OSC 52 on: set-clipboard on takes the plain form
 * ("external", the default, only lets tmux's own copies out), and
 * allow-passthrough lets the wrapped form through. Unknown counts as no.
 */
static bool
tmux_passes_clipboard(void)
{
	char *clip = tmux_option("set-clipboard");
	bool ok = clip != NULL && strcmp(clip, "on") == 0;

	free(clip);
	if (!ok) {
		char *pass = tmux_option("allow-passthrough");
		ok = pass != NULL && (strcmp(pass, "on") == 0 || strcmp(pass, "all") == 0);
		free(pass);
	}
	return ok;
}

void
share_copy(struct app *app, const char *text, const char *what)
{
	char *err = NULL;
	char *seq = share_osc52(text, 0, 0, &err);
	const char *tmux = getenv("TMUX");
	bool in_tmux = tmux != NULL && *tmux != '\0';
	bool ok;

	app->dirty = true;
	if (seq == NULL) {
		status_msg(app->status, LOG_ERROR, _("%s not copied: %s"), what, err);
		free(err);
		return;
	}
	ok = term_write(seq);
	free(seq);
	if (in_tmux) {
		/* Passthrough reaches the outer terminal whatever set-clipboard says. */
		seq = share_osc52(text, 0, SHARE_OSC52_TMUX, &err);
		if (seq != NULL)
			ok = term_write(seq) && ok;
		free(seq);
		free(err);
	}
	if (!ok)
		status_msg(app->status, LOG_ERROR, _("%s not copied: cannot write to the terminal"),
		    what);
	else if (in_tmux && tmux_passes_clipboard())
		status_msg(app->status, LOG_INFO, _("copied the %s"), what);
	else if (in_tmux)
		status_msg(app->status, LOG_INFO, _("copied the %s (in tmux this needs "
		    "'set -s set-clipboard on' or 'set -g allow-passthrough on')"), what);
	else
		status_msg(app->status, LOG_INFO, _("copied the %s (OSC 52: the terminal must "
		    "allow clipboard writes)"), what);
}

static bool
url_ok(struct app *app, const char *url)
{
	const char *why = NULL;

	if (url == NULL || *url == '\0') {
		status_msg(app->status, LOG_WARN, _("this article has no link"));
		return false;
	}
	if (!share_url_allowed(url, &why)) {
		status_msg(app->status, LOG_WARN, _("not shared: %s"), why ? why :
		    _("not an http or https link"));
		return false;
	}
	return true;
}

void
share_run(struct app *app, char *const *cmd, const char *name, const char *url,
    const char *title)
{
	char *err = NULL, *clean;
	char **argv;

	app->dirty = true;
	if (cmd == NULL) {
		status_msg(app->status, LOG_WARN, _("no %s in the config"), name);
		return;
	}
	if (!url_ok(app, url))
		return;
	/* %t is one argument: substituted after splitting, cleaned of
	 * controls and newlines, never seen by a shell. */
	clean = share_clean_title(title);
	argv = share_argv_substitute(cmd, url, clean);
	free(clean);
	struct share_spawn_opts o = { .flags = 0, .label = name, .out_fd = -1 };
	if (share_spawn_opts(argv, &o, &err) == -1) {
		status_msg(app->status, LOG_ERROR, "%s", err);
		free(err);
	} else
		status_msg(app->status, LOG_INFO, _("ran %s (%s)"), name, argv[0]);
	share_argv_free(&argv);
}

static void
open_intent(struct app *app, enum share_target t, const char *url, const char *title)
{
	char *iu, *err = NULL;

	if (!url_ok(app, url))
		return;
	iu = share_intent_url(t, url, title);
	if (t == SHARE_EMAIL) {
		/* mailto: is ours, built from an http(s) link: the browser (or
		 * xdg-open) hands it to the mail program. */
		char **argv = browser_argv(app->cfg->config->browser, iu);
		if (share_spawn_opts(argv, NULL, &err) == -1) {
			status_msg(app->status, LOG_ERROR, _("cannot start the mail program: %s"), err);
			free(err);
		} else
			status_msg(app->status, LOG_INFO, _("opened an email with the link"));
		browser_argv_free(&argv);
	} else if (browser_open(app->cfg->config->browser, iu, NULL, &err) != 0) {
		status_msg(app->status, LOG_ERROR, _("cannot open the browser: %s"), err);
		free(err);
	} else
		status_msg(app->status, LOG_INFO, _("opened the %s share page in the browser"),
		    share_target_name(t));
	free(iu);
	app->dirty = true;
}

static void
choose(struct sharemenu *m, struct app *app, const struct entry *e)
{
	const struct config *c = app->cfg->config;

	switch (e->kind) {
	case E_COPY:
		if (*m->url == '\0')
			status_msg(app->status, LOG_WARN, _("this article has no link"));
		else {
			/* Percent-encoded: safe to paste into a shell (issue 18). */
			char *u = share_copy_url(m->url);
			share_copy(app, u, _("link"));
			free(u);
		}
		break;
	case E_MARKDOWN:
		if (*m->url == '\0')
			status_msg(app->status, LOG_WARN, _("this article has no link"));
		else {
			char *md = share_markdown_link(m->url, m->title);
			share_copy(app, md, _("Markdown link"));
			free(md);
		}
		break;
	case E_INTENT:
		open_intent(app, (enum share_target)e->target, m->url, m->title);
		break;
	case E_SHARE_CMD:
		share_run(app, c->share_command, "share-command", m->url, m->title);
		break;
	case E_BOOKMARK_CMD:
		share_run(app, c->bookmark_command, "bookmark-command", m->url, m->title);
		break;
	}
}

bool
sharemenu_key(struct sharemenu *m, struct app *app, int key)
{
	switch (key) {
	case 27:
	case 'q':
	case 3:
	case 7:
		status_msg(app->status, LOG_INFO, _("not shared"));
		return false;
	case 'j':
	case KEYMAP_FN | KEY_DOWN:
		m->sel = (m->sel + 1) % m->n;
		return true;
	case 'k':
	case KEYMAP_FN | KEY_UP:
		m->sel = (m->sel + m->n - 1) % m->n;
		return true;
	case '\r':
	case '\n':
	case KEYMAP_FN | KEY_ENTER:
		choose(m, app, &m->v[m->sel]);
		return false;
	}
	for (int i = 0; i < m->n; i++) {
		if (key == m->v[i].key) {
			choose(m, app, &m->v[i]);
			return false;
		}
	}
	return true;
}

void
sharemenu_draw(struct sharemenu *m, int y, int h, int w)
{
	int rows = m->n + 1, bw = 44;
	attr_t a = colors_attr(EL_STATUS), sel = colors_attr(EL_SELECTED) | A_BOLD;

	if (bw > w)
		bw = w;
	if (rows > h)
		rows = h;
	int top = y + h - rows, x = 0;
	/* Mirrored: the box in the bottom right corner, each row read from
	 * its right edge (sign, key, label). */
	bool mir = screen_mirrored();
	if (mir)
		x = w - bw;
	screen_fill(top, x, bw, a);
	const char *head = _("Share (Esc cancels)");
	int hw = screen_width(head) < bw - 1 ? screen_width(head) : bw - 1;
	screen_text(top, mir ? x + bw - 1 - hw : x + 1, hw, head, a | A_BOLD);
	/* Keep the selection in view on a short screen. */
	int first = m->sel - (rows - 2);
	if (first < 0)
		first = 0;
	for (int r = 1; r < rows; r++) {
		int i = first + r - 1;
		if (i >= m->n)
			break;
		attr_t ea = i == m->sel ? sel : colors_attr(EL_NORMAL);
		char key[4] = { m->v[i].key, ' ', ' ', '\0' };
		screen_fill(top + r, x, bw, ea);
		if (mir) {
			int lw = screen_width(m->v[i].label);
			if (lw > bw - 4)
				lw = bw - 4;
			screen_text_ltr(top + r, x + bw - 1, 1, i == m->sel ? "<" : " ", ea);
			key[1] = '\0';
			screen_text(top + r, x + bw - 2, 1, key, ea | A_BOLD);
			screen_text(top + r, x + bw - 4 - lw, lw, m->v[i].label, ea);
			continue;
		}
		/* The selection has a sign, not only reverse video. */
		screen_text(top + r, x, 1, i == m->sel ? ">" : " ", ea);
		screen_text(top + r, x + 1, 3, key, ea | A_BOLD);
		screen_text(top + r, x + 4, bw - 4, m->v[i].label, ea);
	}
}
