/*
 * RSS and Atom through libxml2's SAX2 push parser. Elements are mapped to
 * item and feed fields as they open; text is captured into one reused
 * buffer while a field's element is open and finished when it closes. The
 * element stack mirrors libxml2's one for one; entries that we have closed
 * early while recovering from a tag mismatch stay on it as "ghosts" until
 * libxml2 pops them (see on_end).
 *
 * Safety: no XML_PARSE_NOENT, no DTD loading, XML_PARSE_NONET; entities
 * are resolved only through get_entity(), which knows the HTML entity names
 * and declared internal entities whose text has no markup or references,
 * with a per-document budget, so nothing nests and nothing is fetched.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "feed/internal.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define CAPTURE_MAX (16u << 20)	/* one field's text */
#define ENTITY_BUDGET (1u << 20)	/* bytes of declared entities per document */

enum ns {
	NS_NONE, NS_ATOM10, NS_ATOM03, NS_RSS10, NS_RSS090, NS_RDF, NS_CONTENT,
	NS_DC, NS_MEDIA, NS_WFW, NS_SLASH, NS_THR, NS_XHTML, NS_XML, NS_ITUNES, NS_OTHER
};

static const struct {
	const char *uri;
	enum ns ns;
} ns_table[] = {
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DC },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://wellformedweb.org/CommentAPI/", NS_WFW },
	{ "http://purl.org/rss/1.0/modules/slash/", NS_SLASH },
	{ "http://purl.org/syndication/thread/1.0", NS_THR },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	/* RSS 2.0 in the namespaces Userland and Harvard once gave it: the
	 * same vocabulary as no namespace. */
	{ "http://backend.userland.com/rss2", NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_NONE },
};

enum level {
	LV_ROOT, LV_CHANNEL, LV_ITEM, LV_ITEM_AUTHOR, LV_FEED_AUTHOR,
	LV_SKIP, LV_CAPTURE, LV_PLAIN
};

enum { FAM_RSS = 1, FAM_ATOM = 2 };

/* Where captured text goes. */
enum target {
	T_META_TITLE, T_META_LINK, T_META_DESC, T_META_LANG, T_FEED_AUTHOR,
	T_TITLE, T_LINK, T_ID, T_GUID, T_AUTHOR, T_SUMMARY, T_CONTENT, T_COMMENTS,
	T_PUBLISHED, T_UPDATED, T_COUNT, T_CATEGORY, T_DURATION
};

/* What the captured text is. */
enum kind {
	K_TEXT,		/* plain text; child elements contribute their text */
	K_HTML,		/* HTML as text (escaped or CDATA); child elements serialized */
	K_XHTML,	/* inline XHTML: all of it serialized */
	K_TEXT_HTML,	/* plain text that becomes HTML (escaped) */
	K_HTML_TEXT,	/* HTML that becomes plain text */
	K_BASE64,	/* Atom 0.3 mode="base64" HTML */
	K_BASE64_TEXT,	/* Atom 1.0 content of another media type, base64 (RFC 4287 4.1.3.3) */
};

struct xml_elem {
	const xmlChar *local;	/* owned by the parser's dictionary */
	uint8_t ns;
	uint8_t level;
	bool ghost;
	bool own_base, own_lang;
	bool is_item, is_root;
	bool serialized;	/* a start tag was written into the capture */
	char *base;
	char *lang;
};

/* The namespaces feeds use under their usual prefixes, for elements whose
 * prefix the document forgot to declare (libxml2 reports them with no
 * namespace): a lenient reader takes "content:encoded" to mean the
 * content module all the same. */
static const struct {
	const char *prefix;
	enum ns ns;
} usual_prefixes[] = {
	{ "dc", NS_DC }, { "dcterms", NS_DC }, { "content", NS_CONTENT }, { "media", NS_MEDIA },
	{ "wfw", NS_WFW }, { "slash", NS_SLASH }, { "thr", NS_THR }, { "itunes", NS_ITUNES },
	{ "atom", NS_ATOM10 }, { "atom10", NS_ATOM10 }, { "xhtml", NS_XHTML }, { "rdf", NS_RDF },
};

static enum ns
ns_of_prefix(const xmlChar *prefix)
{
	for (size_t i = 0; prefix && i < sizeof usual_prefixes / sizeof usual_prefixes[0]; i++) {
		if (strcmp((const char *)prefix, usual_prefixes[i].prefix) == 0)
			return usual_prefixes[i].ns;
	}
	return NS_OTHER;
}

static enum ns
ns_of(const xmlChar *uri)
{
	if (uri == NULL)
		return NS_NONE;
	for (size_t i = 0; i < sizeof ns_table / sizeof ns_table[0]; i++) {
		if (strcmp((const char *)uri, ns_table[i].uri) == 0)
			return ns_table[i].ns;
	}
	return NS_OTHER;
}

static long
cur_line(struct feed_parser *p)
{
	long line = p->ctxt ? xmlSAX2GetLineNumber(p->ctxt) : 1;
	return line + p->skipped_lines;
}

/* Fatal: record and stop the parser (from inside a callback). */
static void
xml_fail(struct feed_parser *p, const char *reason)
{
	feed_fail(p, cur_line(p), "%s", reason);
	xmlStopParser(p->ctxt);
}

/* The element that new elements are children of: the top non-ghost. */
static struct xml_elem *
open_parent(struct feed_parser *p)
{
	for (size_t i = p->depth; i > 0; i--) {
		if (!p->stack[i - 1].ghost)
			return &p->stack[i - 1];
	}
	return NULL;
}

/* Attribute helpers: SAX2 hands attributes as 5-tuples (local, prefix,
 * URI, value, value end). With NOENT off, libxml2 leaves "&" as "&#38;"
 * and undeclared entity references as written, so values are decoded here. */
static char *
attr_get(const xmlChar **attrs, int nb, enum ns ns, const char *name)
{
	for (int i = 0; i < nb; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (strcmp((const char *)a[0], name) != 0 || ns_of(a[2]) != ns)
			continue;
		struct buf b;
		buf_init(&b, 0);
		buf_append(&b, "", 0);
		markup_decode_entities(&b, (const char *)a[3], (size_t)(a[4] - a[3]));
		return buf_detach(&b);
	}
	return NULL;
}

