/*
 * One transfer: a job's curl easy handle, its write and header callbacks, and
 * the translation of what happened into one human-readable reason. The same
 * code serves the fetch thread (curl multi) and the synchronous helpers
 * (curl_easy_perform), so both report failures in the same words.
 *
 * The body is never held here: each decoded chunk goes straight to the job's
 * on_body callback, counted against the size cap.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch_int.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define USER_AGENT "newsreader/" PACKAGE_VERSION
/* The longest Retry-After honoured: a server's "come back in a thousand
 * years" (or near 2^63 s, which would overflow time_t) waits a day. */
#define RETRY_AFTER_MAX (24 * 3600)

void
fetch_options_init(struct fetch_options *o)
{
	o->max_total = 16;
	o->max_per_host = 4;
	o->connect_timeout = 10;
	o->timeout = 30;
	o->low_speed_limit = 16;
	o->low_speed_time = 15;
	o->max_body = 32u << 20;
	o->max_redirects = 5;
	o->script_timeout = 60;
}

void
fetch_event_clear(struct fetch_event *ev)
{
	free(ev->url);
	free(ev->message);
	if (ev->data != NULL && ev->data_free != NULL)
		ev->data_free(ev->data);
	memset(ev, 0, sizeof *ev);
}

char *
fetch_format_size(size_t n)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		return xasprintf("%zu MiB", n >> 20);
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf("%zu KiB", n >> 10);
	return xasprintf("%zu bytes", n);
}

/* The host part of url, lower-cased; "" when it has none (file://). */
static char *
url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out;

	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return xstrdup("");
	}
	out = xstrdup(host);
	for (char *p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

struct fetch_job *
fetch_job_new(const struct fetch_request *req, const struct fetch_job_ops *ops, void *ud,
    size_t default_max_body)
{
	struct fetch_job *job = xcalloc(1, sizeof *job);
	size_t n = 0;

	job->url = xstrdup(req->url);
	/* Commands share one slot name, so max_per_host caps them too. */
	job->host = req->command != NULL && !req->command_filter ? xstrdup("(command)") :
	    url_host(req->url);
	if (req->command != NULL) {
		size_t argc = 0;

		while (req->command[argc] != NULL)
			argc++;
		job->argv = xcalloc(argc + 1, sizeof *job->argv);
		for (size_t i = 0; i < argc; i++)
			job->argv[i] = xstrdup(req->command[i]);
		job->filter = req->command_filter;
	}
	job->method = xstrdup_null(req->method);
	while (req->headers != NULL && req->headers[n] != NULL)
		n++;
	job->headers = xcalloc(n + 1, sizeof *job->headers);
	for (size_t i = 0; i < n; i++)
		job->headers[i] = xstrdup(req->headers[i]);
	if (req->body != NULL) {
		job->body = xmalloc(req->body_len + 1);
		memcpy(job->body, req->body, req->body_len);
		job->body_len = req->body_len;
	}
	job->allow_file = req->allow_file;
	job->want_error_body = req->want_error_body;
	job->no_redirects = req->no_redirects;
	job->max_body = req->max_body != 0 ? req->max_body : default_max_body;
	if (ops != NULL)
		job->ops = *ops;
	job->ud = ud;
	return job;
}

void
fetch_job_free(struct fetch_job *job)
{
	if (job == NULL)
		return;
	fetch_proc_free(job);
	if (job->ops.free_ud != NULL)
		job->ops.free_ud(job->ud);
	for (size_t i = 0; job->argv != NULL && job->argv[i] != NULL; i++)
		free(job->argv[i]);
	free(job->argv);
	buf_free(&job->input);
	if (job->easy != NULL)
		curl_easy_cleanup(job->easy);
	curl_slist_free_all(job->slist);
	free(job->url);
	free(job->host);
	free(job->method);
	for (size_t i = 0; job->headers[i] != NULL; i++)
		free(job->headers[i]);
	free(job->headers);
	free(job->body);
	free(job->fail_reason);
	free(job->etag);
	free(job->last_modified);
	free(job->content_language);
	free(job->location);
	free(job->content_type);
	free(job->charset);
	free(job);
}

void
fetch_job_add_header(struct fetch_job *job, const char *line)
{
	job->slist = curl_slist_append(job->slist, line);
	if (job->slist == NULL)
		abort();	/* out of memory: the one policy */
}

void
fetch_job_fail(struct fetch_job *job, const char *fmt, ...)
{
	va_list ap;

	if (job->fail_reason != NULL)
		return;		/* the first reason is the real one */
	va_start(ap, fmt);
	job->fail_reason = xvasprintf(fmt, ap);
	va_end(ap);
}

const char *
fetch_job_url(const struct fetch_job *job)
{
	return job->url;
}

struct fetcher *
fetch_job_fetcher(const struct fetch_job *job)
{
	return job->f;
}

bool
fetch_job_stopping(const struct fetch_job *job)
{
	return job->f != NULL && fetcher_stopping(job->f);
}

void
fetch_job_post(struct fetch_job *job, struct fetch_event *ev)
{
	if (job->f != NULL)
		fetcher_post(job->f, ev);
	else
		fetch_event_clear(ev);
}

static bool
is_http(long status)
{
	return status >= 100;
}

/* The charset parameter of a Content-Type value, unquoted; NULL when absent. */
static char *
content_type_charset(const char *ct)
{
	const char *p = ct;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"') {
			const char *end = strchr(++p, '"');
			return end != NULL ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
		}
		size_t n = strcspn(p, " \t;");
		return n > 0 ? xstrndup(p, n) : NULL;
	}
	return NULL;
}

