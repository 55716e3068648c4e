/*
 * The fixture the store's unit tests share: each test works in its own
 * temporary directory, fx->db the cache's path in it; teardown removes
 * whatever the test left there (made writable first). Define
 * STORE_FIXTURE_NAME, the directory's prefix in /tmp, before including
 * this after <cmocka.h>.
 */
#ifndef NR_TESTS_STORE_FIXTURE_H
#define NR_TESTS_STORE_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "util/xalloc.h"

struct fx {
	char dir[64];
	char *db;	/* dir/cache.db */
};

static int
setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof *fx);

	snprintf(fx->dir, sizeof fx->dir, "/tmp/" STORE_FIXTURE_NAME ".XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	fx->db = xasprintf("%s/cache.db", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	DIR *d = opendir(fx->dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", fx->dir, e->d_name);
		chmod(p, 0600);
		if (unlink(p) != 0)
			rmdir(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(fx->dir);
	free(fx->db);
	free(fx);
	return 0;
}

static struct store *
open_ok(const char *path, int flags)
{
	char *err = NULL;
	struct store *s = store_open(path, flags, &err);

	if (s == NULL)
		fail_msg("store_open: %s", err);
	assert_null(err);
	return s;
}

#endif
