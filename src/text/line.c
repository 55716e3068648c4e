/*
 * Screen lines after layout: printing them as `render` does, and the maps
 * between visual columns and logical offsets that the cursor, search
 * highlights and mouse clicks use.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "text/text.h"
#include "util/xalloc.h"

char *
text_line_to_utf8(const struct text_line *line)
{
	size_t n = strlen(line->utf8);
	char *s;

	while (n > 0 && line->utf8[n - 1] == ' ')
		n--;
	if (n == 0)
		return xstrdup("");
	s = xmalloc((size_t)line->pad + n + 1);
	memset(s, ' ', (size_t)line->pad);
	memcpy(s + line->pad, line->utf8, n);
	s[line->pad + n] = '\0';
	return s;
}

int
text_line_col_of(const struct text_line *line, size_t off)
{
	size_t next_off = SIZE_MAX;
	int col = line->pad, next_col = -1;

	if (off < line->log_start || off > line->log_end)
		return -1;
	for (size_t i = 0; i < line->ncells; i++) {
		const struct text_cell *c = &line->cells[i];
		if (off >= c->log_off && off < (size_t)c->log_off + c->log_len)
			return col;
		if (c->log_off > off && c->log_off < next_off) {
			next_off = c->log_off;
			next_col = col;
		}
		col += c->width;
	}
	if (next_col >= 0)
		return next_col;
	if (line->rtl)
		return line->pad > 0 ? line->pad - 1 : 0;
	return line->pad + line->width;
}

size_t
text_line_off_at(const struct text_line *line, int col)
{
	int c = line->pad;

	if (col < c)
		return (size_t)-1;
	for (size_t i = 0; i < line->ncells; i++) {
		const struct text_cell *cell = &line->cells[i];
		if (cell->width == 0)
			continue;
		if (col < c + cell->width)
			return cell->log_off;
		c += cell->width;
	}
	return (size_t)-1;
}
