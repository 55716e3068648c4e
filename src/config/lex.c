/* The shared line syntax of the config and urls files (see lex.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config/lex.h"
#include "util/buf.h"
#include "util/xalloc.h"

static void
push(struct lex_tokens *t, char *s)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 8;
		t->v = xreallocarray(t->v, t->alloc, sizeof *t->v);
	}
	t->v[t->n++] = s;
}

int
lex_line(const char *line, size_t len, struct lex_tokens *t, const char **why)
{
	size_t i = 0;

	while (i < len) {
		if (line[i] == ' ' || line[i] == '\t') {
			i++;
			continue;
		}
		if (line[i] == '#')
			break;
		if (line[i] == '"') {
			struct buf b = BUF_INIT;
			bool closed = false;
			for (i++; i < len; i++) {
				if (line[i] == '"') {
					closed = true;
					i++;
					break;
				}
				if (line[i] == '\\' && i + 1 < len &&
				    (line[i + 1] == '"' || line[i + 1] == '\\'))
					i++;
				buf_append_char(&b, line[i]);
			}
			if (!closed) {
				buf_free(&b);
				*why = "unterminated quote";
				return -1;
			}
			push(t, buf_detach(&b));
			continue;
		}
		size_t start = i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		push(t, xstrndup(line + start, i - start));
	}
	return 0;
}

void
lex_tokens_clear(struct lex_tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	t->v = NULL;
	t->n = t->alloc = 0;
}

char **
lex_split_command(const char *s)
{
	struct lex_tokens t = { 0 };
	struct buf w = BUF_INIT;
	bool in_word = false;
	char **argv;

	for (const char *p = s; ; p++) {
		if (*p == '\0' || *p == ' ' || *p == '\t') {
			if (in_word)
				push(&t, buf_detach(&w));
			in_word = false;
			if (*p == '\0')
				break;
			continue;
		}
		in_word = true;
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			if (end == NULL)
				goto bad;
			buf_append(&w, p + 1, (size_t)(end - p - 1));
			p = end;
		} else if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0')
					goto bad;
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				buf_append_char(&w, *p);
			}
		} else if (*p == '\\' && p[1] != '\0') {
			buf_append_char(&w, *++p);
		} else
			buf_append_char(&w, *p);
	}
	if (t.n == 0) {
		lex_tokens_clear(&t);
		return NULL;
	}
	argv = lex_argv_copy(t.v, t.n);
	lex_tokens_clear(&t);
	return argv;
bad:
	buf_free(&w);
	lex_tokens_clear(&t);
	return NULL;
}

char **
lex_argv_copy(char *const *v, size_t n)
{
	char **argv = xcalloc(n + 1, sizeof *argv);

	for (size_t i = 0; i < n; i++)
		argv[i] = xstrdup(v[i]);
	return argv;
}

void
lex_argv_free(char ***argv)
{
	if (*argv == NULL)
		return;
	for (char **p = *argv; *p != NULL; p++)
		free(*p);
	xfree(argv);
}

int
lex_next_line(const char *data, size_t size, size_t *pos, const char **line,
    size_t *len, int *lineno)
{
	size_t start = *pos, end;

	if (start == 0 && size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	if (start >= size)
		return 0;
	end = start;
	while (end < size && data[end] != '\n')
		end++;
	*pos = end < size ? end + 1 : end;
	*line = data + start;
	*len = end - start;
	if (*len > 0 && data[end - 1] == '\r')
		(*len)--;
	(*lineno)++;
	return 1;
}