static bool
attr_is(const xmlChar **attrs, int nb, enum ns ns, const char *name, const char *value)
{
	char *v = attr_get(attrs, nb, ns, name);
	bool r = v && strcasecmp(v, value) == 0;
	free(v);
	return r;
}

static void
begin_capture(struct feed_parser *p, struct xml_elem *e, enum target t, enum kind k, int prio)
{
	e->level = LV_CAPTURE;
	p->cap.active = true;
	p->cap.depth = (size_t)(e - p->stack);
	p->cap.target = t;
	p->cap.kind = k;
	p->cap.prio = prio;
	p->cap.wrapper = 0;
	p->cap.permalink = false;
	buf_reset(&p->text);
}

static struct field *
target_field(struct feed_parser *p, enum target t)
{
	switch (t) {
	case T_META_TITLE: return &p->meta[MF_TITLE];
	case T_META_LINK: return &p->meta[MF_LINK];
	case T_META_DESC: return &p->meta[MF_DESC];
	case T_META_LANG: return &p->meta[MF_LANG];
	case T_FEED_AUTHOR: return &p->meta[MF_AUTHOR];
	case T_TITLE: return &p->item.f[IF_TITLE];
	case T_LINK: return &p->item.f[IF_LINK];
	case T_ID: case T_GUID: return &p->item.f[IF_ID];
	case T_AUTHOR: return &p->item.f[IF_AUTHOR];
	case T_SUMMARY: return &p->item.f[IF_SUMMARY];
	case T_CONTENT: return &p->item.f[IF_CONTENT];
	case T_COMMENTS: return &p->item.f[IF_COMMENTS];
	default: return NULL;
	}
}

/* Capture unless the field already holds something at least as good. */
static void
want(struct feed_parser *p, struct xml_elem *e, enum target t, enum kind k, int prio)
{
	struct field *f = target_field(p, t);
	if (f && f->prio >= prio) {
		e->level = LV_SKIP;
		return;
	}
	if (t == T_PUBLISHED && p->item.pub_prio >= prio) {
		e->level = LV_SKIP;
		return;
	}
	if (t == T_UPDATED && p->item.upd_prio >= prio) {
		e->level = LV_SKIP;
		return;
	}
	begin_capture(p, e, t, k, prio);
}

/* RFC 4287 4.1.3.3: content of a media type that is neither text nor
 * XML is base64. */
static bool
base64_type(const char *type)
{
	size_t n = strlen(type);
	if (strchr(type, '/') == NULL || strncasecmp(type, "text/", 5) == 0)
		return false;
	return !((n >= 4 && strcasecmp(type + n - 4, "+xml") == 0) ||
	    (n >= 4 && strcasecmp(type + n - 4, "/xml") == 0) ||
	    strcasecmp(type, "application/xhtml+xml") == 0);
}

/* Atom text constructs: type="text" | "html" | "xhtml" (1.0), or a MIME
 * type and mode="xml" | "escaped" | "base64" (0.3). */
static enum kind
atom_kind(struct feed_parser *p, const xmlChar **attrs, int nb, bool to_text)
{
	char *type = attr_get(attrs, nb, NS_NONE, "type");
	char *mode = attr_get(attrs, nb, NS_NONE, "mode");
	enum kind k;
	bool is03 = p->main_ns == NS_ATOM03;
	if (mode && strcasecmp(mode, "base64") == 0)
		k = K_BASE64;
	else if (mode && strcasecmp(mode, "escaped") == 0)
		k = (type && strcasecmp(type, "text/plain") == 0) ? K_TEXT_HTML : K_HTML;
	else if (type && (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0))
		k = K_HTML;
	else if (type && (strcasecmp(type, "xhtml") == 0 || strcasecmp(type, "application/xhtml+xml") == 0))
		k = K_XHTML;
	else if (is03 && mode && strcasecmp(mode, "xml") == 0)
		k = K_XHTML;
	else if (!is03 && type && base64_type(type))
		k = K_BASE64_TEXT;
	else
		k = K_TEXT_HTML;
	free(type);
	free(mode);
	if (to_text) {
		/* Titles are plain text whatever the markup. */
		if (k == K_HTML || k == K_BASE64 || k == K_BASE64_TEXT)
			return K_HTML_TEXT;
		return K_TEXT;
	}
	return k;
}

static void
atom_link(struct feed_parser *p, struct xml_elem *e, enum level ctx,
    const xmlChar **attrs, int nb, bool in_atom_doc)
{
	char *rel = attr_get(attrs, nb, NS_NONE, "rel");
	char *href = attr_get(attrs, nb, NS_NONE, "href");
	char *type = attr_get(attrs, nb, NS_NONE, "type");
	const char *r = rel ? rel : "alternate";

	if (href == NULL || *href == '\0')
		goto out;
	char *abs = url_resolve(e->base, href);
	bool html = type == NULL || strcasecmp(type, "text/html") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0;
	if (ctx == LV_ITEM) {
		if (strcasecmp(r, "alternate") == 0) {
			field_set(&p->item.f[IF_LINK], abs, strlen(abs),
			    (in_atom_doc ? 3 : 2) - (html ? 0 : 1));
		} else if (strcasecmp(r, "enclosure") == 0) {
			char *len = attr_get(attrs, nb, NS_NONE, "length");
			char *title = attr_get(attrs, nb, NS_NONE, "title");
			item_add_enclosure(p, abs, type, len, title, NULL, NULL);
			free(len);
			free(title);
		} else if (strcasecmp(r, "replies") == 0) {
			bool feedish = type == NULL || strstr(type, "xml") != NULL;
			field_set(&p->item.f[IF_COMMENTS], abs, strlen(abs), feedish ? 2 : 1);
			char *count = attr_get(attrs, nb, NS_THR, "count");
			if (count)
				item_set_count(p, count, 1);
			free(count);
		}
	} else if (ctx == LV_CHANNEL && strcasecmp(r, "alternate") == 0) {
		field_set(&p->meta[MF_LINK], abs, strlen(abs), (in_atom_doc ? 3 : 1) - (html ? 0 : 1));
	}
	free(abs);
out:
	free(rel);
	free(href);
	free(type);
}

