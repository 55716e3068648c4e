/*
 * The filter language's lexer, parser and printer (grammar in filter.h).
 *
 * A recursive-descent parser over a token stream made up front. Columns in
 * errors count characters, not bytes, so an error after an Arabic string
 * points where a person counts. Nesting and the number of comparisons are
 * bounded, which bounds the recursion of every walk over the tree.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define FILTER_MAX_DEPTH 64
#define FILTER_MAX_CMPS 256

static const char *const attr_names[FILTER_ATTR_COUNT_] = {
	[FILTER_TITLE] = "title", [FILTER_LINK] = "link", [FILTER_AUTHOR] = "author",
	[FILTER_CONTENT] = "content", [FILTER_DESCRIPTION] = "description",
	[FILTER_DATE] = "date", [FILTER_GUID] = "guid", [FILTER_UNREAD] = "unread",
	[FILTER_FLAGS] = "flags", [FILTER_AGE] = "age", [FILTER_RSSURL] = "rssurl",
	[FILTER_FEEDTITLE] = "feedtitle", [FILTER_TAGS] = "tags",
	[FILTER_ENCLOSURE_URL] = "enclosure_url",
	[FILTER_ENCLOSURE_TYPE] = "enclosure_type", [FILTER_LIKED] = "liked",
	[FILTER_STARRED] = "starred", [FILTER_LANG] = "lang",
};

static const char *const op_names[] = {
	[FOP_EQ] = "=", [FOP_NE] = "!=", [FOP_RE] = "=~", [FOP_NRE] = "!~",
	[FOP_LT] = "<", [FOP_GT] = ">", [FOP_LE] = "<=", [FOP_GE] = ">=",
	[FOP_HAS] = "#", [FOP_NHAS] = "!#", [FOP_BETWEEN] = "between",
};

const char *
filter_attr_name(enum filter_attr a)
{
	return (unsigned)a < FILTER_ATTR_COUNT_ ? attr_names[a] : "?";
}

enum tok_kind { T_END, T_WORD, T_STRING, T_NUMBER, T_OP, T_LPAREN, T_RPAREN, T_COLON };

struct tok {
	enum tok_kind kind;
	char *text;	/* WORD, STRING (unescaped), NUMBER, OP */
	size_t col;	/* 1-based, in characters */
};

struct parser {
	struct tok *t;
	size_t n, pos;
	int depth, cmps;
	char *err;
};

/* Characters (not bytes) from s to p, plus one. */
static size_t
column(const char *s, const char *p)
{
	size_t col = 1;
	uint32_t cp;

	while (s < p)
		s += utf8_decode(s, (size_t)(p - s), &cp), col++;
	return col;
}

