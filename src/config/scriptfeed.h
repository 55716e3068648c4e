/*
 * Script feeds in the urls file, as newsboat writes them:
 *
 *   "exec:COMMAND"          the command's stdout is the feed document
 *   "filter:COMMAND:URL"    URL is fetched and its body goes through the
 *                           command (stdin to stdout) before it is parsed
 *
 * The whole token is the feed's identity in the cache (so read states
 * survive as long as the line does). COMMAND is split into words as the
 * share-command is (share_argv_split: shell-like quotes, no expansion of
 * any kind, never a shell); only a leading "~/" of the program's path is
 * expanded to $HOME, as newsboat users write it. In a filter, COMMAND ends
 * at the first ':' outside quotes, so a quoted argument may hold one.
 */
#ifndef NR_CONFIG_SCRIPTFEED_H
#define NR_CONFIG_SCRIPTFEED_H

#include <stdbool.h>

enum script_feed_kind {
	SCRIPT_FEED_NONE,	/* an ordinary URL */
	SCRIPT_FEED_EXEC,
	SCRIPT_FEED_FILTER,
};

/* Which kind line is, by its prefix alone. */
enum script_feed_kind script_feed_kind(const char *line);

/*
 * Split a script feed's line into *argv (NULL-terminated, caller frees with
 * share_argv_free) and, for a filter, *url (caller frees; NULL for exec).
 * Returns 0, or -1 with *err (caller frees), e.g. "exec: empty command",
 * "filter: no URL after the command", "filter: unsupported URL 'ftp://x'".
 */
int script_feed_parse(const char *line, char ***argv, char **url, char **err);

#endif
