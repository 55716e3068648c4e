/*
 * The urls file as add and import append to it: the user's bytes kept as
 * they are, new lines after them, written next to the file and renamed
 * over it. For the commands only: these tell the user on stderr.
 */
#ifndef NR_CMD_URLS_H
#define NR_CMD_URLS_H

#include "config/urls.h"
#include "util/buf.h"

/* The urls file at path: *have its entries (caller frees; its warnings
 * were shown when it was loaded) and out its bytes ending in a newline,
 * empty when there is no file yet. EXIT_OK, or EXIT_CONFIG (said). */
int cmd_urls_load(const char *path, struct urls_list **have, struct buf *out);
/* out written as the urls file at path (its directory made first). EXIT_OK,
 * or EXIT_FAIL (said). */
int cmd_urls_write(const char *path, const struct buf *out);

#endif