/* A fragment of user text fit for an error: clean, at most 40 bytes. */
static char *
quote_fragment(const char *s)
{
	size_t len = strlen(s);
	char *c;

	if (len > 40) {
		len = 40;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	c = utf8_sanitize(s, len, 0, NULL);
	return c;
}

__attribute__((format(printf, 3, 4))) static int
failf(struct parser *p, size_t col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (p->err != NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->err = xasprintf("%s at column %zu", msg, col);
	return -1;
}

static void
push(struct parser *p, size_t *alloc, enum tok_kind k, char *text, size_t col)
{
	if (p->n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 16;
		p->t = xreallocarray(p->t, *alloc, sizeof *p->t);
	}
	p->t[p->n++] = (struct tok){ k, text, col };
}

static bool
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (c >= '0' && c <= '9');
}

static int
lex(struct parser *p, const char *text)
{
	const char *s = text;
	size_t alloc = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		size_t col = column(text, s);
		if (*s == '\0') {
			push(p, &alloc, T_END, NULL, col);
			return 0;
		}
		if (*s == '(' || *s == ')' || *s == ':') {
			push(p, &alloc, *s == '(' ? T_LPAREN : *s == ')' ? T_RPAREN : T_COLON,
			    NULL, col);
			s++;
		} else if (*s == '"') {
			struct buf b = BUF_INIT;
			const char *start = s++;
			for (; *s != '"'; s++) {
				if (*s == '\0') {
					buf_free(&b);
					return failf(p, column(text, start),
					    "unterminated string");
				}
				if (*s == '\\') {
					s++;
					switch (*s) {
					case '"': case '\\': buf_append_char(&b, *s); break;
					case 'n': buf_append_char(&b, '\n'); break;
					case 't': buf_append_char(&b, '\t'); break;
					case '\0':
						buf_free(&b);
						return failf(p, column(text, start),
						    "unterminated string");
					default: {
						uint32_t cp;
						utf8_decode(s, strlen(s), &cp);
						buf_free(&b);
						char *frag = NULL;
						if (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0)) {
							char enc[5] = { 0 };
							utf8_encode(cp, enc);
							frag = quote_fragment(enc);
						}
						failf(p, column(text, s - 1),
						    "unknown escape '\\%s' in a string",
						    frag != NULL ? frag : "?");
						free(frag);
						return -1;
					}
					}
				} else
					buf_append_char(&b, *s);
			}
			s++;
			/* Strings are compared and printed: invalid bytes and
			 * controls other than \n and \t go now. */
			char *raw = buf_detach(&b);
			char *clean = utf8_sanitize(raw, strlen(raw), UTF8_KEEP_NEWLINES, NULL);
			free(raw);
			push(p, &alloc, T_STRING, clean, col);
		} else if ((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')) {
			const char *start = s++;
			while (*s >= '0' && *s <= '9')
				s++;
			if (*s == '.' && s[1] >= '0' && s[1] <= '9')
				for (s++; *s >= '0' && *s <= '9'; s++)
					;
			if (is_word_char(*s))
				return failf(p, col, "bad number");
			push(p, &alloc, T_NUMBER, xstrndup(start, (size_t)(s - start)), col);
		} else if (is_word_char(*s)) {
			const char *start = s;
			while (is_word_char(*s))
				s++;
			push(p, &alloc, T_WORD, xstrndup(start, (size_t)(s - start)), col);
		} else if (strchr("=!<>#", *s) != NULL) {
			static const char *const ops[] = { "=~", "!=", "!~", "!#", "<=", ">=",
			    "=", "<", ">", "#", NULL };
			size_t i;
			for (i = 0; ops[i] != NULL; i++)
				if (strncmp(s, ops[i], strlen(ops[i])) == 0)
					break;
			if (ops[i] == NULL)
				return failf(p, col, "unknown operator '%c'", *s);
			push(p, &alloc, T_OP, xstrdup(ops[i]), col);
			s += strlen(ops[i]);
		} else {
			uint32_t cp;
			char enc[5] = { 0 };
			utf8_decode(s, strlen(s), &cp);
			utf8_encode(cp, enc);
			char *frag = cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) ?
			    quote_fragment(enc) : NULL;
			if (frag != NULL && *frag != '\0')
				failf(p, col, "unexpected character '%s'", frag);
			else
				failf(p, col, "unexpected control character");
			free(frag);
			return -1;
		}
	}
}

static void
node_free(struct fnode *n)
{
	if (n == NULL)
		return;
	node_free(n->l);
	node_free(n->r);
	free(n->v.text);
	free(n->v.folded);
	free(n->v2.text);
	free(n->v2.folded);
	if (n->has_re)
		regfree(&n->re);
	free(n->literal);
	free(n);
}

void
filter_free(struct filter **fp)
{
	if (*fp == NULL)
		return;
	node_free((*fp)->root);
	xfree(fp);
}

