/*
 * Reader mode, end to end: decode, parse, find the title, prune, score,
 * keep the best block and its good siblings, rebuild them clean, print.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "extract/extract-int.h"
#include "html/parse.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Less prose than this (links not counted) is not an article. */
#define MIN_ARTICLE_CHARS 140

static const xmlNode *
find_elem(const xmlNode *n, const char *tag, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		const xmlNode *f;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_is(c, tag))
			return c;
		if ((f = find_elem(c, tag, depth + 1)) != NULL)
			return f;
	}
	return NULL;
}

/* Is key one of the space-separated names in list ("og:title twitter:title")? */
static bool
names_have(const char *list, const char *key)
{
	size_t kn = strlen(key);

	for (const char *p = list; p != NULL && *p != '\0';) {
		size_t n;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		n = strcspn(p, " \t\n");
		if (n == kn && strncasecmp(p, key, n) == 0)
			return true;
		p += n;
	}
	return false;
}

/* content of the first <meta property|name=key>, or NULL. */
static char *
find_meta(const xmlNode *n, const char *key, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *v;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_is(c, "meta")) {
			char *p = extract_attr(c, "property"), *nm = extract_attr(c, "name");
			bool hit = names_have(p, key) || names_have(nm, key);
			free(p);
			free(nm);
			if (hit && (v = extract_attr(c, "content")) != NULL) {
				if (*v != '\0')
					return v;
				free(v);
			}
			continue;
		}
		if ((v = find_meta(c, key, depth + 1)) != NULL)
			return v;
	}
	return NULL;
}

/* A clean, collapsed copy of s, or NULL when s is NULL or blank. */
static char *
clean_line(char *s)
{
	char *t, *c;

	if (s == NULL)
		return NULL;
	t = utf8_sanitize(s, strlen(s), 0, NULL);
	c = extract_collapse(t);
	free(t);
	free(s);
	if (*c == '\0')
		xfree(&c);
	return c;
}

/* True when title is h1 plus a separator and something else (the site). */
static bool
h1_then_site(const char *title, const char *h1)
{
	size_t tl = strlen(title), hl = strlen(h1);

	return hl > 0 && hl < tl && strncmp(title, h1, hl) == 0 && title[hl] == ' ';
}

/* Words of s (runs of non-blanks). */
static size_t
count_words(const char *s, size_t len)
{
	size_t n = 0;
	bool in = false;

	for (size_t i = 0; i < len; i++) {
		bool blank = s[i] == ' ';
		n += !blank && !in;
		in = !blank;
	}
	return n;
}

static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " \xC2\xB7 ",
};

/*
 * title without a trailing " - Site" segment: when a separator splits off a
 * short last part (at most four words) and more words remain before it
 * (at least three). The title is taken (returned or freed).
 */
static char *
trim_site_segment(char *title)
{
	const char *cut = NULL;
	size_t cutlen = 0;

	for (size_t i = 0; i < sizeof title_seps / sizeof title_seps[0]; i++) {
		const char *last = NULL;
		for (const char *p = strstr(title, title_seps[i]); p != NULL;
		    p = strstr(p + 1, title_seps[i]))
			last = p;
		if (last != NULL && (cut == NULL || last > cut)) {
			cut = last;
			cutlen = strlen(title_seps[i]);
		}
	}
	if (cut == NULL)
		return title;
	const char *tail = cut + cutlen;
	size_t before = count_words(title, (size_t)(cut - title));
	size_t after = count_words(tail, strlen(tail));
	if (after == 0 || after > 4 || before < 3 || before <= after)
		return title;
	char *t = xstrndup(title, (size_t)(cut - title));
	free(title);
	return t;
}

/* The JSON string value at p (just after its opening quote), unescaped; a
 * new string, or NULL when it does not end. */