static void
start_item(struct feed_parser *p, struct xml_elem *e, const xmlChar **attrs, int nb)
{
	char *about;
	if (p->in_item)
		item_emit(p);	/* an item left open by broken markup */
	/* The channel's data usually comes first; if not, it is reported
	 * when the channel ends. */
	if (p->meta[MF_TITLE].prio > 0)
		meta_emit(p);
	e->is_item = true;
	e->level = LV_ITEM;
	item_begin(p, e->lang);
	/* RSS 1.0: the item's rdf:about is its id when it has no guid. */
	if (attrs && (about = attr_get(attrs, nb, NS_RDF, "about")) != NULL) {
		if (*about)
			field_set(&p->item.f[IF_ID], about, strlen(about), 1);
		free(about);
	}
}

/* Elements in the RSS vocabulary (no namespace, RSS 1.0's or 0.90's). */
static void
rss_element(struct feed_parser *p, struct xml_elem *e, enum level ctx,
    const xmlChar **attrs, int nb)
{
	const char *n = (const char *)e->local;

	if (ctx == LV_ROOT || ctx == LV_CHANNEL) {
		if (strcmp(n, "item") == 0) {
			start_item(p, e, attrs, nb);
			return;
		}
		if (ctx == LV_ROOT && strcmp(n, "channel") == 0) {
			e->level = LV_CHANNEL;
			return;
		}
		if (ctx == LV_ROOT)
			return;	/* image, textinput of RSS 1.0 */
		if (strcmp(n, "title") == 0)
			want(p, e, T_META_TITLE, K_TEXT, 3);
		else if (strcmp(n, "link") == 0)
			want(p, e, T_META_LINK, K_TEXT, 3);
		else if (strcmp(n, "description") == 0)
			want(p, e, T_META_DESC, K_TEXT, 3);
		else if (strcmp(n, "language") == 0)
			want(p, e, T_META_LANG, K_TEXT, 3);
		return;
	}
	if (ctx != LV_ITEM)
		return;
	if (strcmp(n, "item") == 0) {
		start_item(p, e, attrs, nb);	/* nested by broken markup: a sibling */
	} else if (strcmp(n, "title") == 0) {
		want(p, e, T_TITLE, K_TEXT, 3);
	} else if (strcmp(n, "link") == 0) {
		want(p, e, T_LINK, K_TEXT, 3);
	} else if (strcmp(n, "description") == 0) {
		want(p, e, T_SUMMARY, K_HTML, 3);
	} else if (strcmp(n, "guid") == 0) {
		bool permalink = !attr_is(attrs, nb, NS_NONE, "isPermaLink", "false");
		want(p, e, T_GUID, K_TEXT, 3);
		p->cap.permalink = permalink;
	} else if (strcmp(n, "pubDate") == 0) {
		want(p, e, T_PUBLISHED, K_TEXT, 3);
	} else if (strcmp(n, "author") == 0) {
		want(p, e, T_AUTHOR, K_TEXT, 2);
	} else if (strcmp(n, "category") == 0) {
		begin_capture(p, e, T_CATEGORY, K_TEXT, 1);
	} else if (strcmp(n, "enclosure") == 0) {
		char *url = attr_get(attrs, nb, NS_NONE, "url");
		char *type = attr_get(attrs, nb, NS_NONE, "type");
		char *len = attr_get(attrs, nb, NS_NONE, "length");
		if (url) {
			char *abs = url_resolve(e->base, url);
			item_add_enclosure(p, abs, type, len, NULL, NULL, NULL);
			free(abs);
		}
		free(url);
		free(type);
		free(len);
	}
}

/* Elements in the Atom vocabulary, in an Atom document or inside RSS. */
static void
atom_element(struct feed_parser *p, struct xml_elem *e, enum level ctx,
    const xmlChar **attrs, int nb)
{
	const char *n = (const char *)e->local;
	bool in_atom = p->family == FAM_ATOM;
	int prio = in_atom ? 3 : 1;

	if (strcmp(n, "link") == 0) {
		atom_link(p, e, ctx, attrs, nb, in_atom);
		return;
	}
	if (ctx == LV_ITEM_AUTHOR || ctx == LV_FEED_AUTHOR) {
		/* The name, else the address: an author with only <email>. */
		if (strcmp(n, "name") == 0 || strcmp(n, "email") == 0)
			want(p, e, ctx == LV_ITEM_AUTHOR ? T_AUTHOR : T_FEED_AUTHOR, K_TEXT,
			    n[0] == 'n' ? 3 : 1);
		return;
	}
	if (ctx == LV_CHANNEL) {
		if (in_atom && strcmp(n, "entry") == 0)
			start_item(p, e, attrs, nb);
		else if (strcmp(n, "title") == 0)
			want(p, e, T_META_TITLE, atom_kind(p, attrs, nb, true), prio);
		else if (strcmp(n, "subtitle") == 0 || strcmp(n, "tagline") == 0)
			want(p, e, T_META_DESC, atom_kind(p, attrs, nb, true), prio);
		else if (strcmp(n, "author") == 0)
			e->level = LV_FEED_AUTHOR;
		return;
	}
	if (ctx != LV_ITEM)
		return;
	if (strcmp(n, "title") == 0) {
		want(p, e, T_TITLE, atom_kind(p, attrs, nb, true), prio);
	} else if (strcmp(n, "id") == 0) {
		want(p, e, T_ID, K_TEXT, prio);
	} else if (strcmp(n, "published") == 0 || strcmp(n, "issued") == 0) {
		want(p, e, T_PUBLISHED, K_TEXT, in_atom ? 3 : 1);
	} else if (strcmp(n, "created") == 0) {
		want(p, e, T_PUBLISHED, K_TEXT, 1);
	} else if (strcmp(n, "updated") == 0 || strcmp(n, "modified") == 0) {
		want(p, e, T_UPDATED, K_TEXT, 3);
	} else if (strcmp(n, "author") == 0) {
		e->level = LV_ITEM_AUTHOR;
	} else if (strcmp(n, "summary") == 0) {
		want(p, e, T_SUMMARY, atom_kind(p, attrs, nb, false), prio);
	} else if (strcmp(n, "content") == 0) {
		char *src = attr_get(attrs, nb, NS_NONE, "src");
		if (src) {
			/* Out-of-line content: nothing to show inline. */
			free(src);
			return;
		}
		want(p, e, T_CONTENT, atom_kind(p, attrs, nb, false), in_atom ? 3 : 2);
	} else if (strcmp(n, "category") == 0) {
		char *term = attr_get(attrs, nb, NS_NONE, "term");
		if (term && *term)
			item_add_category(p, term, strlen(term));
		else
			begin_capture(p, e, T_CATEGORY, K_TEXT, 1);
		free(term);
	}
}

