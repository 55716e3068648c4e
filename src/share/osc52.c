/*
 * OSC 52: the terminal puts base64-decoded text on its clipboard. The text
 * is base64, so no byte of it can end the sequence early or smuggle another
 * escape; only the wrappers for tmux and screen need care with ESC.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "share/share.h"
#include "util/buf.h"
#include "util/xalloc.h"

char *
share_base64(const void *data, size_t len)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *in = data;
	char *out = xmalloc((len + 2) / 3 * 4 + 1), *o = out;
	size_t i;

	for (i = 0; i + 3 <= len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = alphabet[v >> 6 & 63];
		*o++ = alphabet[v & 63];
	}
	if (i < len) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)in[i + 1] << 8;
		*o++ = alphabet[v >> 18 & 63];
		*o++ = alphabet[v >> 12 & 63];
		*o++ = i + 1 < len ? alphabet[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* Chunk size for screen: its DCS buffer is small, 76 is what works. */
#define SCREEN_CHUNK 76

char *
share_osc52(const char *text, size_t cap, int flags, char **err)
{
	size_t len = text != NULL ? strlen(text) : 0;
	/* Inside screen's DCS chunks an ST would end a chunk: always BEL there. */
	bool st = (flags & SHARE_OSC52_ST) &&
	    ((flags & SHARE_OSC52_TMUX) || !(flags & SHARE_OSC52_SCREEN));
	const char *end = st ? "\033\\" : "\a";
	struct buf seq = BUF_INIT, out = BUF_INIT;
	char *b64;

	*err = NULL;
	if (cap == 0)
		cap = SHARE_OSC52_CAP_DEFAULT;
	/* Checked before encoding: 4 bytes of base64 per 3 of text. */
	if ((len + 2) / 3 > cap / 4) {
		*err = xasprintf("too long for the terminal clipboard: %zu bytes, "
		    "at most %zu", len, cap / 4 * 3);
		return NULL;
	}
	b64 = share_base64(text != NULL ? text : "", len);
	buf_printf(&seq, "\033]52;c;%s%s", b64, end);
	free(b64);

	if (flags & SHARE_OSC52_TMUX) {
		/* tmux passes a DCS "tmux;" body through with each ESC doubled. */
		buf_append_str(&out, "\033Ptmux;");
		for (size_t i = 0; i < seq.len; i++) {
			if (seq.data[i] == '\033')
				buf_append_char(&out, '\033');
			buf_append_char(&out, seq.data[i]);
		}
		buf_append_str(&out, "\033\\");
	} else if (flags & SHARE_OSC52_SCREEN) {
		for (size_t i = 0; i < seq.len; i += SCREEN_CHUNK) {
			size_t n = seq.len - i < SCREEN_CHUNK ? seq.len - i : SCREEN_CHUNK;
			buf_append_str(&out, "\033P");
			buf_append(&out, seq.data + i, n);
			buf_append_str(&out, "\033\\");
		}
	} else {
		buf_free(&out);
		return buf_detach(&seq);
	}
	buf_free(&seq);
	return buf_detach(&out);
}
