/*
 * The tree filter.c builds and match.c walks. Private to src/filter.
 */
#ifndef NR_FILTER_INT_H
#define NR_FILTER_INT_H

#include <regex.h>
#include <stdbool.h>

#include "filter/filter.h"

enum fop {
	FOP_EQ, FOP_NE, FOP_RE, FOP_NRE, FOP_LT, FOP_GT, FOP_LE, FOP_GE,
	FOP_HAS, FOP_NHAS, FOP_BETWEEN
};

enum fnode_kind { FN_AND, FN_OR, FN_CMP };

/* A literal as written: its text (unescaped) and whether it was a number. */
struct fvalue {
	char *text;
	bool number;
	double num;	/* when number, or when text reads as one */
	bool numeric;	/* num is meaningful */
	char *folded;	/* the text folded for comparison with case ignored */
};

struct fnode {
	enum fnode_kind kind;
	struct fnode *l, *r;		/* FN_AND, FN_OR */
	enum filter_attr attr;		/* FN_CMP */
	enum fop op;
	struct fvalue v, v2;		/* v2: the upper end of between */
	regex_t re;			/* FOP_RE, FOP_NRE */
	bool has_re;
	/* FOP_RE, FOP_NRE: a pattern without special characters, folded with
	 * case: matched as a substring, much faster than regexec(). */
	char *literal;
};

struct filter {
	struct fnode *root;
	unsigned attrs;
};

/* Whether s is a whole number or decimal ("-3", "2.5"); *out gets it. */
bool filter_number(const char *s, double *out);

#endif