/* content:, dc:, media:, wfw:, slash:, thr: */
static void
module_element(struct feed_parser *p, struct xml_elem *e, enum level ctx,
    const xmlChar **attrs, int nb)
{
	const char *n = (const char *)e->local;

	if (ctx == LV_CHANNEL || ctx == LV_ROOT) {
		if (e->ns == NS_DC && strcmp(n, "language") == 0)
			want(p, e, T_META_LANG, K_TEXT, 2);
		else if (e->ns == NS_DC && strcmp(n, "title") == 0)
			want(p, e, T_META_TITLE, K_TEXT, 1);
		else if (e->ns == NS_DC && strcmp(n, "description") == 0)
			want(p, e, T_META_DESC, K_TEXT, 1);
		else if (e->ns == NS_ITUNES && (strcmp(n, "summary") == 0 ||
		    strcmp(n, "subtitle") == 0))
			want(p, e, T_META_DESC, K_TEXT, 1);
		else if (e->ns == NS_ITUNES && strcmp(n, "author") == 0)
			want(p, e, T_FEED_AUTHOR, K_TEXT, 1);
		else if (e->ns == NS_DC && (strcmp(n, "creator") == 0 || strcmp(n, "author") == 0))
			want(p, e, T_FEED_AUTHOR, K_TEXT, 1);
		return;
	}
	if (ctx != LV_ITEM)
		return;
	switch (e->ns) {
	case NS_CONTENT:
		if (strcmp(n, "encoded") == 0)
			want(p, e, T_CONTENT, K_HTML, 3);
		break;
	case NS_DC:
		if (strcmp(n, "creator") == 0)
			want(p, e, T_AUTHOR, K_TEXT, 3);
		else if (strcmp(n, "date") == 0)
			want(p, e, T_PUBLISHED, K_TEXT, 2);
		else if (strcmp(n, "subject") == 0)
			begin_capture(p, e, T_CATEGORY, K_TEXT, 1);
		else if (strcmp(n, "title") == 0)
			want(p, e, T_TITLE, K_TEXT, 1);
		else if (strcmp(n, "description") == 0)
			want(p, e, T_SUMMARY, K_TEXT_HTML, 1);
		else if (strcmp(n, "modified") == 0)
			want(p, e, T_UPDATED, K_TEXT, 1);
		else if (strcmp(n, "issued") == 0 || strcmp(n, "created") == 0)
			want(p, e, T_PUBLISHED, K_TEXT, 1);	/* dcterms */
		else if (strcmp(n, "author") == 0)
			want(p, e, T_AUTHOR, K_TEXT, 1);	/* not DC, but written */
		break;
	case NS_ITUNES:
		/* Podcast fields: fallbacks for the core ones. */
		if (strcmp(n, "summary") == 0 || strcmp(n, "subtitle") == 0) {
			want(p, e, T_SUMMARY, K_TEXT_HTML, n[2] == 'm' ? 2 : 1);	/* summary over subtitle */
		} else if (strcmp(n, "author") == 0) {
			want(p, e, T_AUTHOR, K_TEXT, 1);
		} else if (strcmp(n, "duration") == 0) {
			begin_capture(p, e, T_DURATION, K_TEXT, 1);
		} else if (strcmp(n, "category") == 0) {
			char *text = attr_get(attrs, nb, NS_NONE, "text");
			if (text && *text)
				item_add_category(p, text, strlen(text));
			free(text);
			e->level = LV_ITEM;	/* nested categories count too */
		}
		break;
	case NS_XHTML:
		if (strcmp(n, "body") == 0)
			want(p, e, T_CONTENT, K_XHTML, 2);
		break;
	case NS_MEDIA:
		if (strcmp(n, "group") == 0) {
			e->level = LV_ITEM;	/* transparent */
		} else if (strcmp(n, "content") == 0) {
			char *url = attr_get(attrs, nb, NS_NONE, "url");
			char *type = attr_get(attrs, nb, NS_NONE, "type");
			char *size = attr_get(attrs, nb, NS_NONE, "fileSize");
			char *medium = attr_get(attrs, nb, NS_NONE, "medium");
			char *duration = attr_get(attrs, nb, NS_NONE, "duration");
			if (url) {
				char *abs = url_resolve(e->base, url);
				item_add_enclosure(p, abs, type, size, NULL, medium, duration);
				free(abs);
			}
			free(url);
			free(type);
			free(size);
			free(medium);
			free(duration);
			e->level = LV_ITEM;	/* its media:thumbnail etc. count */
		} else if (strcmp(n, "thumbnail") == 0) {
			char *url = attr_get(attrs, nb, NS_NONE, "url");
			if (url) {
				char *abs = url_resolve(e->base, url);
				field_set(&p->item.f[IF_THUMB], abs, strlen(abs), 1);
				free(abs);
			}
			free(url);
		} else if (strcmp(n, "description") == 0) {
			bool html = attr_is(attrs, nb, NS_NONE, "type", "html");
			want(p, e, T_SUMMARY, html ? K_HTML : K_TEXT_HTML, 1);
		} else if (strcmp(n, "title") == 0) {
			want(p, e, T_TITLE, attr_is(attrs, nb, NS_NONE, "type", "html") ?
			    K_HTML_TEXT : K_TEXT, 1);
		} else if (strcmp(n, "category") == 0) {
			begin_capture(p, e, T_CATEGORY, K_TEXT, 1);
		}
		break;
	case NS_WFW:
		if (strcasecmp(n, "commentRss") == 0)	/* and the commentRSS misspelling */
			want(p, e, T_COMMENTS, K_TEXT, 3);
		break;
	case NS_SLASH:
		if (strcmp(n, "comments") == 0)
			want(p, e, T_COUNT, K_TEXT, 3);
		break;
	case NS_THR:
		if (strcmp(n, "total") == 0)
			want(p, e, T_COUNT, K_TEXT, 3);
		else if (strcmp(n, "in-reply-to") == 0 && ctx == LV_ITEM) {
			/* RFC 4685 section 3: ref is the parent's id, an IRI. */
			char *ref = attr_get(attrs, nb, NS_NONE, "ref");
			if (ref != NULL && *ref != '\0')
				field_set(&p->item.f[IF_REPLY_TO], ref, strlen(ref), 3);
			free(ref);
		}
		break;
	default:
		break;
	}
}

