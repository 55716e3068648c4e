/*
 * Where the message catalogs are, and what language is in use. An
 * uninstalled binary (run as ./newsreader from the build directory) uses the
 * catalogs `make` compiled into po/locale there, so a translation can be
 * tried without `make install`; an installed one uses $(localedir).
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"

#ifndef NR_LOCALEDIR
#define NR_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef NR_BUILDDIR
#define NR_BUILDDIR ""
#endif

static const char *localedir = NR_LOCALEDIR;

/* True when the running executable sits in the build directory. */
static bool
running_uninstalled(void)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0 || *NR_BUILDDIR == '\0' || realpath(NR_BUILDDIR, build) == NULL)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return strcmp(exe, build) == 0;
}

void
i18n_init(void)
{
	if (running_uninstalled())
		localedir = NR_BUILDDIR "/po/locale";
	bindtextdomain(PACKAGE, localedir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

const char *
i18n_localedir(void)
{
	return localedir;
}

/* The language of the catalog in use ("ar"), or "" when none is: gettext("")
 * is the catalog's header, or "" itself without a catalog. */
static bool
catalog_is(const char *lang)
{
	const char *h = gettext("");
	const char *l = h != NULL ? strstr(h, "Language: ") : NULL;
	size_t n = strlen(lang);

	if (l == NULL)
		return false;
	l += strlen("Language: ");
	return strncmp(l, lang, n) == 0 && (l[n] == '\n' || l[n] == '_' || l[n] == '\0');
}

bool
i18n_rtl(void)
{
	return catalog_is("ar") || catalog_is("fa") || catalog_is("he") || catalog_is("ur");
}

bool
i18n_arabic(void)
{
	return catalog_is("ar");
}