static char *
json_string(const char *p)
{
	struct buf b = BUF_INIT;

	for (; *p != '\0' && *p != '"'; p++) {
		if (*p != '\\') {
			buf_append_char(&b, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'n': case 't': case 'r': case 'b': case 'f':
			buf_append_char(&b, ' ');
			break;
		case 'u': {
			char hex[5] = { 0 }, enc[4], *end;
			uint32_t cp;
			memcpy(hex, p + 1, strnlen(p + 1, 4) < 4 ? 0 : 4);
			cp = (uint32_t)strtoul(hex, &end, 16);
			if (end != hex + 4) {
				buf_free(&b);
				return NULL;
			}
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD;	/* halves of a pair: rare in headlines */
			buf_append(&b, enc, utf8_encode(cp, enc));
			break;
		}
		case '\0':
			buf_free(&b);
			return NULL;
		default:
			buf_append_char(&b, *p);
		}
	}
	if (*p != '"') {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* The "headline" of the page's JSON-LD (schema.org NewsArticle and kin),
 * found by scanning each ld+json script for the key; NULL when none. */
static char *
jsonld_headline(const xmlNode *n, int depth)
{
	if (depth > EXTRACT_MAX_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *v = NULL;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_is(c, "script")) {
			char *type = extract_attr(c, "type");
			bool ld = type != NULL && strcasestr(type, "ld+json") != NULL;
			free(type);
			if (!ld)
				continue;
			xmlChar *body = xmlNodeGetContent(c);
			for (const char *p = (const char *)body; p != NULL && v == NULL;) {
				if ((p = strstr(p, "\"headline\"")) == NULL)
					break;
				p += 10;
				while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
					p++;
				if (*p != ':')
					continue;
				p++;
				while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
					p++;
				if (*p == '"')
					v = clean_line(json_string(p + 1));
			}
			xmlFree(body);
		} else
			v = jsonld_headline(c, depth + 1);
		if (v != NULL)
			return v;
	}
	return NULL;
}

/*
 * The title: JSON-LD headline, else dc.title, og:title, twitter:title,
 * <title>, the first <h1>; without the site's name. An <h1> that is the
 * site's logo (the last segment of <title>) is never the title.
 */
static char *
find_title(const xmlNode *root)
{
	static const char *const metas[] = { "dc.title", "dcterms.title", "og:title",
		"twitter:title" };
	char *title = jsonld_headline(root, 0);
	char *site = clean_line(find_meta(root, "og:site_name", 0));
	const xmlNode *t = find_elem(root, "title", 0), *h = find_elem(root, "h1", 0);
	char *h1 = h != NULL ? clean_line(extract_text(h)) : NULL;
	char *out;
	bool from_ld = title != NULL;

	for (size_t i = 0; title == NULL && i < sizeof metas / sizeof metas[0]; i++)
		title = clean_line(find_meta(root, metas[i], 0));
	if (title == NULL && t != NULL)
		title = clean_line(extract_text(t));
	if (title == NULL) {
		title = h1;
		h1 = NULL;
	}
	if (title == NULL)
		out = xstrdup("");
	else if (from_ld)
		out = xstrdup(title);
	else if (h1 != NULL && h1_then_site(title, h1))
		out = xstrdup(h1);
	else {
		out = extract_strip_site(title, site);
		if (strcmp(out, title) == 0)
			out = trim_site_segment(out);
	}
	free(title);
	free(h1);
	free(site);
	return out;
}

/* dir or lang of n or its nearest ancestor that has one. */
static char *
inherited(const xmlNode *n, const char *name)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		char *v = clean_line(extract_attr(n, name));
		if (v == NULL)
			continue;
		if (strcmp(name, "dir") == 0 && strcasecmp(v, "rtl") != 0 &&
		    strcasecmp(v, "ltr") != 0 && strcasecmp(v, "auto") != 0) {
			free(v);
			continue;
		}
		return v;
	}
	return NULL;
}

static void
html_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_append_str(b, "&amp;");
		else if (*s == '<')
			buf_append_str(b, "&lt;");
		else if (*s == '>')
			buf_append_str(b, "&gt;");
		else if (*s == '"')
			buf_append_str(b, "&quot;");
		else
			buf_append_char(b, *s);
	}
}

static void
dir_lang_attrs(struct buf *b, const struct extract_article *a)
{
	if (a->dir != NULL) {
		buf_append_str(b, " dir=\"");
		html_escape(b, a->dir);
		buf_append_char(b, '"');
	}
	if (a->lang != NULL) {
		buf_append_str(b, " lang=\"");
		html_escape(b, a->lang);
		buf_append_char(b, '"');
	}
}

/* <base href> of the page, against the page's own URL. */
static char *
page_base(const xmlNode *root, const char *url)
{
	const xmlNode *base = find_elem(root, "base", 0);
	char *href = base != NULL ? clean_line(extract_attr(base, "href")) : NULL;
	char *r;

	if (href == NULL)
		return url != NULL ? xstrdup(url) : NULL;
	r = url_resolve(url, href);
	free(href);
	return r;
}

/* Turn the chosen blocks into the article; NULL when fewer than min
 * characters (outside links) are left. */
