/*
 * Script feed lines (scriptfeed.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/scriptfeed.h"
#include "config/urls.h"
#include "share/argv.h"
#include "util/xalloc.h"

enum script_feed_kind
script_feed_kind(const char *line)
{
	if (strncmp(line, "exec:", 5) == 0)
		return SCRIPT_FEED_EXEC;
	if (strncmp(line, "filter:", 7) == 0)
		return SCRIPT_FEED_FILTER;
	return SCRIPT_FEED_NONE;
}

/* Length of the command in s: up to the first ':' outside quotes (the
 * quoting of share_argv_split), or all of it. */
static size_t
command_len(const char *s)
{
	char q = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (q == '\'') {
			if (s[i] == '\'')
				q = 0;
		} else if (q == '"') {
			if (s[i] == '\\' && s[i + 1] != '\0')
				i++;
			else if (s[i] == '"')
				q = 0;
		} else if (s[i] == '\\' && s[i + 1] != '\0') {
			i++;
		} else if (s[i] == '\'' || s[i] == '"') {
			q = s[i];
		} else if (s[i] == ':') {
			break;
		}
	}
	return i;
}

int
script_feed_parse(const char *line, char ***argv, char **url, char **err)
{
	enum script_feed_kind kind = script_feed_kind(line);
	const char *label = kind == SCRIPT_FEED_FILTER ? "filter" : "exec";
	char *cmd, *why = NULL;
	const char *home;

	*argv = NULL;
	*url = NULL;
	*err = NULL;
	if (kind == SCRIPT_FEED_NONE) {
		*err = xstrdup("not a script feed");
		return -1;
	}
	line += kind == SCRIPT_FEED_FILTER ? 7 : 5;
	if (kind == SCRIPT_FEED_FILTER) {
		size_t n = command_len(line);
		if (line[n] != ':' || line[n + 1] == '\0') {
			*err = xstrdup("filter: no URL after the command (filter:COMMAND:URL)");
			return -1;
		}
		if (!urls_supported(line + n + 1)) {
			*err = xasprintf("filter: unsupported URL '%s' (expected http, https "
			    "or file)", line + n + 1);
			return -1;
		}
		cmd = xstrndup(line, n);
		*url = xstrdup(line + n + 1);
	} else {
		cmd = xstrdup(line);
	}
	if (share_argv_split(cmd, argv, &why) != 0) {
		*err = xasprintf("%s: %s", label, why);
		free(why);
		free(cmd);
		xfree(url);
		return -1;
	}
	free(cmd);
	if ((*argv)[0][0] == '\0') {
		*err = xasprintf("%s: empty command", label);
		share_argv_free(argv);
		xfree(url);
		return -1;
	}
	/* Newsboat ran these through sh, so lists say "~/bin/script". */
	if (strncmp((*argv)[0], "~/", 2) == 0 && (home = getenv("HOME")) != NULL &&
	    home[0] != '\0') {
		char *full = xasprintf("%s%s", home, (*argv)[0] + 1);
		free((*argv)[0]);
		(*argv)[0] = full;
	}
	return 0;
}
