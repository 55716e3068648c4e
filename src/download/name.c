/*
 * File names and places for downloads (download.h). The name comes from a
 * URL a feed wrote, so it is hostile until made safe here: it must stay
 * inside the download directory, never hide itself, never overwrite, and
 * never carry bytes that would act on a terminal when listed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "download/download.h"
#include "share/argv.h"
#include "util/buf.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define NAME_MAX_BYTES 200

/* The last non-empty segment of url's path, %XX decoded (a new string). */
static char *
last_segment(const char *url)
{
	const char *p = strstr(url, "://");
	const char *path = p ? strchr(p + 3, '/') : strchr(url, ':');
	if (path == NULL)
		return xstrdup("");
	if (*path == ':')
		path++;
	size_t end = strcspn(path, "?#");
	size_t start = end;
	while (start > 0 && path[start - 1] == '/')
		start--;
	end = start;
	while (start > 0 && path[start - 1] != '/')
		start--;
	char *out = xmalloc(end - start + 1);
	size_t n = 0;
	for (size_t i = start; i < end; i++) {
		int h, l;
		if (path[i] == '%' && i + 2 < end + 1 && (h = url_hex_digit(path[i + 1])) >= 0 &&
		    (l = url_hex_digit(path[i + 2])) >= 0) {
			if (h * 16 + l != 0)	/* %00 would end the name early */
				out[n++] = (char)(h * 16 + l);
			i += 2;
		} else
			out[n++] = path[i];
	}
	out[n] = '\0';
	return out;
}

char *
download_file_name(const char *url)
{
	char *seg = last_segment(url != NULL ? url : "");
	size_t n, j = 0;
	/* C0 controls and DEL go without a trace (a newline is no space in a
	 * name); ESC stays for utf8_sanitize(), which drops its whole sequence. */
	for (size_t i = 0; seg[i] != '\0'; i++) {
		unsigned char c = (unsigned char)seg[i];
		if ((c >= 0x20 && c != 0x7F) || c == 0x1B)
			seg[j++] = seg[i];
	}
	seg[j] = '\0';
	/* Controls, escape sequences, bidi overrides, invalid UTF-8 (U+FFFD). */
	char *s = utf8_sanitize(seg, strlen(seg), 0, &n);
	free(seg);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' || s[i] == '\\')
			s[i] = '_';
	}
	/* No leading dot or blank: not hidden, not "." or "..". */
	size_t lead = 0;
	while (lead < n && (s[lead] == '.' || s[lead] == ' '))
		lead++;
	memmove(s, s + lead, n - lead + 1);
	n -= lead;
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		s[--n] = '\0';
	if (n > NAME_MAX_BYTES) {
		n = NAME_MAX_BYTES;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;	/* whole characters only */
		s[n] = '\0';
	}
	if (n == 0) {
		free(s);
		return xstrdup("download");
	}
	return s;
}

static bool
taken(const char *path)
{
	struct stat st;
	char *part = xasprintf("%s.part", path);
	bool t = lstat(path, &st) == 0 || lstat(part, &st) == 0;
	free(part);
	return t;
}

/* dir/name with " (k)" before the extension (k > 0). */
static char *
numbered(const char *dir, const char *name, int k)
{
	if (k == 0)
		return xasprintf("%s/%s", dir, name);
	const char *dot = strrchr(name, '.');
	if (dot == NULL || dot == name)
		return xasprintf("%s/%s (%d)", dir, name, k);
	return xasprintf("%s/%.*s (%d)%s", dir, (int)(dot - name), name, k, dot);
}

char *
download_free_path(const char *dir, const char *name)
{
	for (int k = 0; k < 1000; k++) {
		char *p = numbered(dir, name, k);
		if (!taken(p))
			return p;
		free(p);
	}
	return NULL;
}

