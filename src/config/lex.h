/*
 * The line syntax shared by the config file and the urls file: tokens are
 * separated by spaces or tabs; a token that starts with " runs to the next
 * unescaped " (\" and \\ are escapes, any other backslash is kept); a # at
 * the start of a token starts a comment (a # inside a token, as in a URL
 * fragment, is just a character). Internal to src/config.
 */
#ifndef NR_CONFIG_LEX_H
#define NR_CONFIG_LEX_H

#include <stddef.h>

struct lex_tokens {
	char **v;	/* n strings, owned */
	size_t n;
	size_t alloc;
};

/*
 * Tokenize one line (len bytes, no newline). Returns 0, or -1 with *why set
 * to a static reason; the tokens found so far stay in t either way.
 */
int lex_line(const char *line, size_t len, struct lex_tokens *t, const char **why);
void lex_tokens_clear(struct lex_tokens *t);

/*
 * Split a command line into a NULL-terminated argv (caller frees with
 * lex_argv_free) the way a shell splits words, without any expansion:
 * '...' is literal, "..." takes \" and \\, a backslash outside quotes
 * escapes the next character. NULL on an unterminated quote or no words.
 */
char **lex_split_command(const char *s);
/* Copy of a token array as a NULL-terminated argv. */
char **lex_argv_copy(char *const *v, size_t n);
void lex_argv_free(char ***argv);

/*
 * Iterate over the lines of a buffer: *line and *len get the next line
 * without its \n or \r\n, *lineno counts from 1. Returns 0 at the end.
 * *pos starts at 0. A UTF-8 BOM at the very start is skipped.
 */
int lex_next_line(const char *data, size_t size, size_t *pos, const char **line,
    size_t *len, int *lineno);

#endif
