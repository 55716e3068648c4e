/*
 * Small helpers over libxml2's tree: tag tests, attributes, hints and text
 * measures. Element names from the HTML parser are already lower case.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "util/buf.h"
#include "util/xalloc.h"

bool
extract_is(const xmlNode *n, const char *tag)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, tag) == 0;
}

bool
extract_is_one_of(const xmlNode *n, const char *const *tags, size_t ntags)
{
	for (size_t i = 0; i < ntags; i++)
		if (extract_is(n, tags[i]))
			return true;
	return false;
}

char *
extract_attr(const xmlNode *n, const char *name)
{
	xmlChar *v;
	char *s;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int
extract_node_hints(const xmlNode *n)
{
	char *c = extract_attr(n, "class"), *id = extract_attr(n, "id");
	int h = extract_hints(c) | extract_hints(id);

	free(c);
	free(id);
	return h;
}

static void
gather(const xmlNode *n, struct buf *b, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			buf_append_str(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			/* Block boundaries separate words. */
			buf_append_char(b, ' ');
			gather(c, b, depth + 1);
			buf_append_char(b, ' ');
		}
	}
}

char *
extract_text(const xmlNode *n)
{
	struct buf b = BUF_INIT;
	char *s;

	if (n->type == XML_TEXT_NODE)
		buf_append_str(&b, (const char *)n->content);
	else
		gather(n, &b, 0);
	s = extract_collapse(buf_str(&b));
	buf_free(&b);
	return s;
}

/* Code points of s with blank runs as one and the ends trimmed (what
 * extract_count_chars(extract_collapse(s)) gives, without the copy), and
 * its commas. The hot loop of scoring: every node's measure comes here. */
static void
count_text(const char *s, size_t *chars, size_t *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, c = 0;
	bool blank = false, started = false;

	for (; *p != '\0'; p++) {
		bool sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
		    *p == '\v' || (p[0] == 0xC2 && p[1] == 0xA0);

		if (sp) {
			if (p[0] == 0xC2)
				p++;
			blank = started;
			continue;
		}
		if (blank) {
			n++;
			blank = false;
		}
		started = true;
		if ((*p & 0xC0) != 0x80)
			n++;
		if (*p == ',' || (p[0] == 0xD8 && (p[1] == 0x8C || p[1] == 0x9B)))
			c++;
	}
	*chars += n;
	*commas += c;
}

static void
measure(const xmlNode *n, struct extract_measure *m, bool in_link, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t k = 0;

			count_text((const char *)c->content, &k, &m->commas);
			m->chars += k;
			if (in_link)
				m->link_chars += k;
		} else if (c->type == XML_ELEMENT_NODE) {
			measure(c, m, in_link || extract_is(c, "a"), depth + 1);
		}
	}
}

void
extract_measure(const xmlNode *n, struct extract_measure *m)
{
	memset(m, 0, sizeof *m);
	measure(n, m, extract_is(n, "a"), 0);
}

double
extract_link_density(const xmlNode *n)
{
	struct extract_measure m;

	extract_measure(n, &m);
	return m.chars == 0 ? 0.0 : (double)m.link_chars / (double)m.chars;
}

bool
extract_is_block(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p", "div", "section", "article", "main", "aside", "nav", "header",
		"footer", "ul", "ol", "dl", "li", "dd", "dt", "table", "tr", "td", "th",
		"tbody", "thead", "tfoot", "caption", "blockquote", "pre", "figure",
		"figcaption", "form", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6",
		"hr", "address", "center", "details", "summary", "body", "html",
	};

	return extract_is_one_of(n, blocks, sizeof blocks / sizeof blocks[0]);
}

bool
extract_has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (extract_is_block(c))
			return true;
	return false;
}