static struct extract_article *
finish(xmlNode *best, xmlNode **nodes, size_t n, const char *base, char *title,
    size_t min)
{
	struct extract_article *a;
	struct extract_measure m;
	struct buf b = BUF_INIT;
	xmlDoc *clean = extract_build(nodes, n, base, title);
	xmlNode *article = xmlDocGetRootElement(clean);
	char *body, *text;

	extract_measure(article, &m);
	if (m.chars - m.link_chars < min || m.chars == 0) {
		xmlFreeDoc(clean);
		return NULL;
	}
	a = xcalloc(1, sizeof *a);
	a->title = title;
	a->dir = inherited(best, "dir");
	a->lang = inherited(best, "lang");
	if (a->dir != NULL)
		xmlSetProp(article, (const xmlChar *)"dir", (const xmlChar *)a->dir);
	if (a->lang != NULL)
		xmlSetProp(article, (const xmlChar *)"lang", (const xmlChar *)a->lang);

	buf_append_str(&b, "<h1");
	dir_lang_attrs(&b, a);
	buf_append_char(&b, '>');
	html_escape(&b, title);
	buf_append_str(&b, "</h1>\n");
	body = extract_serialize_html(article);
	buf_append_str(&b, body);
	free(body);
	a->html = buf_detach(&b);

	text = extract_serialize_text(article);
	a->text = xasprintf("%s\n\n%s", title, text);
	free(text);
	xmlFreeDoc(clean);
	return a;
}

/* The best block of a pruned page with its good siblings, as an article
 * of at least min characters; NULL when there is none. */
static struct extract_article *
choose(xmlNode *root, const char *base, char *title, size_t min)
{
	struct extract_article *a = NULL;
	struct extract_scores *scores = extract_score(root);
	double score;
	xmlNode *best = extract_best(scores, &score), **nodes;
	size_t n;

	if (best != NULL && score > 0) {
		/* A story split over several blocks is joined under their
		 * common ancestor (or its article element). */
		best = extract_widen(scores, best, &score);
		nodes = extract_siblings(scores, best, score, &n);
		a = finish(best, nodes, n, base, title, min);
		free(nodes);
	}
	extract_scores_free(&scores);
	return a;
}

static htmlDocPtr
parse(const char *utf8, size_t ulen, const char *url)
{
	/* The bytes are UTF-8 now, whatever the page's <meta> says; nesting
	 * past the depth limit is flattened there, never cut off. */
	return html_parse_flat(utf8, ulen, url,
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
}

/*
 * A page where the full pass finds no article (a short post, a list, a page
 * of headings and images) still has its best text: parsed again and pruned
 * of what is never text only, its best block, else its whole body.
 */
static struct extract_article *
fallback(const char *utf8, size_t ulen, const char *url, const char *base, char *title)
{
	htmlDocPtr doc = parse(utf8, ulen, url);
	xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	struct extract_article *a = NULL;

	if (root == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	extract_prune(root, true);
	if ((a = choose(root, base, title, 1)) == NULL) {
		xmlNode *body = root;
		for (xmlNode *c = root->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && extract_is(c, "body"))
				body = c;
		a = finish(body, &body, 1, base, title, 1);
	}
	xmlFreeDoc(doc);
	return a;
}

struct extract_article *
extract_page(const char *data, size_t len, const struct extract_opts *o, char **err)
{
	static const struct extract_opts none = { NULL, NULL };
	struct extract_article *a = NULL;
	size_t ulen;
	char *utf8, *title, *base;
	htmlDocPtr doc;
	xmlNode *root;

	if (o == NULL)
		o = &none;
	*err = NULL;
	utf8 = extract_to_utf8(data, len, o->charset, &ulen);
	doc = parse(utf8, ulen, o->url);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		xmlFreeDoc(doc);
		free(utf8);
		*err = xstrdup("no article found");
		return NULL;
	}
	title = find_title(root);
	base = page_base(root, o->url);
	extract_prune(root, false);
	a = choose(root, base, title, MIN_ARTICLE_CHARS);
	xmlFreeDoc(doc);
	if (a == NULL)
		a = fallback(utf8, ulen, o->url, base, title);
	free(utf8);
	free(base);
	if (a == NULL) {
		free(title);
		*err = xstrdup("no article found");
	}
	return a;
}

void
extract_article_free(struct extract_article **ap)
{
	struct extract_article *a = *ap;

	if (a == NULL)
		return;
	free(a->title);
	free(a->dir);
	free(a->lang);
	free(a->html);
	free(a->text);
	free(a);
	*ap = NULL;
}