/* Refresh job->resp from the handle (after headers, and at the end). */
static void
fill_response(struct fetch_job *job)
{
	struct fetch_response *r = &job->resp;
	long status = 0;
	char *url = NULL, *ct = NULL;
	curl_off_t cl = -1, retry = 0;

	if (job->easy != NULL) {
		curl_easy_getinfo(job->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(job->easy, CURLINFO_EFFECTIVE_URL, &url);
		curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &ct);
		curl_easy_getinfo(job->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
		curl_easy_getinfo(job->easy, CURLINFO_RETRY_AFTER, &retry);
	} else {
		cl = job->resp.content_length;	/* a local file's size */
	}

	r->status = status;
	r->url = url != NULL ? url : job->url;
	r->location = job->location;
	if (ct != NULL && (job->content_type == NULL || strcmp(ct, job->content_type) != 0)) {
		free(job->content_type);
		free(job->charset);
		job->content_type = xstrdup(ct);
		job->charset = content_type_charset(ct);
	}
	r->content_type = job->content_type;
	r->charset = job->charset;
	r->etag = job->etag;
	r->last_modified = job->last_modified;
	r->content_language = job->content_language;
	r->content_length = cl >= 0 ? (int64_t)cl : -1;
	/* curl turns both forms of Retry-After (RFC 9110 10.2.3: seconds
	 * or an HTTP-date) into a delay in seconds. */
	if (retry > RETRY_AFTER_MAX)
		retry = RETRY_AFTER_MAX;
	job->retry_delay = retry > 0 ? (long)retry : 0;
	r->retry_after = retry > 0 ? time(NULL) + (time_t)retry : 0;
}

char *
fetch_too_large(const struct fetch_job *job)
{
	char *size = fetch_format_size(job->max_body);
	char *s = xasprintf("too large (over %s)", size);

	free(size);
	return s;
}

int
fetch_body_bytes(struct fetch_job *job, const char *data, size_t len)
{
	if (!job->body_started) {
		job->body_started = true;
		fill_response(job);
		/* Bodies of error responses are not wanted unless asked
		 * for: stop reading. */
		if (!job->want_error_body && is_http(job->resp.status) &&
		    (job->resp.status < 200 || job->resp.status > 299)) {
			job->bad_status = true;
			return -1;
		}
		/* A filter's body goes to its command; the job sees the
		 * command's output instead (process.c). */
		if (!job->filter && job->ops.on_body_start != NULL &&
		    job->ops.on_body_start(job, job->ud, &job->resp) != 0) {
			fetch_job_fail(job, "aborted");
			return -1;
		}
	}
	if (len > job->max_body - job->received) {
		if (job->fail_reason == NULL)
			job->fail_reason = fetch_too_large(job);
		return -1;
	}
	job->received += len;
	if (job->filter) {
		buf_append(&job->input, data, len);
		return 0;
	}
	if (job->ops.on_body != NULL && job->ops.on_body(job, job->ud, data, len) != 0) {
		fetch_job_fail(job, "aborted");
		return -1;
	}
	return 0;
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *p)
{
	size_t len = size * nmemb;

	return fetch_body_bytes(p, data, len) == 0 ? len : 0;
}

/* Copy of a header's value with surrounding blanks removed. */
static char *
header_value(const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return xstrndup(v, len);
}

/* Keep the validators and the language of the last response (redirects
 * send several). */
static size_t
header_cb(char *data, size_t size, size_t nmemb, void *p)
{
	struct fetch_job *job = p;
	size_t len = size * nmemb;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		xfree(&job->etag);
		xfree(&job->last_modified);
		xfree(&job->content_language);
		xfree(&job->location);
	} else if (len > 9 && strncasecmp(data, "Location:", 9) == 0) {
		free(job->location);
		job->location = header_value(data + 9, len - 9);
	} else if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		free(job->etag);
		job->etag = header_value(data + 5, len - 5);
	} else if (len > 14 && strncasecmp(data, "Last-Modified:", 14) == 0) {
		free(job->last_modified);
		job->last_modified = header_value(data + 14, len - 14);
	} else if (len > 17 && strncasecmp(data, "Content-Language:", 17) == 0) {
		free(job->content_language);
		job->content_language = header_value(data + 17, len - 17);
	}
	return len;
}

