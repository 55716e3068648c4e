/*
 * The downloads view (view_downloads.h). Rows are read from the queue at
 * each paint, so progress shows as the loop's tick measures it. The file
 * name came from a URL and is shown as a field of its own.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "download/download.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "app.h"
#include "colors.h"
#include "downloads.h"
#include "screen.h"
#include "status.h"
#include "view_downloads.h"

struct vdownloads {
	struct view v;
	long sel;
	long top;
};

static size_t
count(struct app *app)
{
	return app->downloads != NULL ? download_queue_count(app->downloads) : 0;
}

/* The state column of one row (trusted text). */
static void
state_text(const struct download_info *d, char *out, size_t outlen)
{
	char got[32], total[32];

	download_human_size(d->got, got, sizeof got);
	switch (d->state) {
	case DOWNLOAD_QUEUED:
		snprintf(out, outlen, "%s", _("queued"));
		break;
	case DOWNLOAD_RUNNING:
		if (d->total > 0) {
			download_human_size(d->total, total, sizeof total);
			int pct = (int)(d->got * 100 / d->total);
			snprintf(out, outlen, _("%3d%% %s of %s"), pct > 100 ? 100 : pct, got, total);
		} else
			snprintf(out, outlen, _("%s so far"), got);
		break;
	case DOWNLOAD_DONE:
		snprintf(out, outlen, _("done, %s"), got);
		break;
	case DOWNLOAD_FAILED:
		snprintf(out, outlen, "%s", _("failed"));
		break;
	}
}

static void
downloads_draw(struct view *v, struct app *app, int y, int h, int w)
{
	struct vdownloads *vd = (struct vdownloads *)v;
	size_t n = count(app);
	struct download_info d;
	char st[96];
	int sw = 26;

	v->last_h = h;
	if (n == 0) {
		screen_text(y + 1, 2, w - 2, _("No downloads yet: d in an article downloads its "
		    "selected enclosure (e selects)."), colors_attr(EL_DIM));
		return;
	}
	if (vd->sel >= (long)n)
		vd->sel = (long)n - 1;
	if (vd->sel < vd->top)
		vd->top = vd->sel;
	if (vd->sel >= vd->top + h)
		vd->top = vd->sel - h + 1;
	if (sw > w / 2)
		sw = w / 2;
	for (int r = 0; r < h; r++) {
		long i = vd->top + r;
		if (!download_queue_get(app->downloads, (size_t)i, &d))
			break;
		attr_t a = i == vd->sel ? colors_attr(EL_SELECTED) : colors_attr(EL_NORMAL);
		screen_fill(y + r, 0, w, a);
		state_text(&d, st, sizeof st);
		screen_text(y + r, 1, sw - 1, st,
		    d.state == DOWNLOAD_FAILED ? (a | colors_attr(EL_ERROR)) : a);
		int x = sw + 1;
		x += screen_field(y + r, x, w - x, d.name, a, ALIGN_START);
		if (d.state == DOWNLOAD_FAILED && d.error != NULL && x + 4 < w) {
			x += screen_text(y + r, x, w - x, ": ", a);
			screen_field(y + r, x, w - x, d.error, a, ALIGN_START);
		}
	}
}

static void
downloads_title(struct view *v, struct app *app, struct view_title *t)
{
	(void)v;
	size_t active = app->downloads != NULL ? download_queue_active(app->downloads) : 0;
	snprintf(t->prefix, sizeof t->prefix, "%s", _("Downloads"));
	t->name = NULL;
	snprintf(t->suffix, sizeof t->suffix, P_(" (%zu running or queued)",
	    " (%zu running or queued)", active), active);
}

static bool
downloads_action(struct view *v, struct app *app, enum action a)
{
	struct vdownloads *vd = (struct vdownloads *)v;
	struct download_info d;
	long n = (long)count(app);

	switch (a) {
	case ACTION_UP:
		if (vd->sel > 0)
			vd->sel--;
		return true;
	case ACTION_DOWN:
		if (vd->sel + 1 < n)
			vd->sel++;
		return true;
	case ACTION_TOP:
		vd->sel = 0;
		return true;
	case ACTION_BOTTOM:
		vd->sel = n > 0 ? n - 1 : 0;
		return true;
	case ACTION_OPEN:
	case ACTION_OPEN_BROWSER:
	case ACTION_OPEN_ENCLOSURE:
		if (n == 0 || !download_queue_get(app->downloads, (size_t)vd->sel, &d))
			return true;
		if (d.state == DOWNLOAD_DONE)
			downloads_open_file(app, d.path, d.type);
		else if (d.state == DOWNLOAD_FAILED)
			status_msg(app->status, LOG_WARN, _("download of %s failed: %s"), d.name,
			    d.error != NULL ? d.error : "?");
		else
			status_msg(app->status, LOG_INFO, _("%s is not downloaded yet"), d.name);
		return true;
	default:
		return false;
	}
}

static void
downloads_free_view(struct view *v)
{
	free(v);
}

static const struct view_ops downloads_ops = {
	.name = "downloads",
	.draw = downloads_draw,
	.title = downloads_title,
	.action = downloads_action,
	.free = downloads_free_view,
	.min_w = 20,
	.min_h = 2,
};

struct view *
view_downloads_new(struct app *app)
{
	struct vdownloads *vd = xcalloc(1, sizeof *vd);
	size_t n = count(app);

	vd->v.ops = &downloads_ops;
	vd->v.last_h = app->rows > 2 ? app->rows - 2 : 1;
	vd->sel = n > 0 ? (long)n - 1 : 0;	/* the newest */
	return &vd->v;
}
