/*
 * Feed discovery on a web page: the feeds a page announces with
 * <link rel="alternate" type="application/rss+xml" href="..."> (and the
 * Atom, RDF and JSON Feed types), read with libxml2's HTML parser, which
 * takes any tag soup and never fetches anything. Used when an HTML page
 * arrives where a feed was expected, so the error can name its feeds, and
 * by whoever adds a feed from a site's address (with the usual fallback
 * paths when the page names none).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "feed/feed.h"
#include "feed/internal.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_FEEDS 32

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", "application/x.atom+xml",
	"application/x-atom+xml", "application/x-rss+xml", "text/xml", "application/xml",
	NULL,
};

static bool
has_token(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = list; *s;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' && *e != '\f')
			e++;
		if ((size_t)(e - s) == n && strncasecmp(s, word, n) == 0)
			return true;
		s = e;
	}
	return false;
}

static bool
is_feed_type(const char *type)
{
	size_t n = strcspn(type, ";");	/* "application/rss+xml; charset=utf-8" */
	while (n > 0 && type[n - 1] == ' ')
		n--;
	for (int i = 0; feed_types[i]; i++) {
		if (strlen(feed_types[i]) == n && strncasecmp(type, feed_types[i], n) == 0)
			return true;
	}
	return false;
}

struct found {
	char **v;
	size_t n;
	char *base;	/* <base href>, resolved, or NULL */
	bool file_ok;	/* the page is a file: one, so its feeds may be too */
};

/*
 * A feed URL we can use, or NULL: http or https with a host (file: only
 * on a file: page), so a page's javascript:, data: or ftp: links, or a
 * <base> with such a scheme, are no feeds. Blanks, controls (C1 too) and
 * bytes that are no UTF-8 left in an href are percent-encoded, as a
 * browser does, so none reaches a message or the urls file. New string.
 */
static char *
usable_url(const char *url, bool file_ok)
{
	size_t skip;
	struct buf b = BUF_INIT;

	if (strncasecmp(url, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		skip = 7;
	else if (file_ok && strncasecmp(url, "file://", 7) == 0)
		skip = 0;
	else
		return NULL;
	if (skip > 0 && strchr("/?#", url[skip]) != NULL)	/* no host ('\0' too) */
		return NULL;
	for (size_t i = 0, len = strlen(url); i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(url + i, len - i, &cp);
		bool control = cp <= 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == UTF8_REPLACEMENT;
		for (size_t j = 0; j < k; j++) {
			if (control)
				buf_printf(&b, "%%%02X", (unsigned char)url[i + j]);
			else
				buf_append_char(&b, url[i + j]);
		}
		i += k;
	}
	return buf_detach(&b);
}

static void
add_url(struct found *f, const char *found)
{
	char *url = usable_url(found, f->file_ok);

	if (url == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i], url) == 0) {
			free(url);
			return;
		}
	}
	if (f->n < MAX_FEEDS) {
		f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
		f->v[f->n++] = url;
	} else
		free(url);
}

static void
walk(xmlNodePtr node, struct found *f, const char *page_url)
{
	for (xmlNodePtr n = node; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (strcasecmp(name, "base") == 0 && f->base == NULL) {
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (href && *href)
				f->base = url_resolve(page_url, (const char *)href);
			xmlFree(href);
		} else if (strcasecmp(name, "link") == 0 || strcasecmp(name, "a") == 0) {
			xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
			xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (rel && type && href && *href && has_token((const char *)rel, "alternate") &&
			    is_feed_type((const char *)type)) {
				char *abs = url_resolve(f->base ? f->base : page_url, (const char *)href);
				add_url(f, abs);
				free(abs);
			}
			xmlFree(rel);
			xmlFree(type);
			xmlFree(href);
		}
		walk(n->children, f, page_url);
	}
}

size_t
feed_discover(const char *html, size_t len, const char *page_url, char ***out)
{
	struct found f = { NULL, 0, NULL, false };
	htmlDocPtr doc;

	*out = NULL;
	f.file_ok = page_url != NULL && strncasecmp(page_url, "file:", 5) == 0;
	xml_init_once();
	if (len > INT32_MAX)
		len = INT32_MAX;
	doc = htmlReadMemory(html, (int)len, page_url, NULL, HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (doc != NULL) {
		walk(xmlDocGetRootElement(doc), &f, page_url);
		xmlFreeDoc(doc);
	}
	free(f.base);
	*out = f.v;
	return f.n;
}

void
feed_discover_free(char ***v, size_t n)
{
	for (size_t i = 0; *v != NULL && i < n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
}

size_t
feed_discover_fallbacks(const char *page_url, char ***out)
{
	static const char *const paths[] = { "/feed", "/rss.xml", "/atom.xml", "/feed.json" };
	size_t n = sizeof paths / sizeof paths[0];

	*out = xreallocarray(NULL, n, sizeof **out);
	for (size_t i = 0; i < n; i++)
		(*out)[i] = url_resolve(page_url, paths[i]);
	return n;
}
