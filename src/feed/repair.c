/*
 * Repairs of the damage real feeds carry, made on the decoded text before
 * libxml2 sees it, where a lenient reader would read past it:
 *   - a bare "&" (in text or an attribute value: "?a=1&b=2", "Tom & Jerry",
 *     "&copy2") becomes "&amp;", so the text stays as written;
 *   - "&#X41;" (uppercase X, not XML) becomes "&#x41;";
 *   - a "<" that cannot start markup ("a < b", "<3", "<=") becomes "&lt;";
 *   - numeric references to C1 controls (&#146;) mean what windows-1252
 *     means by those bytes, as in browsers (HTML's "numeric character
 *     reference end state"); that is not damage, so it is not reported.
 * A small state machine follows the markup (tags with quoted attribute
 * values, comments, CDATA sections, processing instructions, the DOCTYPE
 * with its internal subset) so nothing inside those is touched. Bytes that
 * cannot be decided at a chunk's end (an "&" or "<" whose next bytes have
 * not arrived) are held back until they have. Each repair is counted and
 * the first one is kept as the parser's "recovered" note.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "util/xalloc.h"

#define NAME_MAX_LEN 64		/* an entity name longer than this is text */
#define DIGITS_MAX 10
#define DOCTYPE_MAX (8u << 10)	/* rescanned per push while held: keep it small */

enum { RP_TEXT, RP_TAG, RP_QUOTE, RP_COMMENT, RP_CDATA, RP_PI, RP_DOCTYPE, RP_DOCTYPE_QUOTE };
enum ref { REF_OK, REF_UPPER_X, REF_C1, REF_BARE, REF_MORE };

static bool
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
	    c >= 0x80;
}