int
fetch_transfer_setup(struct fetch_job *job, const struct fetch_options *o)
{
	CURL *e = curl_easy_init();

	if (e == NULL) {
		fetch_job_fail(job, "cannot create a transfer");
		return -1;
	}
	job->easy = e;
	job->opt = o;
	for (size_t i = 0; job->headers[i] != NULL; i++)
		fetch_job_add_header(job, job->headers[i]);

	curl_easy_setopt(e, CURLOPT_URL, job->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, job);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, job->errbuf);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, job->no_redirects ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, o->max_redirects);
	/* curl never reads local files: file:// jobs the caller allows are
	 * read by local.c (curl's blocking open() hangs on a FIFO), and a
	 * redirect never reaches one. */
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");	/* all we support */
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o->timeout);
	/* A stall shorter than the whole timeout is caught by the total one. */
	if (o->low_speed_time > 0 && o->low_speed_time < o->timeout) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	}
	/* Content-Length over the cap fails before any byte is read. */
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)job->max_body);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, job);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, job);
	if (job->slist != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, job->slist);
	if (job->method != NULL && strcmp(job->method, "GET") != 0) {
		if (strcmp(job->method, "POST") == 0)
			curl_easy_setopt(e, CURLOPT_POST, 1L);
		else if (strcmp(job->method, "HEAD") == 0)
			curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
		else
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, job->method);
	}
	if (job->body != NULL) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)job->body_len);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, job->body);
	}
	return 0;
}

/* "could not connect: Connection refused" -> the part users need. */
static char *
errno_reason(const struct fetch_job *job, const char *what)
{
	long oserr = 0;

	curl_easy_getinfo(job->easy, CURLINFO_OS_ERRNO, &oserr);
	switch (oserr) {
	case ECONNREFUSED:
		return xstrdup("connection refused");
	case ECONNRESET:
		return xstrdup("connection reset by the server");
	case ENETUNREACH:
		return xstrdup("network unreachable");
	case EHOSTUNREACH:
		return xstrdup("host unreachable");
	}
	if (job->errbuf[0] != '\0')
		return xasprintf("%s: %s", what, job->errbuf);
	return xstrdup(what);
}

/* The scheme of a URL ("file" for "file:///etc/passwd"), or NULL. */
static char *
url_scheme(const char *url)
{
	size_t n = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

	if (n == 0 || url[n] != ':')
		return NULL;
	return xstrndup(url, n);
}

