/*
 * OPML 2.0 import and export (see opml.h). OPML files are small, so import
 * builds libxml2's tree (no network, no DTD loading, entity declarations
 * refused) and walks the outlines, carrying the folder titles down as tags.
 * Export goes through libxml2's writer, which does all the escaping.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "config/diag.h"
#include "config/fileio.h"
#include "config/opml.h"
#include "config/scriptfeed.h"
#include "config/urls.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define OPML_MAX_SIZE (16 * 1024 * 1024)
#define OPML_MAX_TAGS 64

struct walk {
	const char *name;
	struct urls_list *list;
	struct diag_list *d;
	const char *tags[OPML_MAX_TAGS];	/* folder titles, outermost first */
	size_t ntags;
};

/* Sanitized, trimmed copy of s; NULL when nothing is left. */
static char *
clean(const char *s)
{
	char *c = utf8_sanitize(s, strlen(s), 0, NULL);
	size_t start = 0, end = strlen(c);

	while (start < end && isspace((unsigned char)c[start]))
		start++;
	while (end > start && isspace((unsigned char)c[end - 1]))
		end--;
	if (start == end) {
		free(c);
		return NULL;
	}
	memmove(c, c + start, end - start);
	c[end - start] = '\0';
	return c;
}

/* A tag as the urls file can hold it: no leading ~ (that marks a title). */
static char *
clean_tag(const char *s)
{
	while (*s == '~' || isspace((unsigned char)*s))
		s++;
	return clean(s);
}

/* Attribute value by name, ignoring case (xmlURL, xmlurl are seen). */
static char *
attr(xmlNode *node, const char *name)
{
	for (xmlAttr *a = node->properties; a != NULL; a = a->next) {
		if (strcasecmp((const char *)a->name, name) != 0)
			continue;
		xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
		char *c = v != NULL ? clean((const char *)v) : NULL;
		xmlFree(v);
		return c;
	}
	return NULL;
}

static bool
is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/*
 * OPML categories are separated by commas and have no escape of their own,
 * so a tag's ',' is written as %2C and its '%' as %25 (see opml_export);
 * only those two are decoded, in place.
 */
static void
unescape_category(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '%' && s[1] == '2' && (s[2] == 'C' || s[2] == 'c')) {
			*o++ = ',';
			s += 2;
		} else if (s[0] == '%' && s[1] == '2' && s[2] == '5') {
			*o++ = '%';
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static void
add_feed(struct walk *w, xmlNode *node, char *url)
{
	char *title = attr(node, "title"), *text = attr(node, "text");
	char *category = attr(node, "category");
	const char *tags[OPML_MAX_TAGS * 2];
	char *owned[OPML_MAX_TAGS];
	size_t ntags = 0, nowned = 0;
	int line = (int)xmlGetLineNo(node);

	if (script_feed_kind(url) != SCRIPT_FEED_NONE) {
		/* A shared OPML file must not plant a command in the urls file. */
		diag_add(w->d, DIAG_WARNING, w->name, 0,
		    "line %d: %.*s feeds run a command and are never imported from OPML; "
		    "add the line to the urls file yourself if you trust it (outline skipped)",
		    line, (int)(strchr(url, ':') - url + 1), url);
		goto out;
	}
	if (!urls_supported(url)) {
		diag_add(w->d, DIAG_WARNING, w->name, 0,
		    "line %d: unsupported feed URL '%s' (expected http, https or file; "
		    "outline skipped)", line, url);
		goto out;
	}
	for (size_t i = 0; i < w->ntags; i++)
		tags[ntags++] = w->tags[i];
	/* category="/Tech,/News/Arabic": each item is a tag, minus one leading /. */
	for (char *save = NULL, *tok = category ? strtok_r(category, ",", &save) : NULL;
	    tok != NULL && nowned < OPML_MAX_TAGS; tok = strtok_r(NULL, ",", &save)) {
		unescape_category(tok);
		char *t = clean_tag(tok[0] == '/' ? tok + 1 : tok);
		if (t == NULL)
			continue;
		owned[nowned++] = t;
		tags[ntags++] = t;
	}
	if (title == NULL && text != NULL && strcmp(text, url) != 0) {
		title = text;
		text = NULL;
	}
	if (title != NULL && strcmp(title, url) == 0)
		xfree(&title);
	if (!urls_list_add(w->list, url, tags, ntags, title, line))
		diag_add(w->d, DIAG_WARNING, w->name, 0,
		    "line %d: feed '%s' is listed twice (outline skipped)", line, url);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
out:
	free(title);
	free(text);
	free(category);
}

static void
walk_outlines(struct walk *w, xmlNode *parent)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (!is_element(n, "outline"))
			continue;
		char *url = attr(n, "xmlUrl");
		if (url != NULL) {
			add_feed(w, n, url);
			free(url);
			walk_outlines(w, n);
			continue;
		}
		/* A folder: its title is a tag of everything inside. */
		char *folder = attr(n, "title");
		if (folder == NULL)
			folder = attr(n, "text");
		char *tag = folder ? clean_tag(folder) : NULL;
		free(folder);
		bool pushed = tag != NULL && w->ntags < OPML_MAX_TAGS;
		if (pushed)
			w->tags[w->ntags++] = tag;
		walk_outlines(w, n);
		if (pushed)
			w->ntags--;
		free(tag);
	}
}