bool
filter_number(const char *s, double *out)
{
	char *end;

	if (s == NULL || *s == '\0' || !((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	*out = strtod(s, &end);
	return *end == '\0';
}

static const struct tok *
peek(struct parser *p)
{
	return &p->t[p->pos];
}

/* How a token reads in an error. */
static char *
tok_desc(const struct tok *t)
{
	switch (t->kind) {
	case T_END:
		return xstrdup("the end");
	case T_LPAREN:
		return xstrdup("'('");
	case T_RPAREN:
		return xstrdup("')'");
	case T_COLON:
		return xstrdup("':'");
	case T_STRING:
		return xstrdup("a string");
	default: {
		char *q = quote_fragment(t->text), *r = xasprintf("'%s'", q);
		free(q);
		return r;
	}
	}
}

static int
value(struct parser *p, struct fvalue *v, const char *after, size_t after_col)
{
	const struct tok *t = peek(p);

	if (t->kind != T_STRING && t->kind != T_NUMBER) {
		char *d = tok_desc(t);
		if (t->kind == T_END)
			failf(p, after_col, "expected a value after '%s'", after);
		else
			failf(p, t->col, "expected a value after '%s', found %s", after, d);
		free(d);
		return -1;
	}
	v->text = xstrdup(t->text);
	v->number = t->kind == T_NUMBER;
	v->numeric = filter_number(v->text, &v->num);
	v->folded = filter_fold(v->text, true);
	p->pos++;
	return 0;
}

static struct fnode *expr(struct parser *p);

/*
 * Whether glibc's regcomp() could need huge memory for pat: it copies the
 * tree for every repetition, so "x++++..." or "(a{999}){999}" blow up (the
 * fuzzer found 2 GiB). Refused: more than 1,000 bytes, more than two
 * repetition operators in a row, counts whose product passes 1,000.
 */
static bool
regex_costly(const char *pat)
{
	unsigned long product = 1;
	int run = 0;

	if (strlen(pat) > 1000)
		return true;
	for (const char *c = pat; *c != '\0'; c++) {
		if (*c == '\\' && c[1] != '\0') {
			c++;
			run = 0;
		} else if (*c == '*' || *c == '+' || *c == '?') {
			if (++run > 2)
				return true;
		} else if (*c == '{' && c[1 + strspn(c + 1, "0123456789,")] != '}') {
			/* Not an interval (regcomp takes the '{' literally):
			 * keep looking at what follows it. */
			run = 0;
		} else if (*c == '{') {
			unsigned long hi = 0, v = 0;
			for (c++; *c != '\0' && *c != '}'; c++) {
				if (*c >= '0' && *c <= '9') {
					v = v * 10 + (unsigned long)(*c - '0');
					if (v > 1000)
						return true;
				} else
					v = 0;
				if (v > hi)
					hi = v;
			}
			if (*c == '\0')
				break;
			product *= hi > 0 ? hi : 1;
			if (product > 1000 || ++run > 2)
				return true;
		} else
			run = 0;
	}
	return false;
}

static struct fnode *
comparison(struct parser *p)
{
	const struct tok *t = peek(p);
	struct fnode *n;
	size_t i;

	if (t->kind != T_WORD) {
		char *d = tok_desc(t);
		failf(p, t->col, "expected an attribute or '(', found %s", d);
		free(d);
		return NULL;
	}
	for (i = 0; i < FILTER_ATTR_COUNT_; i++)
		if (strcmp(t->text, attr_names[i]) == 0)
			break;
	if (i == FILTER_ATTR_COUNT_) {
		char *q = quote_fragment(t->text);
		failf(p, t->col, "unknown attribute '%s'", q);
		free(q);
		return NULL;
	}
	if (++p->cmps > FILTER_MAX_CMPS) {
		failf(p, t->col, "too many conditions (at most %d)", FILTER_MAX_CMPS);
		return NULL;
	}
	n = xcalloc(1, sizeof *n);
	n->kind = FN_CMP;
	n->attr = (enum filter_attr)i;
	p->pos++;
	t = peek(p);
	if (t->kind == T_WORD && strcmp(t->text, "between") == 0)
		n->op = FOP_BETWEEN;
	else if (t->kind == T_OP) {
		for (size_t k = 0; k < FOP_BETWEEN; k++)
			if (strcmp(t->text, op_names[k]) == 0)
				n->op = (enum fop)k;
	} else {
		char *d = tok_desc(t);
		failf(p, t->col, "expected an operator after '%s', found %s",
		    attr_names[i], d);
		free(d);
		node_free(n);
		return NULL;
	}
	size_t opcol = t->col + strlen(op_names[n->op]);
	p->pos++;
	size_t vcol = peek(p)->col;
	if (value(p, &n->v, op_names[n->op], opcol) == -1) {
		node_free(n);
		return NULL;
	}
	if (n->op == FOP_BETWEEN) {
		t = peek(p);
		if (t->kind != T_COLON) {
			char *d = tok_desc(t);
			failf(p, t->col, "expected ':' between the ends of a range, found %s", d);
			free(d);
			node_free(n);
			return NULL;
		}
		p->pos++;
		if (value(p, &n->v2, ":", t->col + 1) == -1) {
			node_free(n);
			return NULL;
		}
	}
	if ((n->op == FOP_RE || n->op == FOP_NRE) && regex_costly(n->v.text)) {
		failf(p, vcol, "regular expression too complex (long, repeated repetitions "
		    "or large counts)");
		node_free(n);
		return NULL;
	}
	if (n->op == FOP_RE || n->op == FOP_NRE) {
		char *pat = filter_fold(n->v.text, false);
		int rc = regcomp(&n->re, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		free(pat);
		if (rc != 0) {
			char msg[128];
			regerror(rc, &n->re, msg, sizeof msg);
			char *clean = quote_fragment(msg);
			failf(p, vcol, "bad regular expression (%s)", clean);
			free(clean);
			node_free(n);
			return NULL;
		}
		n->has_re = true;
		if (strpbrk(n->v.text, ".[]()*+?{}|^$\\") == NULL)
			n->literal = xstrdup(n->v.folded);
	}
	return n;
}

static struct fnode *
primary(struct parser *p)
{
	const struct tok *t = peek(p);

	if (t->kind != T_LPAREN)
		return comparison(p);
	if (++p->depth > FILTER_MAX_DEPTH) {
		failf(p, t->col, "parentheses nested too deep (at most %d)", FILTER_MAX_DEPTH);
		return NULL;
	}
	size_t open = t->col;
	p->pos++;
	struct fnode *n = expr(p);
	if (n == NULL)
		return NULL;
	t = peek(p);
	if (t->kind != T_RPAREN) {
		char *d = tok_desc(t);
		failf(p, t->col, "expected ')' to close the '(' at column %zu, found %s", open, d);
		free(d);
		node_free(n);
		return NULL;
	}
	p->pos++;
	p->depth--;
	return n;
}

static bool
keyword(struct parser *p, const char *w)
{
	const struct tok *t = peek(p);

	if (t->kind == T_WORD && strcmp(t->text, w) == 0) {
		p->pos++;
		return true;
	}
	return false;
}

static struct fnode *
join(enum fnode_kind k, struct fnode *l, struct fnode *r)
{
	struct fnode *n = xcalloc(1, sizeof *n);

	n->kind = k;
	n->l = l;
	n->r = r;
	return n;
}

static struct fnode *
and_expr(struct parser *p)
{
	struct fnode *n = primary(p), *r;

	while (n != NULL && keyword(p, "and")) {
		if ((r = primary(p)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = join(FN_AND, n, r);
	}
	return n;
}

static struct fnode *
expr(struct parser *p)
{
	struct fnode *n = and_expr(p), *r;

	while (n != NULL && keyword(p, "or")) {
		if ((r = and_expr(p)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = join(FN_OR, n, r);
	}
	return n;
}

static unsigned
attrs_of(const struct fnode *n)
{
	if (n->kind == FN_CMP)
		return FILTER_BIT(n->attr);
	return attrs_of(n->l) | attrs_of(n->r);
}

int
filter_parse(const char *text, struct filter **out, char **err)
{
	struct parser p = { 0 };
	struct fnode *root = NULL;

	*out = NULL;
	*err = NULL;
	if (lex(&p, text) == 0) {
		if (peek(&p)->kind == T_END)
			failf(&p, 1, "empty expression");
		else if ((root = expr(&p)) != NULL && peek(&p)->kind != T_END) {
			const struct tok *t = peek(&p);
			char *d = tok_desc(t);
			failf(&p, t->col, "expected 'and', 'or' or the end, found %s", d);
			free(d);
			node_free(root);
			root = NULL;
		}
	}
	for (size_t i = 0; i < p.n; i++)
		free(p.t[i].text);
	free(p.t);
	if (root == NULL) {
		*err = p.err != NULL ? p.err : xstrdup("bad expression");
		return -1;
	}
	free(p.err);
	*out = xcalloc(1, sizeof **out);
	(*out)->root = root;
	(*out)->attrs = attrs_of(root);
	return 0;
}

unsigned
filter_attrs(const struct filter *f)
{
	return f->attrs;
}

static void
print_value(struct buf *b, const struct fvalue *v)
{
	if (v->number) {
		buf_append_str(b, v->text);
		return;
	}
	buf_append_char(b, '"');
	for (const char *s = v->text; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_append_char(b, '\\');
		if (*s == '\n')
			buf_append_str(b, "\\n");
		else if (*s == '\t')
			buf_append_str(b, "\\t");
		else
			buf_append_char(b, *s);
	}
	buf_append_char(b, '"');
}

/* Parentheses only where the tree needs them: and binds tighter than or,
 * and both group to the left. */
static void
print_node(struct buf *b, const struct fnode *n)
{
	if (n->kind == FN_CMP) {
		buf_printf(b, "%s %s ", attr_names[n->attr], op_names[n->op]);
		print_value(b, &n->v);
		if (n->op == FOP_BETWEEN) {
			buf_append_char(b, ':');
			print_value(b, &n->v2);
		}
		return;
	}
	bool lp = n->kind == FN_AND && n->l->kind == FN_OR;
	bool rp = n->r->kind != FN_CMP && (n->kind == FN_AND || n->r->kind == FN_OR);
	buf_append_str(b, lp ? "(" : "");
	print_node(b, n->l);
	buf_append_str(b, lp ? ")" : "");
	buf_append_str(b, n->kind == FN_AND ? " and " : " or ");
	buf_append_str(b, rp ? "(" : "");
	print_node(b, n->r);
	buf_append_str(b, rp ? ")" : "");
}

char *
filter_print(const struct filter *f)
{
	struct buf b = BUF_INIT;

	print_node(&b, f->root);
	return buf_detach(&b);
}

static bool
value_equal(const struct fvalue *a, const struct fvalue *b)
{
	if (a->text == NULL || b->text == NULL)
		return a->text == b->text;
	return a->number == b->number && strcmp(a->text, b->text) == 0;
}

static bool
node_equal(const struct fnode *a, const struct fnode *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind != FN_CMP)
		return node_equal(a->l, b->l) && node_equal(a->r, b->r);
	return a->attr == b->attr && a->op == b->op && value_equal(&a->v, &b->v) &&
	    value_equal(&a->v2, &b->v2);
}

bool
filter_equal(const struct filter *a, const struct filter *b)
{
	return node_equal(a->root, b->root);
}
