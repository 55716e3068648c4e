/*
 * Status line state. Messages from other threads go through a small
 * mutex-protected ring (oldest dropped when full: the line only ever shows
 * the latest anyway); everything else is UI-thread only.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xalloc.h"
#include "colors.h"
#include "screen.h"
#include "status.h"

#define QUEUE_MAX 32
#define MSG_SECONDS 6

struct status {
	pthread_mutex_t mu;
	int wake_fd;
	struct {
		enum log_level level;
		char *msg;
	} queue[QUEUE_MAX];
	unsigned qhead, qlen;

	char *msg;		/* current message or NULL */
	enum log_level level;
	struct timespec expires;	/* tv_sec 0: sticky */
	bool held;		/* status_hold: until the next key */
	struct reload_progress reload;
	bool offline;
	bool readonly;
	bool rtl;
	char *idle;
};

static void
now(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
}

struct status *
status_new(int wake_fd)
{
	struct status *st = xcalloc(1, sizeof *st);

	pthread_mutex_init(&st->mu, NULL);
	st->wake_fd = wake_fd;
	return st;
}

void
status_free(struct status **stp)
{
	struct status *st = *stp;

	if (st == NULL)
		return;
	for (unsigned i = 0; i < st->qlen; i++)
		free(st->queue[(st->qhead + i) % QUEUE_MAX].msg);
	free(st->msg);
	free(st->idle);
	pthread_mutex_destroy(&st->mu);
	xfree(stp);
}

void
status_log_sink(enum log_level level, const char *msg, void *ud)
{
	struct status *st = ud;
	char *copy = xstrdup(msg);

	pthread_mutex_lock(&st->mu);
	if (st->qlen == QUEUE_MAX) {
		free(st->queue[st->qhead].msg);
		st->qhead = (st->qhead + 1) % QUEUE_MAX;
		st->qlen--;
	}
	unsigned slot = (st->qhead + st->qlen) % QUEUE_MAX;
	st->queue[slot].level = level;
	st->queue[slot].msg = copy;
	st->qlen++;
	pthread_mutex_unlock(&st->mu);
	if (st->wake_fd != -1) {
		char b = 'l';
		while (write(st->wake_fd, &b, 1) == -1 && errno == EINTR)
			;	/* a full pipe already means "wake up" */
	}
}

static void
set_msg(struct status *st, enum log_level level, char *msg, bool sticky)
{
	if (st->held && st->msg != NULL) {
		/* What the user has not seen yet outranks chatter; a message as
		 * grave replaces it and is held in its turn. */
		if (level < st->level) {
			free(msg);
			return;
		}
		sticky = true;
	}
	free(st->msg);
	st->msg = msg;
	st->level = level;
	if (sticky)
		st->expires.tv_sec = 0;
	else {
		now(&st->expires);
		st->expires.tv_sec += level >= LOG_WARN ? 2 * MSG_SECONDS : MSG_SECONDS;
	}
}

bool
status_drain(struct status *st)
{
	bool changed = false;

	pthread_mutex_lock(&st->mu);
	while (st->qlen > 0) {
		unsigned slot = st->qhead;
		/* An error outranks later chatter of lower level. */
		if (st->msg == NULL || changed == false ||
		    st->queue[slot].level >= st->level)
			set_msg(st, st->queue[slot].level, st->queue[slot].msg, false);
		else
			free(st->queue[slot].msg);
		st->qhead = (st->qhead + 1) % QUEUE_MAX;
		st->qlen--;
		changed = true;
	}
	pthread_mutex_unlock(&st->mu);
	return changed;
}

void
status_msg(struct status *st, enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_msg(st, level, xvasprintf(fmt, ap), false);
	va_end(ap);
}

void
status_sticky(struct status *st, const char *msg)
{
	set_msg(st, LOG_INFO, xstrdup(msg), true);
}

void
status_clear(struct status *st)
{
	xfree(&st->msg);
	st->held = false;
}

void
status_hold(struct status *st, enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	st->held = false;	/* a new one replaces the old whatever its level */
	set_msg(st, level, msg, true);
	st->held = true;
}

bool
status_key(struct status *st)
{
	if (!st->held)
		return false;
	status_clear(st);
	return true;
}

struct reload_progress *
status_reload(struct status *st)
{
	return &st->reload;
}

void
status_set_offline(struct status *st, bool offline)
{
	st->offline = offline;
}

void
status_set_idle(struct status *st, const char *text)
{
	free(st->idle);
	st->idle = xstrdup_null(text);
}

void
status_set_readonly(struct status *st, bool readonly)
{
	st->readonly = readonly;
}