/* The first error is the one to show; later ones are its echoes. */
struct first_error {
	int line;
	char *msg;
	int depth;		/* elements open, as the parser reports them */
	int doctype_line;	/* where the DOCTYPE starts */
	bool entity_decl;	/* an entity declaration was met: parsing stopped */
};

/*
 * Outlines nested past libxml2's depth limit (256; past it the whole file
 * failed with "use XML_PARSE_HUGE") are imported, flattened: the parser
 * runs with XML_PARSE_HUGE, and an element deeper than OPML_MAX_DEPTH is
 * built at that depth instead, as a sibling (the one open there is closed
 * first), so the tree, and walk_outlines' recursion, stay shallow; such
 * feeds keep the folder titles above the limit as tags. XML_PARSE_HUGE
 * also turns off libxml2's entity-expansion checks, so the first entity
 * declaration stops the parser (they are refused anyway).
 */
#define OPML_MAX_DEPTH 128

static void
flat_start(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
    int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;

	if (++fe->depth >= OPML_MAX_DEPTH && ctxt->nodeNr >= OPML_MAX_DEPTH)
		xmlSAX2EndElementNs(ud, local, prefix, uri);
	xmlSAX2StartElementNs(ud, local, prefix, uri, nns, ns, nattrs, ndefaulted, attrs);
}

static void
flat_end(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;

	if (fe->depth < OPML_MAX_DEPTH || ctxt->nodeNr >= OPML_MAX_DEPTH)
		xmlSAX2EndElementNs(ud, local, prefix, uri);
	if (fe->depth > 0)
		fe->depth--;
}

static void
stop_at_entity(void *ud, const xmlChar *name, int type, const xmlChar *public_id,
    const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;

	(void)name; (void)type; (void)public_id; (void)system_id; (void)content;
	fe->entity_decl = true;
	xmlStopParser(ctxt);
}

/* The error names the DOCTYPE that declares entities. */
static void
note_doctype(void *ud, const xmlChar *name, const xmlChar *public_id,
    const xmlChar *system_id)
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;

	fe->doctype_line = xmlSAX2GetLineNumber(ud);
	xmlSAX2InternalSubset(ud, name, public_id, system_id);
}

#if LIBXML_VERSION >= 21200
static void
on_xml_error(void *ud, const xmlError *e)
#else
static void
on_xml_error(void *ud, xmlError *e)
#endif
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;

	if (fe->msg != NULL || e == NULL || e->level < XML_ERR_ERROR)
		return;
	fe->line = e->line;
	fe->msg = e->message ? clean(e->message) : NULL;
	if (fe->msg == NULL)
		fe->msg = xstrdup("not well-formed XML");
}

int
opml_parse(const char *name, const char *data, size_t len, struct urls_list **out,
    struct diag_list *d, char **err)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	xmlNode *root, *body = NULL;
	struct walk w = { .name = name, .d = d };
	struct first_error fe = { 0, NULL, 0, 0, false };

	*out = NULL;
	*err = NULL;
	if (len > (size_t)INT32_MAX) {
		*err = xasprintf("%s: file too large", name);
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		*err = xasprintf("%s: cannot create an XML parser", name);
		return -1;
	}
	ctxt->_private = &fe;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->startElementNs = flat_start;
	ctxt->sax->endElementNs = flat_end;
	ctxt->sax->entityDecl = stop_at_entity;
	ctxt->sax->internalSubset = note_doctype;
	/* No NOENT: entities are not substituted; NONET: nothing is fetched;
	 * HUGE: no depth limit (see flat_start). */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (fe.entity_decl) {
		*err = xasprintf("%s: line %d: entity declarations are not allowed", name,
		    fe.doctype_line > 0 ? fe.doctype_line : 1);
		free(fe.msg);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		*err = xasprintf("%s: line %d: %s", name, fe.line > 0 ? fe.line : 1,
		    fe.msg ? fe.msg : "not well-formed XML");
		free(fe.msg);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	free(fe.msg);
	xmlFreeParserCtxt(ctxt);
	if (doc->intSubset != NULL && doc->intSubset->entities != NULL) {
		*err = xasprintf("%s: line %d: entity declarations are not allowed", name,
		    (int)xmlGetLineNo((xmlNode *)doc->intSubset) > 0 ?
		    (int)xmlGetLineNo((xmlNode *)doc->intSubset) : 1);
		goto fail;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_element(root, "opml")) {
		*err = xasprintf("%s: line %ld: not an OPML document (the root element is '%s')",
		    name, root ? xmlGetLineNo(root) : 1L, root ? (const char *)root->name : "");
		goto fail;
	}
	for (xmlNode *n = root->children; n != NULL && body == NULL; n = n->next)
		if (is_element(n, "body"))
			body = n;
	if (body == NULL) {
		*err = xasprintf("%s: line %ld: not an OPML document (no body element)", name,
		    xmlGetLineNo(root));
		goto fail;
	}
	w.list = urls_list_new();
	walk_outlines(&w, body);
	xmlFreeDoc(doc);
	*out = w.list;
	return 0;
fail:
	xmlFreeDoc(doc);
	return -1;
}