/* The root element decides the format. */
static void
root_element(struct feed_parser *p, struct xml_elem *e, const xmlChar *uri,
    const xmlChar **attrs, int nb, const xmlChar **namespaces, int nb_ns)
{
	const char *n = (const char *)e->local;
	e->is_root = true;
	p->root_seen = true;
	e->level = LV_ROOT;
	/* The format is the root's local name, whatever namespace it is in
	 * (RSS 2.0 has been given several); children in the root's own
	 * unknown namespace are read as its vocabulary (see on_start). */
	if (e->ns == NS_OTHER && uri != NULL) {
		free(p->root_uri);
		p->root_uri = xstrdup((const char *)uri);
	}
	if ((strcmp(n, "rss") == 0 || strcmp(n, "channel") == 0) && e->ns != NS_ATOM10 &&
	    e->ns != NS_ATOM03) {
		char *v = attr_get(attrs, nb, NS_NONE, "version");
		p->format = (v && strncmp(v, "0.9", 3) == 0) ? FEED_FORMAT_RSS09X : FEED_FORMAT_RSS20;
		free(v);
		p->family = FAM_RSS;
		if (strcmp(n, "channel") == 0)
			e->level = LV_CHANNEL;	/* a channel with no <rss> around it */
	} else if (strcmp(n, "RDF") == 0 || strcmp(n, "rdf") == 0) {
		p->format = FEED_FORMAT_RSS10;
		p->main_ns = NS_RSS10;
		for (int i = 0; i < nb_ns; i++) {
			if (ns_of(namespaces[2 * i + 1]) == NS_RSS090) {
				p->format = FEED_FORMAT_RSS09X;
				p->main_ns = NS_RSS090;
			}
		}
		p->family = FAM_RSS;
	} else if (strcmp(n, "feed") == 0) {
		bool v03 = attr_is(attrs, nb, NS_NONE, "version", "0.3");
		p->format = (e->ns == NS_ATOM03 || v03) ? FEED_FORMAT_ATOM03 : FEED_FORMAT_ATOM10;
		p->main_ns = e->ns;
		p->family = FAM_ATOM;
		e->level = LV_CHANNEL;
		if (e->lang)
			field_set(&p->meta[MF_LANG], e->lang, strlen(e->lang), 1);
	} else {
		char *why = xasprintf("not a feed (root element <%s>)", n);
		xml_fail(p, why);
		free(why);
		e->level = LV_SKIP;
	}
}

static void
capture_start_tag(struct feed_parser *p, struct xml_elem *e, const xmlChar **attrs, int nb)
{
	size_t idx = (size_t)(e - p->stack);
	if (p->cap.kind == K_XHTML && idx == p->cap.depth + 1 && p->cap.wrapper == 0 &&
	    e->ns == NS_XHTML && strcmp((const char *)e->local, "div") == 0) {
		p->cap.wrapper = idx;	/* Atom's xhtml wrapper is not content */
		return;
	}
	if (p->cap.kind != K_HTML && p->cap.kind != K_XHTML)
		return;		/* text captures keep only the text */
	struct buf *t = &p->text;
	buf_append_char(t, '<');
	buf_append_str(t, (const char *)e->local);
	for (int i = 0; i < nb; i++) {
		const xmlChar **a = attrs + 5 * i;
		enum ns ans = ns_of(a[2]);
		if (ans == NS_XML)
			continue;
		char *v = attr_get(a, 1, ans, (const char *)a[0]);
		const char *an = (const char *)a[0];
		buf_append_char(t, ' ');
		buf_append_str(t, an);
		buf_append_str(t, "=\"");
		if ((strcasecmp(an, "href") == 0 || strcasecmp(an, "src") == 0) && e->base &&
		    *v && *v != '#' && !url_has_scheme(v)) {
			char *abs = url_resolve(e->base, v);
			markup_escape(t, abs, strlen(abs), true);
			free(abs);
		} else {
			markup_escape(t, v, strlen(v), true);
		}
		buf_append_char(t, '"');
		free(v);
	}
	buf_append_char(t, '>');
	e->serialized = true;
}

static bool
is_void_element(const char *n)
{
	static const char *const v[] = { "br", "img", "hr", "input", "meta", "link",
		"area", "base", "col", "embed", "param", "source", "track", "wbr", NULL };
	for (int i = 0; v[i]; i++) {
		if (strcasecmp(n, v[i]) == 0)
			return true;
	}
	return false;
}

static void close_elem(struct feed_parser *p, struct xml_elem *e);

/* An element that cannot be part of the plain text being captured in an RSS
 * item or channel, so the capturing element was left unclosed. */
static bool
implicit_close(struct feed_parser *p, const struct xml_elem *e)
{
	static const char *const fields[] = { "title", "link", "description", "guid",
		"pubDate", "author", "category", "enclosure", "comments", "source", "item",
		"language", NULL };
	if (p->family != FAM_RSS || p->cap.kind != K_TEXT || e->own_base || e->own_lang)
		return false;
	if (e->ns == NS_CONTENT || e->ns == NS_DC || e->ns == NS_MEDIA || e->ns == NS_WFW ||
	    e->ns == NS_SLASH || e->ns == NS_ATOM10)
		return true;
	if (e->ns != NS_NONE && e->ns != NS_RSS10 && e->ns != NS_RSS090)
		return false;
	for (int i = 0; fields[i]; i++) {
		if (strcmp((const char *)e->local, fields[i]) == 0)
			return true;
	}
	return false;
}