void
status_set_rtl(struct status *st, bool rtl)
{
	st->rtl = rtl;
}

bool
status_offline(const struct status *st)
{
	return st->offline;
}

int
status_timeout(struct status *st)
{
	struct timespec t;

	if (st->msg == NULL || st->expires.tv_sec == 0)
		return -1;
	now(&t);
	long long ms = (st->expires.tv_sec - t.tv_sec) * 1000LL +
	    (st->expires.tv_nsec - t.tv_nsec) / 1000000;
	if (ms <= 0) {
		xfree(&st->msg);
		return 0;
	}
	return ms > 60000 ? 60000 : (int)ms;
}

/* "Reloading 37/200 ▕██████░░░░▏ 2 failed" into out. */
static void
progress_text(const struct status *st, char *out, size_t outlen)
{
	enum { BAR = 10 };
	char bar[BAR * 3 + 8];
	size_t used = 0;
	unsigned fill = st->reload.total ? st->reload.done * BAR / st->reload.total : 0;
	bool u = screen_utf8();
	/* Mirrored, the bar fills from the right: a right-to-left label does
	 * that by itself (the bar's cells are neutral, so they take the
	 * label's direction); a left-to-right one is drawn reversed. */
	bool from_right = st->rtl && !screen_chrome_rtl();

	used += (size_t)snprintf(bar + used, sizeof bar - used, "%s", u ? "\xe2\x96\x95" : "[");
	for (unsigned i = 0; i < BAR; i++)
		used += (size_t)snprintf(bar + used, sizeof bar - used, "%s",
		    (from_right ? BAR - 1 - i < fill : i < fill) ? (u ? "\xe2\x96\x88" : "#") :
		    (u ? "\xe2\x96\x91" : "-"));
	snprintf(bar + used, sizeof bar - used, "%s", u ? "\xe2\x96\x8f" : "]");
	if (st->reload.failed)
		snprintf(out, outlen, _("Reloading %u/%u %s %u failed"), st->reload.done, st->reload.total,
		    bar, st->reload.failed);
	else
		snprintf(out, outlen, _("Reloading %u/%u %s"), st->reload.done, st->reload.total, bar);
}

/*
 * Left to right: [progress · message ......... offline]. Mirrored in a
 * right-to-left UI: [offline ......... message · progress], the message
 * right-aligned against the bar (each piece keeps its own inner order:
 * "Reloading 37/200" is trusted left-to-right chrome).
 */
void
status_draw(struct status *st, int y, int cols)
{
	attr_t base = colors_attr(EL_STATUS);
	char marker[32] = "";
	const char *sep = screen_utf8() ? " \xc2\xb7 " : " - ";
	int mw = 0, lo = 0, hi = cols;	/* the free span [lo, hi) */

	screen_fill(y, 0, cols, base);
	if (st->offline && st->readonly)
		snprintf(marker, sizeof marker, _(" offline, read-only "));
	else if (st->readonly)
		snprintf(marker, sizeof marker, _(" read-only "));
	else if (st->offline)
		snprintf(marker, sizeof marker, _(" offline "));
	mw = screen_width(marker);
	if (mw >= cols)
		mw = 0;
	if (mw && st->rtl) {
		screen_text(y, 0, mw, marker, base | A_BOLD);
		lo = mw;
	} else if (mw) {
		screen_text(y, cols - mw, mw, marker, base | A_BOLD);
		hi = cols - mw;
	}
	if (st->reload.active) {
		char p[128];
		progress_text(st, p, sizeof p);
		int pw = screen_width(p);
		if (pw > hi - lo)
			pw = hi - lo;
		if (st->rtl) {
			screen_text(y, hi - pw, pw, p, base);
			hi -= pw;
			if (hi - 3 > lo && st->msg != NULL)
				hi -= screen_text(y, hi - 3, 3, sep, base);
		} else {
			lo += screen_text(y, lo, pw, p, base);
			if (lo + 3 < hi && st->msg != NULL)
				lo += screen_text(y, lo, 3, sep, base);
		}
	}
	enum screen_align al = st->rtl ? ALIGN_RIGHT : ALIGN_START;
	if (st->msg == NULL && !st->reload.active && st->idle != NULL)
		screen_field(y, lo, hi - lo, st->idle, base, al);
	if (st->msg != NULL && lo < hi) {
		attr_t a = base;
		if (st->level == LOG_ERROR)
			a = colors_attr(EL_ERROR) | A_REVERSE;
		else if (st->level == LOG_WARN)
			a = colors_attr(EL_WARNING) | A_REVERSE;
		/* Messages may quote fetched text: lay them out as a field. */
		screen_field(y, lo, hi - lo, st->msg, a, al);
	}
}