int
opml_parse_file(const char *path, struct urls_list **out, struct diag_list *d, char **err)
{
	char *data;
	size_t len;
	int errnum, rc;

	*out = NULL;
	if (fileio_read(path, OPML_MAX_SIZE, &data, &len, &errnum) == -1) {
		*err = xasprintf("%s: %s", path, errnum == EFBIG ? "file too large" :
		    strerror(errnum));
		return -1;
	}
	rc = opml_parse(path, data, len, out, d, err);
	free(data);
	return rc;
}

/* RFC 822 date in English whatever the locale, as OPML 2.0 asks. */
static void
rfc822(time_t t, char *out, size_t outlen)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, outlen, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

#define X(s) ((const xmlChar *)(s))

/*
 * Write an attribute XML 1.0 can hold: libxml2's writer copies bytes as they
 * are, so invalid UTF-8 and controls (sanitized) and the noncharacters
 * U+FFFE and U+FFFF (valid UTF-8 but not XML Chars; U+FFFD instead) would
 * make a document that no parser, ours included, reads back.
 */
static void
write_attr(xmlTextWriter *w, const char *name, const char *value)
{
	char *v = utf8_sanitize(value, strlen(value), UTF8_KEEP_BIDI, NULL);

	for (unsigned char *p = (unsigned char *)v; *p != '\0'; p++) {
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			p[2] = 0xBD;
	}
	xmlTextWriterWriteAttribute(w, X(name), X(v));
	free(v);
}

/* Close folders until depth is left open. */
static void
close_folders(xmlTextWriter *w, size_t *depth, size_t keep)
{
	for (; *depth > keep; (*depth)--)
		xmlTextWriterEndElement(w);
}

char *
opml_export(const struct urls_list *l, const struct opml_known *known, time_t now)
{
	xmlBuffer *xb = xmlBufferCreate();
	xmlTextWriter *w = xmlNewTextWriterMemory(xb, 0);
	char date[64];
	char *out;
	const char *const *open = NULL;	/* the open folders: a feed's tags */
	size_t depth = 0;

	if (xb == NULL || w == NULL) {
		fprintf(stderr, "newsreader: out of memory\n");
		abort();
	}
	rfc822(now, date, sizeof date);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, X("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, X("opml"));
	xmlTextWriterWriteAttribute(w, X("version"), X("2.0"));
	xmlTextWriterStartElement(w, X("head"));
	xmlTextWriterWriteElement(w, X("title"), X("newsreader feeds"));
	xmlTextWriterWriteElement(w, X("dateCreated"), X(date));
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, X("body"));
	for (size_t i = 0; i < l->n; i++) {
		const struct urls_entry *e = &l->v[i];
		const char *title = e->title;
		const char *html = known != NULL ? known[i].html_url : NULL;
		size_t common = 0;

		if (title == NULL && known != NULL && known[i].title != NULL &&
		    *known[i].title != '\0')
			title = known[i].title;
		/* Tags become folders, outermost first, so that import (which
		 * makes every enclosing folder a tag) gives them back in order.
		 * Feeds stay in the file's order: a folder is closed and opened
		 * again when the next feed's tags differ. */
		while (common < depth && common < e->ntags &&
		    strcmp(open[common], e->tags[common]) == 0)
			common++;
		close_folders(w, &depth, common);
		for (; depth < e->ntags; depth++) {
			xmlTextWriterStartElement(w, X("outline"));
			write_attr(w, "text", e->tags[depth]);
			write_attr(w, "title", e->tags[depth]);
		}
		open = (const char *const *)e->tags;
		xmlTextWriterStartElement(w, X("outline"));
		xmlTextWriterWriteAttribute(w, X("type"), X("rss"));
		write_attr(w, "text", title ? title : e->url);
		if (title != NULL)
			write_attr(w, "title", title);
		write_attr(w, "xmlUrl", e->url);
		if (html != NULL && *html != '\0')
			write_attr(w, "htmlUrl", html);
		xmlTextWriterEndElement(w);
	}
	close_folders(w, &depth, 0);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	out = xstrdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	return out;
}
