/* The urls file's appending, shared by add and import (cmd_urls.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_urls.h"
#include "config/diag.h"
#include "config/fileio.h"

#define URLS_MAX_SIZE (16 * 1024 * 1024)

int
cmd_urls_load(const char *path, struct urls_list **have, struct buf *out)
{
	struct diag_list ignored = DIAG_LIST_INIT;
	char *old = NULL;
	size_t oldlen = 0;
	int errnum;

	*have = NULL;
	if (fileio_read(path, URLS_MAX_SIZE, &old, &oldlen, &errnum) == -1) {
		if (errnum != ENOENT) {
			fprintf(stderr, "newsreader: %s: %s\n", path,
			    errnum == EFBIG ? "file too large" : strerror(errnum));
			return EXIT_CONFIG;
		}
		old = NULL;
		oldlen = 0;
	}
	urls_parse(path, old ? old : "", oldlen, NULL, have, &ignored);
	diag_list_clear(&ignored);
	buf_append(out, old ? old : "", oldlen);
	if (oldlen > 0 && old[oldlen - 1] != '\n')
		buf_append_char(out, '\n');
	free(old);
	return EXIT_OK;
}

int
cmd_urls_write(const char *path, const struct buf *out)
{
	char *err = NULL;

	if (fileio_mkdir_parent(path, 0700) == -1) {
		fprintf(stderr, "newsreader: cannot create the directory of %s: %s\n",
		    path, strerror(errno));
		return EXIT_FAIL;
	}
	if (fileio_write_atomic(path, out->data, out->len, &err) == -1) {
		fprintf(stderr, "newsreader: %s\n", err);
		free(err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
