/*
 * Enclosure downloads (issue 16): where a file goes and under which name,
 * and the queue that runs the downloads, either through the user's
 * `download-command` (argv, no shell; progress from the growing file) or
 * through our own fetcher (src/jobs/downloadjob.h, streamed to disk).
 *
 * A download writes NAME.part next to its final name and becomes NAME
 * only when complete (link + unlink, so an existing file is never
 * overwritten); a failed or stopped download leaves no file behind. No
 * curses here: the UI shows what download_queue_get() says.
 */
#ifndef NR_DOWNLOAD_DOWNLOAD_H
#define NR_DOWNLOAD_DOWNLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fetcher;
struct fetch_event;

/*
 * The file name for url: its last path segment, %XX decoded, with the
 * query and fragment dropped, made safe: no "/" or "\" (each becomes "_"),
 * no control characters, escape sequences or bidi overrides, no leading
 * "." or blank (so never "." or ".." or a hidden file), no trailing blank
 * or ".", at most 200 bytes (whole UTF-8 characters). "download" when
 * nothing is left. A new string the caller frees.
 */
char *download_file_name(const char *url);

/*
 * dir/name, or dir/"stem (1).ext", "stem (2).ext", ... : the first whose
 * final name and NAME.part are both free. A new string; NULL only when
 * 1000 names are taken.
 */
char *download_free_path(const char *dir, const char *name);

/*
 * Move the complete part file to final without overwriting anything:
 * when final exists by now, the next free name is used. *done_path (caller
 * frees) is where it went. 0, or -1 with *err (caller frees).
 */
int download_commit(const char *part, const char *final, char **done_path, char **err);

/* "512 B", "12.4 MB", "1.2 GB" (powers of 1000) into out. */
void download_human_size(int64_t bytes, char *out, size_t outlen);

/* The directory downloads go to when download-path is unset: XDG_DOWNLOAD_DIR
 * of user-dirs.dirs, else ~/Downloads. A new string. */
char *download_default_dir(void);
/* Create dir and its parents (0700) when missing; 0, or -1 with *err. */
int download_make_dir(const char *dir, char **err);

/*
 * argv for a command template (words as the config split them) with %u
 * (URL), %f (file), %t (MIME type) and %% substituted inside words: a
 * fetched URL or type stays one argument whatever it holds. Missing %u
 * (and %f when file is non-NULL) are appended, in that order. Free with
 * share_argv_free().
 */
char **download_argv(char *const *tmpl, const char *url, const char *file, const char *type);

enum download_state {
	DOWNLOAD_QUEUED,
	DOWNLOAD_RUNNING,
	DOWNLOAD_DONE,
	DOWNLOAD_FAILED,
};

/* What the UI shows of one download (strings owned by the queue). */
struct download_info {
	unsigned id;
	enum download_state state;
	const char *url;
	const char *type;	/* MIME type from the feed, or NULL */
	const char *name;	/* the final file name (basename) */
	const char *path;	/* where it is (DONE) or will be */
	const char *error;	/* FAILED: why */
	int64_t got;		/* bytes so far */
	int64_t total;		/* -1 when unknown */
};

struct download_setup {
	const char *dir;	/* download-path (made when missing) */
	char *const *command;	/* download-command's words, or NULL: our fetcher */
	unsigned max_running;	/* max-downloads (at least 1) */
	struct fetcher *fetch;	/* borrowed; NULL: offline (our fetcher cannot run) */
	int64_t max_size;	/* download-max-size in bytes; 0 = no limit */
};

/* Opaque; download_queue_new() makes it, download_queue_free() stops
 * what runs, removes its part files and frees it. */
struct download_queue;
struct download_queue *download_queue_new(const struct download_setup *setup);
void download_queue_free(struct download_queue **q);

/*
 * Queue url (length: the feed's size or -1; type may be NULL). Picks the
 * file name now. Returns the id, or 0 with *err (caller frees) when it
 * cannot be queued (the directory cannot be made, offline).
 */
unsigned download_queue_add(struct download_queue *q, const char *url, const char *type,
    int64_t length, char **err);
/*
 * Start what may start, read the commands' ends and the part files'
 * sizes. Returns true when anything shown changed. *ended is set to the
 * id of a download that ended since the last call (0: none), one a call.
 */
bool download_queue_poll(struct download_queue *q, unsigned *ended);
/* A fetcher event of JOB_DOWNLOAD: true when it was ours (applied);
 * *ended is the id of the download it ended, else 0. */
bool download_queue_event(struct download_queue *q, const struct fetch_event *ev,
    unsigned *ended);
/* Downloads queued or running. */
size_t download_queue_active(const struct download_queue *q);
size_t download_queue_count(const struct download_queue *q);
/* The i-th download, oldest first; false when i is out of range. */
bool download_queue_get(const struct download_queue *q, size_t i, struct download_info *out);
/* By id. */
bool download_queue_find(const struct download_queue *q, unsigned id, struct download_info *out);
/* Stop every queued and running download (their part files go); returns
 * how many were stopped. */
size_t download_queue_stop_all(struct download_queue *q);

#endif
