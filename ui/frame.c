/*
 * The frame around the views: the title bar (row 0), the top view's content
 * area, and the status line or prompt (last row). A terminal too small for
 * the view gets one clear line instead of a garbled layout.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "app.h"
#include "colors.h"
#include "engage.h"
#include "engage_compose.h"
#include "frame.h"
#include "screen.h"
#include "status.h"

/* Smallest terminal any view can use: a title, 4 rows, a status line. */
#define FRAME_MIN_W 20
#define FRAME_MIN_H 6

static void
draw_title(const struct view_title *t, int cols, bool rtl)
{
	attr_t a = colors_attr(EL_TITLE);
	int x = 1, end = cols - 1;
	int sw = screen_width(t->suffix);

	screen_fill(0, 0, cols, a);
	if (rtl && screen_chrome_rtl()) {
		/* A right-to-left label reads from the right: the prefix at the
		 * right edge, then the name, then the suffix leftwards. */
		int pw = screen_width(t->prefix);
		if (pw > end - x)
			pw = end - x;
		end -= pw;
		screen_text(0, end, pw, t->prefix, a);
		if (t->name != NULL && *t->name != '\0') {
			int nw = text_width(t->name, strlen(t->name));
			if (nw > end - x - sw)
				nw = end - x - sw;
			if (nw > 0) {
				end -= nw;
				screen_field(0, end, nw, t->name, a, ALIGN_RIGHT);
			}
		}
		if (sw > end - x)
			sw = end - x;
		screen_text(0, end - sw, sw, t->suffix, a);
		return;
	}
	if (rtl) {
		/* Mirrored chrome: the whole label against the right edge. */
		int tw = screen_width(t->prefix) + sw;
		if (t->name != NULL && *t->name != '\0')
			tw += text_width(t->name, strlen(t->name));
		if (tw < end - x)
			x = end - tw;
	}
	x += screen_text(0, x, end - x, t->prefix, a);
	if (t->name != NULL && *t->name != '\0') {
		/* The name gets what the suffix leaves, at most its own width. */
		int room = end - x - sw;
		int nw = text_width(t->name, strlen(t->name));
		if (nw > room)
			nw = room;
		if (nw > 0) {
			screen_field(0, x, nw, t->name, a, ALIGN_START);
			x += nw;
		}
	}
	screen_text(0, x, end - x, t->suffix, a);
}

void
frame_draw(struct app *app)
{
	struct view *v = app_top(app);
	int rows = app->rows, cols = app->cols;
	int need_w = FRAME_MIN_W, need_h = FRAME_MIN_H;
	struct view_title title = { "", NULL, "" };

	if (v != NULL) {
		if (v->ops->min_w + 0 > need_w)
			need_w = v->ops->min_w;
		if (v->ops->min_h + 2 > need_h)
			need_h = v->ops->min_h + 2;
	}
	erase();
	if (rows < need_h || cols < need_w) {
		char msg[96];
		snprintf(msg, sizeof msg, _("terminal too small (%dx%d, need %dx%d)"), cols, rows,
		    need_w, need_h);
		/* Wrap the one line over as many rows as there are. */
		int len = (int)strlen(msg);
		for (int y = 0, off = 0; y < rows && off < len; y++, off += cols)
			mvaddnstr(y, 0, msg + off, cols);
		curs_set(0);
		refresh();
		return;
	}
	if (v != NULL && v->ops->title)
		v->ops->title(v, app, &title);
	draw_title(&title, cols, app->rtl);
	if (v != NULL) {
		v->last_h = rows - 2;
		v->last_w = cols;
		attrset(colors_attr(EL_NORMAL));
		v->ops->draw(v, app, 1, rows - 2, cols);
	}
	engage_overlay_draw(app, 1, rows - 2, cols);	/* the share menu */
	if (app->prompt.active)
		prompt_draw(&app->prompt, rows - 1, cols);
	else {
		status_draw(app->status, rows - 1, cols);
		curs_set(0);
	}
	engage_cursor(app);	/* the composer's caret */
	refresh();
}