static char *
curl_reason(struct fetch_job *job, CURLcode code)
{
	const struct fetch_options *o = job->opt;

	switch (code) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return xasprintf("DNS: could not resolve %s", job->host);
	case CURLE_COULDNT_RESOLVE_PROXY:
		return xstrdup("DNS: could not resolve the proxy");
	case CURLE_COULDNT_CONNECT:
		return errno_reason(job, "could not connect");
	case CURLE_OPERATION_TIMEDOUT:
		if (strncmp(job->errbuf, "Operation too slow", 18) == 0)
			return xasprintf("timeout: under %ld bytes/s for %ld s",
			    o->low_speed_limit, o->low_speed_time);
		if (strncmp(job->errbuf, "Connection timed out", 20) == 0 ||
		    strncmp(job->errbuf, "Resolving timed out", 19) == 0)
			return xasprintf("connect timeout after %ld s", o->connect_timeout);
		return xasprintf("timeout after %ld s", o->timeout);
	case CURLE_TOO_MANY_REDIRECTS:
		return xstrdup("too many redirects");
	case CURLE_UNSUPPORTED_PROTOCOL: {
		char *scheme;

		/* curl refuses the redirect before it reports the target. */
		if (is_http(job->resp.status) && job->resp.status / 100 == 3 &&
		    job->location != NULL && (scheme = url_scheme(job->location)) != NULL) {
			/* The scheme as written: "file://", but "javascript:"
			 * has no "//" to add. */
			size_t n = strlen(scheme);
			char *s = strncmp(job->location + n, "://", 3) == 0 ?
			    xasprintf("redirect to %s:// refused", scheme) :
			    xasprintf("redirect to a %s: URL refused", scheme);
			free(scheme);
			return s;
		}
		if (is_http(job->resp.status) && job->resp.status / 100 == 3)
			return xstrdup("redirect to an unsupported URL scheme refused");
		return xstrdup("unsupported URL scheme (http and https only)");
	}
	case CURLE_URL_MALFORMAT:
		return xstrdup("malformed URL");
	case CURLE_FILESIZE_EXCEEDED:
		return fetch_too_large(job);
	case CURLE_RECV_ERROR:
		return errno_reason(job, "receive error");
	case CURLE_SEND_ERROR:
		return errno_reason(job, "send error");
	case CURLE_GOT_NOTHING:
		return xstrdup("empty reply from the server");
	case CURLE_PARTIAL_FILE:
		return xstrdup("connection closed before the end of the body");
	case CURLE_BAD_CONTENT_ENCODING:
		return xasprintf("bad content encoding: %s", job->errbuf);
	case CURLE_FILE_COULDNT_READ_FILE:
		return xstrdup("cannot read the file");
	case CURLE_WEIRD_SERVER_REPLY:
		return xstrdup("not an HTTP reply");
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
		return xasprintf("TLS: %s", job->errbuf[0] != '\0' ? job->errbuf :
		    curl_easy_strerror(code));
	default:
		break;
	}
	return xstrdup(job->errbuf[0] != '\0' ? job->errbuf : curl_easy_strerror(code));
}

/* The reason for a response whose status is not a success. */
static char *
status_reason(const struct fetch_job *job)
{
	const struct fetch_response *r = &job->resp;

	/* RFC 6585 4 and RFC 9110 15.6.4: come back after Retry-After. */
	if ((r->status == 429 || r->status == 503) && job->retry_delay > 0)
		return xasprintf("HTTP %ld (retry after %ld s)", r->status, job->retry_delay);
	return xasprintf("HTTP %ld", r->status);
}

bool
fetch_transfer_done(struct fetch_job *job, CURLcode code)
{
	char *reason = NULL, *clean;

	fill_response(job);
	if (job->fail_reason != NULL)
		reason = xstrdup(job->fail_reason);
	else if (job->bad_status)
		reason = status_reason(job);
	else if (code != CURLE_OK)
		reason = curl_reason(job, code);
	else if (is_http(job->resp.status) && job->resp.status != 304 &&
	    (job->resp.status < 200 || job->resp.status > 299))
		reason = status_reason(job);

	if (reason != NULL) {
		/* Reasons quote server text (errbuf): never raw to a terminal. */
		clean = utf8_sanitize(reason, strlen(reason), 0, NULL);
		free(reason);
		free(job->fail_reason);
		job->fail_reason = clean;
	}
	/* A filter's body, fetched whole: now its command runs on it (a 304
	 * has nothing to filter: the job ends unchanged). */
	if (job->filter && job->fail_reason == NULL && job->resp.status != 304) {
		if (job->f == NULL)
			fetch_job_fail(job, "commands run only in the background fetcher");
		else
			return !fetch_proc_start(job);
	}
	if (job->ops.on_done != NULL)
		job->ops.on_done(job, job->ud, &job->resp, job->fail_reason);
	return true;
}
