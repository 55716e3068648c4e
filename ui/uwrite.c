/*
 * The queue of the user's writes (model in uwrite.h): a plain array, since
 * it only ever holds what a few keystrokes made while a lock was held.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/xalloc.h"
#include "uwrite.h"

enum uw_kind { UW_ITEM_READ, UW_FEED_READ, UW_ITEM_LIKED, UW_STATE };

struct uw_op {
	enum uw_kind kind;
	int64_t id;
	bool flag;
	char *key, *value;
};

struct uwrite {
	struct uw_op *v;
	size_t n, alloc;
};

struct uwrite *
uwrite_new(void)
{
	return xcalloc(1, sizeof(struct uwrite));
}

static void
op_clear(struct uw_op *op)
{
	free(op->key);
	free(op->value);
}

void
uwrite_free(struct uwrite **uwp)
{
	struct uwrite *uw = *uwp;

	if (uw == NULL)
		return;
	for (size_t i = 0; i < uw->n; i++)
		op_clear(&uw->v[i]);
	free(uw->v);
	xfree(uwp);
}

static int
apply(struct store *s, const struct uw_op *op)
{
	switch (op->kind) {
	case UW_ITEM_READ:
		return store_item_mark_read(s, op->id, op->flag);
	case UW_FEED_READ:
		return store_feed_mark_read(s, op->id);
	case UW_ITEM_LIKED:
		return store_item_set_liked(s, op->id, op->flag);
	case UW_STATE:
		return store_state_put(s, op->key, op->value);
	}
	return -1;
}

size_t
uwrite_flush(struct uwrite *uw, struct store *s)
{
	size_t done = 0;

	while (done < uw->n && apply(s, &uw->v[done]) == 0)
		op_clear(&uw->v[done++]);
	if (done > 0) {
		memmove(uw->v, uw->v + done, (uw->n - done) * sizeof *uw->v);
		uw->n -= done;
	}
	return done;
}

/* Queue op (taking its strings) behind what waits, then try them all. */
static bool
submit(struct uwrite *uw, struct store *s, struct uw_op op)
{
	if (uw->n == 0 && apply(s, &op) == 0) {
		op_clear(&op);
		return true;
	}
	if (uw->n == uw->alloc) {
		uw->alloc = uw->alloc ? uw->alloc * 2 : 8;
		uw->v = xreallocarray(uw->v, uw->alloc, sizeof *uw->v);
	}
	uw->v[uw->n++] = op;
	if (uw->n > 1)
		uwrite_flush(uw, s);
	return uw->n == 0;
}

bool
uwrite_item_read(struct uwrite *uw, struct store *s, int64_t item_id, bool read)
{
	return submit(uw, s, (struct uw_op){ .kind = UW_ITEM_READ, .id = item_id, .flag = read });
}

bool
uwrite_feed_read(struct uwrite *uw, struct store *s, int64_t feed_id)
{
	return submit(uw, s, (struct uw_op){ .kind = UW_FEED_READ, .id = feed_id });
}

bool
uwrite_item_liked(struct uwrite *uw, struct store *s, int64_t item_id, bool liked)
{
	return submit(uw, s, (struct uw_op){ .kind = UW_ITEM_LIKED, .id = item_id,
	    .flag = liked });
}

bool
uwrite_state(struct uwrite *uw, struct store *s, const char *key, const char *value)
{
	return submit(uw, s, (struct uw_op){ .kind = UW_STATE, .key = xstrdup(key),
	    .value = xstrdup_null(value) });
}

size_t
uwrite_pending(const struct uwrite *uw)
{
	return uw->n;
}

bool
uwrite_state_lookup(const struct uwrite *uw, const char *key, const char **value)
{
	for (size_t i = uw->n; i-- > 0;)
		if (uw->v[i].kind == UW_STATE && strcmp(uw->v[i].key, key) == 0) {
			*value = uw->v[i].value;
			return true;
		}
	return false;
}
