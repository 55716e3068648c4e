/*
 * The user's changes the cache refused (a full disk, a read-only cache, a
 * lock held too long), kept for the recovery file: at exit whatever is
 * still here is written to $XDG_STATE_HOME/newsreader/recovery-*.txt, one
 * plain-text file a person can read (and paste a draft back from), and the
 * reader exits with EXIT_UNSAVED. Nothing here is retried: the status line
 * said the change failed and the screen shows what is stored; this is only
 * so that no typed text and no change is lost without a trace.
 *
 * One entry per (kind, key): a newer note replaces an older one, a later
 * successful write of the same kind and key forgets it. No curses here.
 */
#ifndef NR_UI_RECOVERY_H
#define NR_UI_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum recovery_kind {
	RECOVERY_DRAFT,		/* text: the draft of item id */
	RECOVERY_LIKE,		/* value: "liked" or "not liked" */
	RECOVERY_READ,		/* value: "read" or "unread" */
	RECOVERY_FEED_READ,	/* every item of feed id read */
};

/* Opaque; recovery_new() creates it, recovery_free() frees it. */
struct recovery;
struct recovery *recovery_new(void);
void recovery_free(struct recovery **r);

/* Keep a change (strings copied; link and value may be NULL). */
void recovery_note(struct recovery *r, enum recovery_kind kind, int64_t id,
    const char *value, const char *link, const char *reason);
/* The change of this kind and id was saved after all. */
void recovery_forget(struct recovery *r, enum recovery_kind kind, int64_t id);
size_t recovery_count(const struct recovery *r);
/* Entries of one kind (for the exit message: "2 drafts"). */
size_t recovery_count_kind(const struct recovery *r, enum recovery_kind kind);

/* The file's text (caller frees): a header naming the cache, then one
 * block per entry. Drafts keep every line, each after "| ". */
char *recovery_format(const struct recovery *r, const char *cache_path, time_t now);
/*
 * Write the file in dir (created, mode 0700, when missing) under a new
 * name recovery-YYYYMMDD-HHMMSS-PID.txt, atomically. 0 and *path (caller
 * frees), or -1 and *err (one line, caller frees).
 */
int recovery_write(const struct recovery *r, const char *dir, const char *cache_path,
    time_t now, char **path, char **err);
/* The newest recovery file in dir and how many there are; 0 when none
 * (*newest NULL), else the count (*newest caller frees). */
size_t recovery_find(const char *dir, char **newest);
/* The drafts of a file that recovery_format wrote, noted into r (the
 * reason is left out); how many, or -1 when the file cannot be read. */
int recovery_read_drafts(const char *file, struct recovery *r);
/* The text kept for item id's draft, or NULL; borrowed from r. */
const char *recovery_draft(const struct recovery *r, int64_t id);

#endif