static void
on_start(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
    int nb_ns, const xmlChar **namespaces, int nb_attr, int nb_def, const xmlChar **attrs)
{
	struct feed_parser *p = ud;
	struct xml_elem *parent = open_parent(p), *e;
	(void)nb_def;

	if (p->depth == p->adepth) {
		p->adepth = p->adepth ? p->adepth * 2 : 32;
		p->stack = xreallocarray(p->stack, p->adepth, sizeof *p->stack);
		parent = open_parent(p);
	}
	e = &p->stack[p->depth++];
	memset(e, 0, sizeof *e);
	e->local = local;
	if (parent && parent->level == LV_SKIP) {
		e->level = LV_SKIP;	/* fast path for uninteresting subtrees */
		return;
	}
	e->ns = (uint8_t)(uri == NULL && prefix != NULL ? ns_of_prefix(prefix) : ns_of(uri));
	if (e->ns == NS_OTHER && uri != NULL && p->root_uri != NULL &&
	    strcmp((const char *)uri, p->root_uri) == 0)
		e->ns = p->family == FAM_ATOM ? NS_ATOM10 : NS_NONE;
	e->base = parent ? parent->base : p->doc_url;
	e->lang = parent ? parent->lang : NULL;
	for (int i = 0; i < nb_attr; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[1] == NULL || strcmp((const char *)a[1], "xml") != 0)
			continue;
		char *v = attr_get(a, 1, NS_XML, (const char *)a[0]);
		/* Recovery reports a repeated attribute twice: the last one wins,
		 * and what the first gave this element is freed. */
		if (v && strcmp((const char *)a[0], "base") == 0) {
			char *abs = url_resolve(e->base, v);
			if (e->own_base)
				free(e->base);
			e->base = abs;
			e->own_base = true;
		} else if (v && strcmp((const char *)a[0], "lang") == 0 && *v) {
			if (e->own_lang)
				free(e->lang);
			e->lang = v;
			e->own_lang = true;
			v = NULL;
		}
		free(v);
	}
	if (p->cap.active && implicit_close(p, e)) {
		/* "<title>x<guid>": the text field ends where an item field starts. */
		close_elem(p, &p->stack[p->cap.depth]);
		p->depth--;	/* e is not its own parent */
		parent = open_parent(p);
		p->depth++;
		e->base = parent->base;
		e->lang = parent->lang;
	}
	if (p->cap.active) {
		e->level = LV_CAPTURE;
		capture_start_tag(p, e, attrs, nb_attr);
		return;
	}
	if (parent == NULL) {
		root_element(p, e, uri, attrs, nb_attr, namespaces, nb_ns);
		return;
	}
	enum level ctx = (enum level)parent->level;
	e->level = LV_SKIP;	/* unless recognised below */
	switch (e->ns) {
	case NS_NONE:
	case NS_RSS10:
	case NS_RSS090:
		if (p->family == FAM_RSS)
			rss_element(p, e, ctx, attrs, nb_attr);
		else
			atom_element(p, e, ctx, attrs, nb_attr);
		break;
	case NS_ATOM10:
	case NS_ATOM03:
		atom_element(p, e, ctx, attrs, nb_attr);
		break;
	case NS_CONTENT: case NS_DC: case NS_MEDIA: case NS_WFW: case NS_SLASH: case NS_THR:
	case NS_ITUNES: case NS_XHTML:
		module_element(p, e, ctx, attrs, nb_attr);
		break;
	default:
		break;
	}
}

/* The captured text of element e is complete: store it. */
static void
finish_capture(struct feed_parser *p, struct xml_elem *e)
{
	struct buf *t = &p->text, *x = &p->tmp;
	const char *s;
	size_t n;

	p->cap.active = false;
	buf_reset(x);
	buf_append(x, "", 0);
	switch (p->cap.kind) {
	case K_TEXT_HTML:
		markup_escape(x, buf_str(t), t->len, false);
		break;
	case K_HTML_TEXT:
		markup_to_text(x, buf_str(t), t->len);
		break;
	case K_BASE64:
	case K_BASE64_TEXT:
		/* Binary (an image) has no place in the text: dropped. */
		if (!base64_decode(x, buf_str(t), t->len) || !utf8_valid(x->data, x->len)) {
			buf_reset(x);
			buf_append(x, "", 0);
		} else if (p->cap.kind == K_BASE64_TEXT) {
			buf_reset(&p->tmp2);
			buf_append(&p->tmp2, "", 0);
			markup_escape(&p->tmp2, buf_str(x), x->len, false);
			buf_reset(x);
			buf_append(x, buf_str(&p->tmp2), p->tmp2.len);
		}
		if (p->cap.target == T_TITLE || p->cap.target == T_META_TITLE) {
			buf_reset(&p->tmp2);
			markup_to_text(&p->tmp2, buf_str(x), x->len);
			buf_reset(x);
			buf_append(x, buf_str(&p->tmp2), p->tmp2.len);
		}
		break;
	default:
		x = t;	/* as captured: no copy */
		break;
	}
	s = buf_str(x);
	n = x->len;
	switch (p->cap.target) {
	case T_META_LINK:
	case T_LINK:
	case T_COMMENTS: {
		char *abs;
		while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
			s++, n--;
		if (n == 0)
			break;
		abs = url_resolve(e->base, s);
		field_set(target_field(p, p->cap.target), abs, strlen(abs), p->cap.prio);
		free(abs);
		break;
	}
	case T_SUMMARY:
	case T_CONTENT:
		buf_reset(&p->tmp2);
		buf_append(&p->tmp2, "", 0);
		markup_resolve_links(&p->tmp2, s, n, e->base);
		field_take(target_field(p, p->cap.target), &p->tmp2, p->cap.prio);
		break;
	case T_GUID:
		field_set(&p->item.f[IF_ID], s, n, p->cap.prio);
		/* A permalink guid is the link when there is no <link>. */
		if (p->cap.permalink) {
			while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
				s++, n--;
			if (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0) {
				char *abs = url_resolve(NULL, s);
				field_set(&p->item.f[IF_LINK], abs, strlen(abs), 1);
				free(abs);
			}
		}
		break;
	case T_PUBLISHED:
	case T_UPDATED:
		item_set_date(p, p->cap.target == T_UPDATED, s, p->cap.prio);
		break;
	case T_COUNT:
		item_set_count(p, s, p->cap.prio);
		break;
	case T_CATEGORY:
		item_add_category(p, s, n);
		break;
	case T_DURATION:
		item_set_duration(p, s);
		break;
	default:
		if (x == t)
			field_take(target_field(p, p->cap.target), t, p->cap.prio);
		else
			field_set(target_field(p, p->cap.target), s, n, p->cap.prio);
		break;
	}
}

