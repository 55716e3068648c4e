/*
 * The status line: the latest message (from the UI or, through the log
 * sink, from any thread of the core), the reload progress bar, and the
 * offline marker. The log sink only queues under a mutex and writes one
 * byte to the UI's wakeup pipe; the UI thread drains and paints.
 */
#ifndef NR_UI_STATUS_H
#define NR_UI_STATUS_H

#include <stdbool.h>
#include <time.h>

#include "util/log.h"

/* Opaque; status_new() creates it, status_free() frees it. */
struct status;

/* wake_fd: written (one byte) when another thread queues a message; -1 = none. */
struct status *status_new(int wake_fd);
void status_free(struct status **st);
/* A log_sink_fn (util/log.h); ud is the struct status. Any thread. */
void status_log_sink(enum log_level level, const char *msg, void *ud);
/* UI thread: take queued messages; true when the line changed. */
bool status_drain(struct status *st);

/* A message from the UI thread; sticky ones stay until replaced. */
void status_msg(struct status *st, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void status_sticky(struct status *st, const char *msg);
void status_clear(struct status *st);
/* A message the user must see (a change that was not saved): it stays until
 * the next key (status_key), and messages of a lower level that come
 * meanwhile are dropped rather than shown over it. */
void status_hold(struct status *st, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A key was pressed: a held message has been seen and goes; true when the
 * line changed. */
bool status_key(struct status *st);

/*
 * The reload batch under way: one struct, owned by the status line, which
 * shows it while active ("Reloading 37/200 ▕███░░▏ 2 failed"). app_reload()
 * starts or grows a batch; the loop counts each feed's event and ends it.
 */
struct reload_progress {
	bool active;		/* a batch is under way */
	unsigned done;		/* feeds finished (shown; never goes back) */
	unsigned total;		/* feeds asked for in this batch */
	unsigned failed, succeeded;
	bool quiet;		/* the start-up fetch: no "reloaded" note at its end */
};
/* The status line's batch (owned by st, never NULL); changes show at the
 * next paint. */
struct reload_progress *status_reload(struct status *st);
void status_set_offline(struct status *st, bool offline);
/* The cache was opened read-only (nothing the user does is saved): a
 * marker next to "offline" for the whole session. */
void status_set_readonly(struct status *st, bool readonly);
/* What the line says when there is no message and no reload (copied). */
void status_set_idle(struct status *st, const char *text);
bool status_offline(const struct status *st);
/* A right-to-left UI: the line mirrored (progress bar on the right, the
 * message against it, the offline marker on the left). */
void status_set_rtl(struct status *st, bool rtl);

/* Milliseconds until the current message expires (-1: never); expires it
 * when due and returns 0 (the caller redraws). */
int status_timeout(struct status *st);
/* Paint the line at row y over cols columns. */
void status_draw(struct status *st, int y, int cols);

#endif