int
download_commit(const char *part, const char *final, char **done_path, char **err)
{
	char *dir = xstrdup(final);
	char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : final;
	if (slash)
		*slash = '\0';
	for (int k = 0; k < 1000; k++) {
		char *p = slash ? numbered(dir, name, k) : xstrdup(final);
		/* link() fails on an existing name: nothing is ever replaced. */
		if (link(part, p) == 0) {
			unlink(part);
			*done_path = p;
			free(dir);
			return 0;
		}
		int e = errno;
		free(p);
		if (e != EEXIST || !slash) {
			*err = xasprintf("%s: %s", final, strerror(e));
			free(dir);
			return -1;
		}
	}
	*err = xasprintf("%s: no free name", final);
	free(dir);
	return -1;
}

void
download_human_size(int64_t bytes, char *out, size_t outlen)
{
	static const char *const unit[] = { "kB", "MB", "GB", "TB" };
	if (bytes < 1000) {
		snprintf(out, outlen, "%lld B", (long long)(bytes < 0 ? 0 : bytes));
		return;
	}
	double v = (double)bytes / 1000.0;
	int u = 0;
	while (v >= 999.95 && u < 3) {
		v /= 1000.0;
		u++;
	}
	if (v < 99.95)
		snprintf(out, outlen, "%.1f %s", v, unit[u]);
	else
		snprintf(out, outlen, "%.0f %s", v, unit[u]);
}

/* XDG_DOWNLOAD_DIR="$HOME/..." from user-dirs.dirs, or NULL. */
static char *
xdg_download_dir(const char *home)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	char *path = cfg && *cfg == '/' ? xasprintf("%s/user-dirs.dirs", cfg) :
	    xasprintf("%s/.config/user-dirs.dirs", home);
	FILE *f = fopen(path, "re");
	char line[1024], *ret = NULL;
	free(path);
	if (f == NULL)
		return NULL;
	while (ret == NULL && fgets(line, sizeof line, f) != NULL) {
		const char *key = "XDG_DOWNLOAD_DIR=\"";
		if (strncmp(line, key, strlen(key)) != 0)
			continue;
		char *v = line + strlen(key);
		char *q = strchr(v, '"');
		if (q == NULL)
			continue;
		*q = '\0';
		if (strncmp(v, "$HOME/", 6) == 0)
			ret = xasprintf("%s/%s", home, v + 6);
		else if (*v == '/')
			ret = xstrdup(v);
	}
	fclose(f);
	return ret;
}

char *
download_default_dir(void)
{
	const char *home = getenv("HOME");
	if (home == NULL || *home == '\0')
		home = ".";
	char *x = xdg_download_dir(home);
	return x != NULL ? x : xasprintf("%s/Downloads", home);
}

int
download_make_dir(const char *dir, char **err)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			*err = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	struct stat st;
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s: not a directory", dir);
		return -1;
	}
	return 0;
}

/* s with %u, %f, %t, %% substituted; *used_u / *used_f say which occurred. */
static char *
subst(const char *s, const char *url, const char *file, const char *type, bool *used_u,
    bool *used_f)
{
	struct buf b;
	buf_init(&b, 0);
	buf_append(&b, "", 0);
	for (; *s; s++) {
		if (*s == '%' && s[1] != '\0') {
			const char *v = NULL;
			switch (s[1]) {
			case 'u': v = url; *used_u = true; break;
			case 'f': v = file != NULL ? file : ""; *used_f = true; break;
			case 't': v = type != NULL ? type : ""; break;
			case '%': v = "%"; break;
			}
			if (v != NULL) {
				buf_append_str(&b, v);
				s++;
				continue;
			}
		}
		buf_append_char(&b, *s);
	}
	return buf_detach(&b);
}

char **
download_argv(char *const *tmpl, const char *url, const char *file, const char *type)
{
	size_t n = share_argv_len(tmpl);
	char **out = xcalloc(n + 3, sizeof *out);
	bool used_u = false, used_f = false;
	for (size_t i = 0; i < n; i++)
		out[i] = subst(tmpl[i], url, file, type, &used_u, &used_f);
	if (!used_u)
		out[n++] = xstrdup(url);
	if (!used_f && file != NULL)
		out[n++] = xstrdup(file);
	return out;
}
