/*
 * Share-intent URLs and Markdown links. Every value placed in a URL is
 * percent-encoded per RFC 3986 section 2 (unreserved characters stay, all
 * else, UTF-8 bytes included, becomes %XX), so an Arabic title or a URL
 * with its own & and ? arrive intact as one parameter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "share/share.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char hex[] = "0123456789ABCDEF";

static void
append_pct(struct buf *b, unsigned char c)
{
	char e[3] = { '%', hex[c >> 4], hex[c & 15] };

	buf_append(b, e, 3);
}

char *
share_percent_encode(const char *s)
{
	struct buf b = BUF_INIT;

	buf_append(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf_append_char(&b, (char)*p);
		else
			append_pct(&b, *p);
	}
	return buf_detach(&b);
}

char *
share_clean_title(const char *title)
{
	struct buf b = BUF_INIT;
	char *clean;
	size_t len;
	bool space = false;

	buf_append(&b, "", 0);
	if (title == NULL)
		return buf_detach(&b);
	/* Keep \n and \t through the sanitizer so they become spaces, not
	 * nothing: "line\nnext" must not turn into "linenext". */
	clean = utf8_sanitize(title, strlen(title), UTF8_KEEP_NEWLINES, &len);
	for (size_t i = 0; i < len; i++) {
		char c = clean[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_append_char(&b, ' ');
		space = false;
		buf_append_char(&b, c);
	}
	free(clean);
	return buf_detach(&b);
}

static const struct {
	const char *display;
	const char *name, *alias;
} targets[SHARE_TARGET_COUNT] = {
	[SHARE_X] = { "X", "x", "twitter" },
	[SHARE_TELEGRAM] = { "Telegram", "telegram", NULL },
	[SHARE_WHATSAPP] = { "WhatsApp", "whatsapp", NULL },
	[SHARE_FACEBOOK] = { "Facebook", "facebook", NULL },
	[SHARE_LINKEDIN] = { "LinkedIn", "linkedin", NULL },
	[SHARE_REDDIT] = { "Reddit", "reddit", NULL },
	[SHARE_EMAIL] = { "Email", "email", "mail" },
};

const char *
share_target_name(enum share_target t)
{
	if ((unsigned)t >= SHARE_TARGET_COUNT)
		return "?";
	return targets[t].display;
}

int
share_target_from_name(const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < SHARE_TARGET_COUNT; i++)
		if (strcasecmp(name, targets[i].name) == 0 ||
		    (targets[i].alias != NULL && strcasecmp(name, targets[i].alias) == 0))
			return i;
	return -1;
}

/* Append "sep key=value" with value encoded; nothing when value is empty. */
static void
param(struct buf *b, const char *key, const char *value)
{
	char *enc;

	if (value == NULL || *value == '\0')
		return;
	enc = share_percent_encode(value);
	buf_printf(b, "%s%s=%s", strchr(b->data, '?') != NULL ? "&" : "?", key, enc);
	free(enc);
}

char *
share_intent_url(enum share_target t, const char *url, const char *title)
{
	struct buf b = BUF_INIT;
	char *tt = share_clean_title(title), *both;

	if (url == NULL)
		url = "";
	switch (t) {
	case SHARE_X:
		buf_append_str(&b, "https://twitter.com/intent/tweet");
		param(&b, "text", tt);
		param(&b, "url", url);
		break;
	case SHARE_TELEGRAM:
		buf_append_str(&b, "https://t.me/share/url");
		param(&b, "url", url);
		param(&b, "text", tt);
		break;
	case SHARE_WHATSAPP:
		/* One text parameter: WhatsApp has no separate URL field. */
		buf_append_str(&b, "https://wa.me/");
		both = *tt != '\0' ? xasprintf("%s %s", tt, url) : xstrdup(url);
		param(&b, "text", both);
		free(both);
		break;
	case SHARE_FACEBOOK:
		buf_append_str(&b, "https://www.facebook.com/sharer/sharer.php");
		param(&b, "u", url);
		break;
	case SHARE_LINKEDIN:
		buf_append_str(&b, "https://www.linkedin.com/sharing/share-offsite/");
		param(&b, "url", url);
		break;
	case SHARE_REDDIT:
		buf_append_str(&b, "https://www.reddit.com/submit");
		param(&b, "url", url);
		param(&b, "title", tt);
		break;
	case SHARE_EMAIL:
	default:
		/* RFC 6068: hfields after "?", %20 for spaces, no "+" form. */
		buf_append_str(&b, "mailto:");
		param(&b, "subject", tt);
		param(&b, "body", url);
		break;
	}
	free(tt);
	return buf_detach(&b);
}

/*
 * RFC 3986 section 2: unreserved, reserved and '%' are allowed literally;
 * of the sub-delims, those a shell acts on ($ ( ) ; ' !) are encoded too,
 * which web servers read the same in paths and queries. '&', '=', '+', ','
 * and '*' keep their meaning in queries and are kept.
 */
static bool
copy_literal(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("-._~:/?#[]@&=+,*", c) != NULL);
}

static bool
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *
share_copy_url(const char *url)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)(url != NULL ? url : "");

	buf_append(&b, "", 0);
	for (; *p != '\0'; p++) {
		/* An escape already there stays; a lone '%' is encoded. */
		if (copy_literal(*p) || (*p == '%' && is_hex(p[1]) && is_hex(p[2])))
			buf_append_char(&b, (char)*p);
		else
			append_pct(&b, *p);
	}
	return buf_detach(&b);
}

char *
share_markdown_link(const char *url, const char *title)
{
	struct buf b = BUF_INIT;
	char *tt = share_clean_title(title);
	/* Nothing left that could end or break the destination: space ( ) < >
	 * and backslash are all encoded. */
	char *u = share_copy_url(url);

	if (*tt == '\0') {
		buf_printf(&b, "<%s>", u);
	} else {
		buf_append_char(&b, '[');
		for (const char *p = tt; *p; p++) {
			if (*p == '\\' || *p == '[' || *p == ']')
				buf_append_char(&b, '\\');
			buf_append_char(&b, *p);
		}
		buf_printf(&b, "](%s)", u);
	}
	free(u);
	free(tt);
	return buf_detach(&b);
}