/* Element e ends (or is closed by recovery). */
static void
close_elem(struct feed_parser *p, struct xml_elem *e)
{
	size_t idx = (size_t)(e - p->stack);
	if (p->cap.active && idx == p->cap.depth) {
		finish_capture(p, e);
	} else if (p->cap.active && idx > p->cap.depth && e->serialized) {
		if (is_void_element((const char *)e->local))
			;	/* <br>, <img ...>: HTML has no end tag for them */
		else {
			buf_append_str(&p->text, "</");
			buf_append_str(&p->text, (const char *)e->local);
			buf_append_char(&p->text, '>');
		}
	}
	if (e->is_item)
		item_emit(p);
	if (e->level == LV_CHANNEL && !p->in_item)
		meta_emit(p);
	if (e->is_root)
		p->root_closed = true;
	e->ghost = true;
}

static void
pop_elem(struct feed_parser *p)
{
	struct xml_elem *e = &p->stack[--p->depth];
	if (e->own_base)
		free(e->base);
	if (e->own_lang)
		free(e->lang);
}

static void
on_end(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_parser *p = ud;
	(void)local; (void)prefix; (void)uri;

	if (p->depth == 0)
		return;
	if (p->mismatch) {
		/*
		 * "<title>x</item>": libxml2 closes <title> with the end tag
		 * meant for <item>. Close everything up to that <item> now
		 * and leave libxml2's still-open entries as ghosts.
		 */
		for (size_t i = p->depth; i > 0; i--) {
			struct xml_elem *a = &p->stack[i - 1];
			if (a->ghost || strcmp((const char *)a->local, p->mismatch) != 0)
				continue;
			for (size_t k = p->depth; k >= i; k--) {
				if (!p->stack[k - 1].ghost)
					close_elem(p, &p->stack[k - 1]);
			}
			break;
		}
		xfree(&p->mismatch);
	}
	struct xml_elem *top = &p->stack[p->depth - 1];
	if (!top->ghost)
		close_elem(p, top);
	pop_elem(p);
}

static void
on_text(void *ud, const xmlChar *s, int len)
{
	struct feed_parser *p = ud;
	if (!p->cap.active || len <= 0)
		return;
	if (p->cap.kind == K_XHTML || (p->cap.kind == K_HTML && p->depth - 1 > p->cap.depth))
		markup_escape(&p->text, (const char *)s, (size_t)len, false);
	else
		buf_append(&p->text, s, (size_t)len);
}

/*
 * Entities. libxml2 2.9 drops every entity reference, even &amp;, once any
 * recovered error has cleared ctxt->wellFormed, so with XML_PARSE_OLDSAX
 * all references come here first and wellFormed is set again. HTML names
 * (&nbsp; &hellip; ...), common in RSS and unknown to XML, are handed to
 * libxml2 as "predefined" entities, which it inlines as text without
 * parsing. In attribute values only the first byte of such an entity would
 * be used, so there a general entity is returned, which libxml2 leaves as
 * "&name;" for attr_get() to decode. An unknown name stays as written.
 */
static xmlEntityPtr
make_entity(struct feed_parser *p, const char *name, const char *content, bool in_attr)
{
	void *table = in_attr ? p->ent_attr : p->ent_text;
	xmlEntityPtr ent = xmlHashLookup(table, (const xmlChar *)name);
	if (ent == NULL) {
		ent = xcalloc(1, sizeof *ent);
		ent->type = XML_ENTITY_DECL;
		ent->etype = in_attr ? XML_INTERNAL_GENERAL_ENTITY : XML_INTERNAL_PREDEFINED_ENTITY;
		ent->name = (const xmlChar *)xstrdup(name);
		ent->content = (xmlChar *)xstrdup(content);
		ent->orig = (xmlChar *)xstrdup(content);
		ent->length = (int)strlen(content);
		ent->checked = 1;
		xmlHashAddEntry(table, (const xmlChar *)name, ent);
	}
	return ent;
}

static void
free_entity(void *payload, const xmlChar *name)
{
	xmlEntityPtr ent = payload;
	(void)name;
	free((char *)ent->name);
	free(ent->content);
	free(ent->orig);
	free(ent);
}

static void
free_string(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

static xmlEntityPtr
on_get_entity(void *ud, const xmlChar *name)
{
	struct feed_parser *p = ud;
	bool in_attr = p->ctxt->instate == XML_PARSER_START_TAG ||
	    p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE;
	xmlEntityPtr ent;
	char u[8];
	size_t n;

	p->ctxt->wellFormed = 1;	/* see above; our own checks do not need it */
	if ((ent = xmlGetPredefinedEntity(name)) != NULL)
		return ent;
	/* Declared in the internal subset (see on_entity_decl). */
	const char *declared = xmlHashLookup(p->ent_decl, name);
	if (declared) {
		size_t len = strlen(declared);
		if (p->entity_bytes + len > ENTITY_BUDGET) {
			xml_fail(p, "too many entity expansions");
			return NULL;
		}
		p->entity_bytes += len;
		return make_entity(p, (const char *)name, declared, in_attr);
	}
	n = markup_entity((const char *)name, strlen((const char *)name), u);
	if (n > 0) {
		u[n] = '\0';
		return make_entity(p, (const char *)name, u, in_attr);
	}
	feed_recovered(p, cur_line(p), "undefined entity &%s;, kept as text", (const char *)name);
	if (in_attr || strlen((const char *)name) > 64)
		return NULL;
	char *lit = xasprintf("&%s;", (const char *)name);
	ent = make_entity(p, (const char *)name, lit, false);
	free(lit);
	return ent;
}

/* Only internal entities with plain text are kept: nothing can nest (no
 * billion laughs) and nothing is read from outside (no XXE). The others
 * are remembered as empty so that a reference to them is quietly dropped. */
static void
on_entity_decl(void *ud, const xmlChar *name, int type, const xmlChar *public_id,
    const xmlChar *system_id, xmlChar *content)
{
	struct feed_parser *p = ud;
	(void)public_id; (void)system_id;
	if (type == XML_INTERNAL_PARAMETER_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY ||
	    xmlHashLookup(p->ent_decl, name) != NULL || xmlHashSize(p->ent_decl) >= 1000)
		return;
	bool plain = type == XML_INTERNAL_GENERAL_ENTITY && content != NULL &&
	    !strchr((const char *)content, '&') && !strchr((const char *)content, '<') &&
	    strlen((const char *)content) <= 4096;
	xmlHashAddEntry(p->ent_decl, name, xstrdup(plain ? (const char *)content : ""));
}

static void
on_error(void *ud, xmlErrorPtr err)
{
	struct feed_parser *p = ud;
	if (err->code == XML_ERR_TAG_NAME_MISMATCH && err->str2) {
		free(p->mismatch);
		p->mismatch = xstrdup(err->str2);
	}
	/* Any error libxml2 reads past is damage recovered (feed_recovered
	 * keeps the earliest). */
	if ((err->level == XML_ERR_ERROR || err->level == XML_ERR_FATAL) && err->message) {
		size_t n = strlen(err->message);
		while (n > 0 && (err->message[n - 1] == '\n' || err->message[n - 1] == ' '))
			n--;
		feed_recovered(p, err->line + p->skipped_lines, "%.*s", (int)n, err->message);
	}
	/* The last fatal one: when libxml2 gives up, that is why. */
	if (err->level == XML_ERR_FATAL && err->message) {
		size_t n = strlen(err->message);
		while (n > 0 && (err->message[n - 1] == '\n' || err->message[n - 1] == ' '))
			n--;
		free(p->xml_err);
		p->xml_err = xstrndup(err->message, n);
		p->xml_err_line = err->line;
	}
}

/* libxml2 2.9 must be initialised once before threads use it; the fetch
 * thread parses too, so do it here rather than trusting main(). */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
	xmlInitParser();
}

