/*
 * The state of the engagement module, shared by its three files only:
 * engage.c (life cycle, actions, the bar, the share menu),
 * engage_compose.c (the composer's controller) and engage_outbox.c (the
 * outbox timer and comment events). No other file includes this.
 */
#ifndef NR_UI_ENGAGE_INT_H
#define NR_UI_ENGAGE_INT_H

#include <stdbool.h>
#include <time.h>

struct app;

struct engage {
	/* engage.c: the comments handle and the share menu. */
	struct comments *cm;
	struct sharemenu *menu;
	/* engage_compose.c: the composer and its terminal modes. */
	struct composer *comp;
	bool paste_on;		/* we wrote CSI ? 2004 h */
	int64_t reply_next;	/* the next open answers the site's comment N; 0 */
	int64_t reply_to;	/* the open composer's text answers comment N; 0 */
	bool cursor_valid;
	int cy, cx;
	/* The drafts of the newest recovery file, offered back when their
	 * article's composer opens empty (once: ui_state remembers). Read by
	 * engage_up() in engage.c, used by engage_compose.c. */
	struct recovery *rec;
	char *rec_file;
	/* engage_outbox.c: the outbox timer. */
	time_t outbox_next;	/* the earliest queued entry's time; 0 = none */
	bool run_now;		/* run the outbox on the next tick */
	bool outbox_said;	/* its last run failed and said so */
	bool offline;
	/* engage_outbox.c: reposts to Mastodon, one in flight at a time. */
	bool repost_busy;	/* a repost's job is out */
	time_t repost_next;	/* the next retry; 0 = none waits */
	bool repost_now;	/* a repost was queued: send on the next tick */
	/* engage.c: the article the open repost prompt is for (owned). */
	int64_t repost_item;
	char *repost_title, *repost_url;
};

/* engage_compose.c */
/* The composer's refused draft (if any) into the recovery list, with its
 * article's link; true when there was one. */
bool engage_keep_unsaved_draft(struct app *app);
/* Bracketed paste on or off (only while the composer is open). */
void engage_paste_mode(struct engage *e, bool on);
/* A key for the open composer; false when it is not open (or its article
 * is no longer top_article: then the draft is kept and it lets go). */
bool engage_composer_key(struct app *app, int key, long long top_article);
/* Autosave the draft; ms until the next save is due, or -1. */
int engage_composer_timeout(struct app *app);

/* engage_outbox.c */
/* Run the outbox when due; ms until the next run, or -1 (offline: none). */
int engage_outbox_timeout(struct app *app);

#endif
