/*
 * The urls file, newsboat-compatible: one feed per line,
 * `URL [tag...] ["~Title"]`, tags may be quoted, # comments, blank lines.
 * newsboat's "query:..." lines are reported as unsupported (a warning with
 * file:line) and skipped; a URL listed twice is kept once, with a warning.
 * Accepted URLs: http, https, file, and the script feeds "exec:COMMAND"
 * and "filter:COMMAND:URL" (scriptfeed.h), whose whole token is the url;
 * urls_load() refuses those when the file is writable by group or others.
 *
 * A struct urls_list and everything in it is owned by whoever created it;
 * urls_list_free() frees it.
 */
#ifndef NR_CONFIG_URLS_H
#define NR_CONFIG_URLS_H

#include <stdbool.h>
#include <stddef.h>

#include "config/diag.h"

struct urls_entry {
	char *url;
	char **tags;	/* ntags strings, in the order written, no duplicates */
	size_t ntags;
	char *title;	/* the "~Title", without the ~; NULL when none */
	int line;	/* where it came from; 0 when not from a file */
};

struct urls_list {
	struct urls_entry *v;
	size_t n;
	size_t alloc;
};

struct urls_list *urls_list_new(void);
void urls_list_free(struct urls_list **l);
/* Index of url in l, or -1. */
long urls_list_find(const struct urls_list *l, const char *url);
/* Add copies; false (nothing added) when url is already in the list. */
bool urls_list_add(struct urls_list *l, const char *url, const char *const *tags,
    size_t ntags, const char *title, int line);

/* http://, https:// or file:// with something after it. */
bool urls_supported(const char *url);

/*
 * Parse the text of a urls file called name (for messages). When datadir is
 * non-NULL (the bundled demo list), every %DATADIR% in a URL becomes that
 * directory. Warnings go to d. *out is always set. Returns 0.
 */
int urls_parse(const char *name, const char *data, size_t len, const char *datadir,
    struct urls_list **out, struct diag_list *d);
/*
 * Read and parse path; is_demo: substitute %DATADIR% with paths_data_dir().
 * Returns 0, or -1 (*out NULL) with an error "PATH: reason" in d when the
 * file cannot be read.
 */
int urls_load(const char *path, bool is_demo, struct urls_list **out, struct diag_list *d);

/* One urls-file line for e, ending in \n, quoted where needed (caller frees). */
char *urls_format_entry(const struct urls_entry *e);

#endif
