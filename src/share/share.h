/*
 * Sharing an article without a shell or a browser of our own: the OSC 52
 * escape sequence that puts text on the terminal's clipboard, share-intent
 * URLs for the usual sites, and a Markdown link for "copy title and link".
 * Everything here builds strings; the UI writes them or opens them (after
 * share_url_allowed(), see share/argv.h).
 */
#ifndef NR_SHARE_SHARE_H
#define NR_SHARE_SHARE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The default cap on the base64 payload of one OSC 52 sequence. Many
 * terminals (hterm, and the clipboard plugins written for it) stop at
 * 74,994 bytes of base64, about 56 KB of text; xterm's default is smaller
 * still in old versions. Longer text is refused, never cut.
 */
#define SHARE_OSC52_CAP_DEFAULT 74994

enum share_osc52_flags {
	/*
	 * Wrap for tmux passthrough: ESC P tmux; <sequence, every ESC doubled>
	 * ESC \. Needs `set -g allow-passthrough on` (tmux 3.3+). Without
	 * passthrough the plain sequence works in tmux when
	 * `set -g set-clipboard on` is set: tmux then takes the text into its
	 * own buffer and forwards it to the outer terminal.
	 */
	SHARE_OSC52_TMUX = 1 << 0,
	/*
	 * For GNU screen: the sequence cut into chunks of at most 76 bytes,
	 * each in its own ESC P ... ESC \ (screen passes a DCS through but
	 * limits its length). Ignored with SHARE_OSC52_TMUX.
	 */
	SHARE_OSC52_SCREEN = 1 << 1,
	/* End with ST (ESC \) instead of BEL; BEL is the most widely accepted. */
	SHARE_OSC52_ST = 1 << 2,
};

/*
 * The bytes to write to the terminal to put text on its clipboard ("c"
 * selection): ESC ] 52 ; c ; <base64 of text> BEL, wrapped per flags.
 * cap limits the base64 payload (0 = SHARE_OSC52_CAP_DEFAULT). Returns a
 * new string (caller frees), or NULL with *err (caller frees) when the
 * payload would pass the cap ("too long for the terminal clipboard: ...").
 */
char *share_osc52(const char *text, size_t cap, int flags, char **err);

/* Standard base64 (RFC 4648, with padding) of len bytes; caller frees. */
char *share_base64(const void *data, size_t len);

/* Percent-encode per RFC 3986: unreserved (A-Z a-z 0-9 - . _ ~) kept,
 * every other byte (UTF-8 included) as %XX upper case; caller frees. */
char *share_percent_encode(const char *s);

/*
 * A title made safe to share: invalid UTF-8 becomes U+FFFD, controls, ESC
 * sequences and explicit bidi controls go, runs of white space (newlines
 * included) become one space, no leading or trailing space. NULL gives "".
 * Caller frees.
 */
char *share_clean_title(const char *title);

enum share_target {
	SHARE_X,
	SHARE_TELEGRAM,
	SHARE_WHATSAPP,
	SHARE_FACEBOOK,
	SHARE_LINKEDIN,
	SHARE_REDDIT,
	SHARE_EMAIL,
	SHARE_TARGET_COUNT
};

/* Display name ("X", "Telegram", ..., "Email"). */
const char *share_target_name(enum share_target t);
/*
 * Target by config name, case-insensitive: x (or twitter), telegram,
 * whatsapp, facebook, linkedin, reddit, email (or mail). -1 if unknown.
 */
int share_target_from_name(const char *name);

/*
 * The share-intent URL for target (caller frees); the title is cleaned
 * with share_clean_title() and left out when empty:
 *   X         https://twitter.com/intent/tweet?text=T&url=U
 *   Telegram  https://t.me/share/url?url=U&text=T
 *   WhatsApp  https://wa.me/?text=T%20U
 *   Facebook  https://www.facebook.com/sharer/sharer.php?u=U
 *   LinkedIn  https://www.linkedin.com/sharing/share-offsite/?url=U
 *   Reddit    https://www.reddit.com/submit?url=U&title=T
 *   Email     mailto:?subject=T&body=U
 * T and U are percent-encoded with share_percent_encode().
 */
char *share_intent_url(enum share_target t, const char *url, const char *title);

/*
 * The link as "copy the link" puts it on the clipboard: percent-encoded
 * (RFC 3986) where RFC 3986 does not allow a character literally (controls,
 * space, " < > \\ ^ ` { | }, non-ASCII bytes, a '%' that starts no escape)
 * and where a shell would act on it ($ ( ) ; ' !), so pasting it into a
 * terminal cannot run anything. Caller frees.
 */
char *share_copy_url(const char *url);

/*
 * "[title](url)" for "copy title and link": the title cleaned, with \ [ ]
 * backslash-escaped; the URL as share_copy_url() gives it, so the link
 * cannot end early. An empty title gives "<url>". Caller frees.
 */
char *share_markdown_link(const char *url, const char *title);

#endif