void
xml_init_once(void)
{
	pthread_once(&xml_once, xml_init);
}

void
xml_begin(struct feed_parser *p)
{
	xmlSAXHandler *h = &p->sax;
	xml_init_once();
	memset(h, 0, sizeof *h);
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = on_start;
	h->endElementNs = on_end;
	h->characters = on_text;
	h->cdataBlock = on_text;
	h->getEntity = on_get_entity;
	h->entityDecl = on_entity_decl;
	h->serror = on_error;
	p->ent_text = xmlHashCreate(64);
	p->ent_attr = xmlHashCreate(16);
	p->ent_decl = xmlHashCreate(16);
	buf_init(&p->text, CAPTURE_MAX);
	p->ctxt = xmlCreatePushParserCtxt(h, p, NULL, 0, p->doc_url);
	if (p->ctxt == NULL) {
		feed_fail(p, 1, "cannot create an XML parser");
		return;
	}
	/* Not NOENT (entities stay ours), not DTDLOAD: nothing external. */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_OLDSAX);
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
}

void
xml_push(struct feed_parser *p, const char *data, size_t len, bool terminate)
{
	if (p->ctxt == NULL || p->error)
		return;
	while (len > 0 || terminate) {
		int n = len > (1u << 30) ? (1 << 30) : (int)len;
		xmlParseChunk(p->ctxt, data, n, terminate && (size_t)n == len);
		data += n;
		len -= (size_t)n;
		if (p->error || p->ctxt->instate == XML_PARSER_EOF)
			break;
		if (len == 0)
			break;
	}
	if (p->error || p->ctxt->instate != XML_PARSER_EOF)
		return;
	/* libxml2 gave up. After the root closed that is only trailing junk. */
	if (p->root_closed)
		return;
	if (terminate)
		return;		/* xml_end() says what is missing */
	if (p->format != FEED_FORMAT_UNKNOWN) {
		/* Damage libxml2 cannot read past, in a feed: keep what was
		 * read, as a lenient reader would, and say where it stopped. */
		free(p->recovered);
		p->recovered = NULL;
		feed_recovered(p, (p->xml_err ? p->xml_err_line : cur_line(p)) + p->skipped_lines,
		    "%s; the rest of the document was skipped%s",
		    p->xml_err ? p->xml_err : "cannot parse the document",
		    p->in_item ? ", with the item it was in" : "");
		p->halted = true;
		return;
	}
	if (p->xml_err)
		feed_fail(p, p->xml_err_line + p->skipped_lines, "%s", p->xml_err);
	else
		feed_fail(p, cur_line(p), "cannot parse the document");
}

void
xml_end(struct feed_parser *p)
{
	if (p->ctxt == NULL)
		return;
	if (!p->error && !p->root_closed && !p->halted) {
		if (!p->root_seen) {
			if (p->xml_err)
				feed_fail(p, p->xml_err_line + p->skipped_lines, "%s", p->xml_err);
			else
				feed_fail(p, cur_line(p), "no root element");
		} else if (p->format == FEED_FORMAT_UNKNOWN) {
			struct xml_elem *e = open_parent(p);
			feed_fail(p, cur_line(p), "document ends inside <%s>",
			    e ? (const char *)e->local : "?");
		} else {
			/* Cut short: what was complete has been delivered; an item
			 * still open is dropped rather than stored half-read. */
			struct xml_elem *e = open_parent(p);
			bool half = p->in_item;
			free(p->recovered);
			p->recovered = NULL;
			feed_recovered(p, cur_line(p), "document ends inside <%s>%s",
			    e ? (const char *)e->local : "?",
			    half ? "; its last, incomplete item was dropped" : "");
		}
	}
	while (p->depth > 0)
		pop_elem(p);
	if (p->ctxt->myDoc)
		xmlFreeDoc(p->ctxt->myDoc);
	xmlFreeParserCtxt(p->ctxt);
	p->ctxt = NULL;
	free(p->stack);
	p->stack = NULL;
	p->adepth = 0;
	xmlHashFree(p->ent_text, free_entity);
	xmlHashFree(p->ent_attr, free_entity);
	xmlHashFree(p->ent_decl, free_string);
	p->ent_text = p->ent_attr = p->ent_decl = NULL;
	free(p->mismatch);
	p->mismatch = NULL;
	xfree(&p->root_uri);
	free(p->xml_err);
	p->xml_err = NULL;
	buf_free(&p->text);
	buf_free(&p->tmp);
	buf_free(&p->tmp2);
}
