/*
 * XDG base directories (DESIGN.md section 8). A relative or empty XDG
 * variable is ignored, as the XDG Base Directory specification says.
 */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/fileio.h"
#include "config/paths.h"
#include "util/xalloc.h"

#ifndef NR_DATADIR
#define NR_DATADIR "/usr/local/share/newsreader"
#endif
#ifndef NR_SRCDATADIR
#define NR_SRCDATADIR "data"
#endif

/*
 * The home directory: $HOME when it is an absolute path, else the password
 * database's. An empty or relative HOME is treated as unset, as the XDG
 * variables are: "" would put the cache under whatever directory the
 * program was started in. NULL when neither gives one.
 */
static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && home[0] == '/')
		return home;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

bool
paths_have_home(void)
{
	static const char *const vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME",
		"XDG_STATE_HOME" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if ((v == NULL || v[0] != '/') && home_dir() == NULL)
			return false;
	}
	return true;
}

/* $VAR/newsreader/leaf, or $HOME/fallback/newsreader/leaf. */
static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var);

	const char *home;

	if (base != NULL && base[0] == '/')
		return xasprintf("%s/newsreader/%s", base, leaf);
	/* No home: main() refused to start (paths_have_home); a path under /
	 * that cannot be created is the safe answer for any other caller. */
	home = home_dir();
	return xasprintf("%s/%s/newsreader/%s", home != NULL ? home : "", fallback, leaf);
}

char *
paths_config_file(const char *override)
{
	if (override != NULL)
		return xstrdup(override);
	return xdg_path("XDG_CONFIG_HOME", ".config", "config");
}

char *
paths_urls_file(const char *override)
{
	if (override != NULL)
		return xstrdup(override);
	return xdg_path("XDG_CONFIG_HOME", ".config", "urls");
}

char *
paths_cache_file(const char *override)
{
	char *path;

	if (override != NULL)
		return xstrdup(override);
	path = xdg_path("XDG_DATA_HOME", ".local/share", "cache.db");
	/* Failure shows up when the store opens the file, with its reason. */
	(void)fileio_mkdir_parent(path, 0700);
	return path;
}

char *
paths_log_file(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "log");
}

char *
paths_state_dir(void)
{
	char *p = xdg_path("XDG_STATE_HOME", ".local/state", "");

	p[strlen(p) - 1] = '\0';	/* the slash before the empty leaf */
	return p;
}

char *
paths_data_dir(void)
{
	const char *env = getenv("NR_DATA_DIR");
	struct stat st;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (stat(NR_DATADIR "/demo", &st) == 0 && S_ISDIR(st.st_mode))
		return xstrdup(NR_DATADIR);
	return xstrdup(NR_SRCDATADIR);
}