static bool
name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int
digit(unsigned char c, bool hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The reference at s (s[0] is '&'); *n its length, *cp a numeric value. */
static enum ref
ref_scan(const unsigned char *s, size_t len, size_t *n, uint32_t *cp)
{
	size_t j = 1, start;

	if (j >= len)
		return REF_MORE;
	if (s[1] == '#') {
		bool hex = false, upper = false;
		uint32_t v = 0;
		if (++j >= len)
			return REF_MORE;
		if (s[j] == 'x' || s[j] == 'X') {
			hex = true;
			upper = s[j] == 'X';
			j++;
		}
		for (start = j; j < len && j - start <= DIGITS_MAX; j++) {
			int d = digit(s[j], hex);
			if (d < 0)
				break;
			v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (j >= len && j - start <= DIGITS_MAX)
			return REF_MORE;
		if (j == start || j >= len || s[j] != ';')
			return REF_BARE;
		*n = j + 1;
		*cp = v;
		if (v >= 0x80 && v <= 0x9F && markup_cp1252(v) != v)
			return REF_C1;
		return upper ? REF_UPPER_X : REF_OK;
	}
	if (!name_start(s[1]))
		return REF_BARE;
	for (j = 2; j < len && j <= NAME_MAX_LEN && name_char(s[j]); j++)
		;
	if (j >= len && j <= NAME_MAX_LEN)
		return REF_MORE;
	if (j >= len || s[j] != ';')
		return REF_BARE;
	*n = j + 1;
	return REF_OK;
}

/* What the "<" at s starts: a state, RP_TEXT for a bare "<", -1: undecided. */
static int
lt_scan(const unsigned char *s, size_t len)
{
	static const char cdata[] = "<![CDATA[", doctype[] = "<!DOCTYPE";
	if (len < 2)
		return -1;
	if (s[1] == '?')
		return RP_PI;
	if (s[1] == '/' || name_start(s[1]))
		return RP_TAG;
	if (s[1] != '!')
		return RP_TEXT;
	/* "<!--", "<![CDATA[", "<!DOCTYPE": compare what has arrived. */
	if (len >= 3 && s[2] == '-')
		return len < 4 ? -1 : s[3] == '-' ? RP_COMMENT : RP_TAG;
	size_t k = len < 9 ? len : 9;
	if (memcmp(s, cdata, k) == 0)
		return k < 9 ? -1 : RP_CDATA;
	if (memcmp(s, doctype, k) == 0)
		return k < 9 ? -1 : RP_DOCTYPE;
	return RP_TAG;
}

/*
 * Where the DOCTYPE starting at s ("<!DOCTYPE...") ends within len bytes
 * (the offset after its '>'), or 0 while it has not ended: libxml2's push
 * parser reads a DOCTYPE split across pushes differently from a whole one
 * when it is damaged, so it is passed on in one piece (up to DOCTYPE_MAX
 * bytes). The internal subset is scanned as libxml2's push parser looks
 * for its end (quotes, comments, "]]" skipped, "]" blanks ">"; PIs whole
 * too, as its parser reads them), so what is
 * passed on always holds the end libxml2 looks for; anything it would still
 * wait on (an unclosed comment or quote, a "]" followed by other text)
 * counts as not ended.
 */
static size_t
doctype_end(const unsigned char *s, size_t len)
{
	unsigned char quote = 0;
	size_t i = 9;

	/* The name and external ID, up to the subset's '[' or the end. */
	for (; i < len; i++) {
		unsigned char c = s[i];
		if (quote)
			quote = c == quote ? 0 : quote;
		else if (c == '"' || c == '\'')
			quote = c;
		else if (c == '>')
			return i + 1;
		else if (c == '[')
			break;
	}
	for (; i < len; i++) {
		unsigned char c = s[i];
		if (quote) {
			quote = c == quote ? 0 : quote;
		} else if (c == '<' && len - i > 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* libxml2 finds the "-->" from the comment's third byte. */
			const unsigned char *e = NULL;
			for (size_t j = i + 2; j + 3 <= len && e == NULL; j++)
				if (memcmp(s + j, "-->", 3) == 0)
					e = s + j;
			if (e == NULL)
				return 0;
			i = (size_t)(e - s) + 2;
		} else if (c == '<' && len - i > 4 && s[i + 1] == '?') {
			/* libxml2 does not skip a PI when it looks for the end,
			 * but its parser then reads the PI past any "]>" in it:
			 * wait for the whole PI. */
			const unsigned char *e = NULL;
			for (size_t j = i + 2; j + 2 <= len && e == NULL; j++)
				if (s[j] == '?' && s[j + 1] == '>')
					e = s + j;
			if (e == NULL)
				return 0;
			i = (size_t)(e - s) + 1;
		} else if (c == '<' && len - i <= 4) {
			return 0;	/* a comment may start here */
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == ']') {
			if (i + 1 < len && s[i + 1] == ']') {
				i++;
				continue;
			}
			size_t j = i + 1;
			while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
				j++;
			return j < len && s[j] == '>' ? j + 1 : 0;
		}
	}
	return 0;
}

static void
note(struct feed_parser *p, const unsigned char *s, size_t upto, const char *what)
{
	/* Lines are counted only up to the first repair: cheap enough. */
	long line = p->rp_line;
	if (p->recovered == NULL || p->rp_line + 1 + p->skipped_lines < p->recovered_line)
		for (const unsigned char *q = s; (q = memchr(q, '\n', (size_t)(s + upto - q))) != NULL; q++)
			line++;
	feed_recovered(p, line + 1 + p->skipped_lines, "%s", what);
}

/*
 * Repair s[0..len) into p->rp_out (appending), holding back an undecided
 * tail unless final. Returns true, appending nothing, when s needs no
 * change at all (the usual case).
 */
static bool
repair_run(struct feed_parser *p, const unsigned char *s, size_t len, bool final)
{
	struct buf *o = &p->rp_out;
	size_t i = 0, run = 0, n = 0;
	uint32_t cp = 0;
	const unsigned char *amp = NULL;	/* the next '&' (or s + len), if known */

	while (i < len) {
		unsigned char c = s[i];
		switch (p->rp_state) {
		case RP_TEXT: {
			/* memchr runs far faster than a byte loop; '&' is rare, so
			 * where the next one is stays known until it is passed. */
			if (amp == NULL || amp < s + i) {
				amp = memchr(s + i, '&', len - i);
				if (amp == NULL)
					amp = s + len;
			}
			const unsigned char *lt = memchr(s + i, '<', (size_t)(amp - (s + i)));
			i = (size_t)((lt ? lt : amp) - s);
			if (i >= len)
				continue;
			c = s[i];
			if (c == '<') {
				int st = lt_scan(s + i, len - i);
				if (st < 0 && !final)
					goto hold;
				if (st <= RP_TEXT) {
					buf_append(o, s + run, i - run);
					buf_append(o, "&lt;", 4);
					note(p, s, i, "a bare < in text, kept as text");
					run = ++i;
					continue;
				}
				if (st == RP_DOCTYPE && !final && len - i < DOCTYPE_MAX) {
					size_t end = doctype_end(s + i, len - i);
					if (end == 0)
						goto hold;
					/* Nothing in it is repaired: pass it on. */
					i += end;
					continue;
				}
				p->rp_state = st;
				p->rp_match = 0;
				i += st == RP_CDATA || st == RP_DOCTYPE ? 9 : st == RP_COMMENT ? 4 : 2;
				continue;
			}
			break;	/* '&': below */
		}
		case RP_TAG:
			for (; i < len; i++) {
				c = s[i];
				if (c == '>') {
					p->rp_state = RP_TEXT;
					i++;
					break;
				}
				if (c == '"' || c == '\'') {
					p->rp_state = RP_QUOTE;
					p->rp_quote = (char)c;
					i++;
					break;
				}
			}
			continue;
		case RP_QUOTE:
			while (i < len && s[i] != '&' && s[i] != (unsigned char)p->rp_quote)
				i++;
			if (i >= len)
				continue;
			if (s[i] != '&') {
				p->rp_state = RP_TAG;
				i++;
				continue;
			}
			c = '&';
			break;
		case RP_COMMENT:
		case RP_CDATA:
		case RP_PI: {
			/* Ends at "-->", "]]>" or "?>": find each '>' and count the
			 * marks before it, with those that ended the last chunk. */
			unsigned char mark = p->rp_state == RP_COMMENT ? '-' :
			    p->rp_state == RP_CDATA ? ']' : '?';
			int need = p->rp_state == RP_PI ? 1 : 2;
			for (;;) {
				const unsigned char *gt = memchr(s + i, '>', len - i);
				size_t j = gt ? (size_t)(gt - s) : len, k = j;
				int marks = 0;
				while (k > i && marks < need && s[k - 1] == mark) {
					k--;
					marks++;
				}
				if (k == i && marks < need)
					marks += p->rp_match;
				if (gt == NULL) {
					p->rp_match = marks < need ? marks : need;
					i = len;
					break;
				}
				i = j + 1;
				p->rp_match = 0;
				if (marks >= need) {
					p->rp_state = RP_TEXT;
					break;
				}
			}
			continue;
		}
		case RP_DOCTYPE:
			/* The internal subset nests in [ ]; "<!ENTITY ...>" inside. */
			for (; i < len; i++) {
				c = s[i];
				if (c == '[') {
					p->rp_match++;
				} else if (c == ']') {
					p->rp_match -= p->rp_match > 0;
				} else if (c == '"' || c == '\'') {
					p->rp_state = RP_DOCTYPE_QUOTE;
					p->rp_quote = (char)c;
					i++;
					break;
				} else if (c == '>' && p->rp_match == 0) {
					p->rp_state = RP_TEXT;
					i++;
					break;
				}
			}
			continue;
		case RP_DOCTYPE_QUOTE:
			while (i < len && s[i] != (unsigned char)p->rp_quote)
				i++;
			if (i < len) {
				p->rp_state = RP_DOCTYPE;
				i++;
			}
			continue;
		}
		/* An '&' in text or in an attribute value. */
		switch (ref_scan(s + i, len - i, &n, &cp)) {
		case REF_MORE:
			if (!final)
				goto hold;
			/* The document ends inside it. */
			/* FALLTHROUGH */
		case REF_BARE:
			buf_append(o, s + run, i - run);
			buf_append(o, "&amp;", 5);
			note(p, s, i, p->rp_state == RP_QUOTE ? "a bare & in an attribute, kept as text" :
			    "a bare & in text, kept as text");
			run = ++i;
			break;
		case REF_UPPER_X:
			buf_append(o, s + run, i - run);
			buf_append(o, "&#x", 3);
			note(p, s, i, "&#X in a character reference");
			i += 3;
			run = i;
			break;
		case REF_C1: {
			char ref[16];
			int k = snprintf(ref, sizeof ref, "&#x%X;", (unsigned)markup_cp1252(cp));
			buf_append(o, s + run, i - run);
			buf_append(o, ref, (size_t)k);
			i += n;
			run = i;
			break;
		}
		case REF_OK:
			i += n;
			break;
		}
	}
	if (run == 0 && o->len == 0)
		return true;
	buf_append(o, s + run, len - run);
	return false;
hold:
	/* The caller passes on s[0..len - rp_hold.len) when true. */
	buf_append(&p->rp_hold, s + i, len - i);
	if (run == 0 && o->len == 0)
		return true;
	buf_append(o, s + run, i - run);
	return false;
}

void
repair_push(struct feed_parser *p, const char *data, size_t len, bool final)
{
	struct buf joined = BUF_INIT;
	const unsigned char *s = (const unsigned char *)data;

	if (p->rp_hold.len > 0) {
		buf_append(&joined, p->rp_hold.data, p->rp_hold.len);
		buf_append(&joined, data, len);
		buf_reset(&p->rp_hold);
		s = (const unsigned char *)joined.data;
		len = joined.len;
	}
	buf_reset(&p->rp_out);
	if (repair_run(p, s, len, final)) {
		size_t pass = len - p->rp_hold.len;
		if (p->recovered == NULL || p->rp_line + p->skipped_lines < p->recovered_line)
			for (const unsigned char *q = s; (q = memchr(q, '\n', (size_t)(s + pass - q))) != NULL; q++)
				p->rp_line++;
		if (pass > 0 || final)
			xml_push(p, (const char *)s, pass, final);
	} else {
		if (p->recovered == NULL || p->rp_line + p->skipped_lines < p->recovered_line)
			for (const char *q = p->rp_out.data;
			    (q = memchr(q, '\n', (size_t)(p->rp_out.data + p->rp_out.len - q))) != NULL; q++)
				p->rp_line++;
		xml_push(p, p->rp_out.data, p->rp_out.len, final);
	}
	buf_free(&joined);
}
