/*
 * Synchronous transfers for subcommands (dump-feed URL, extract URL): the
 * same job callbacks, options and failure reasons as the fetch thread, run
 * with curl_easy_perform on the calling thread.
 */
#include "config.h"

#include <stdlib.h>

#include "fetch/fetch_int.h"
#include "util/xalloc.h"

void
fetch_run_sync(const struct fetch_options *o, const struct fetch_request *req,
    const struct fetch_job_ops *ops, void *ud)
{
	struct fetch_job *job = fetch_job_new(req, ops, ud, o->max_body);
	CURLcode code;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (job->argv != NULL && !job->filter) {
		/* No thread to watch a command's pipes and clock. */
		fetch_job_fail(job, "commands run only in the background fetcher");
		if (job->ops.on_done != NULL)
			job->ops.on_done(job, job->ud, &job->resp, job->fail_reason);
	} else if (job->ops.prepare == NULL || job->ops.prepare(job, job->ud) == FETCH_GO) {
		if (job->allow_file && fetch_is_file_url(job->url)) {
			fetch_local_run(job, o);
			goto out;
		}
		fetch_transfer_setup(job, o);
		code = curl_easy_perform(job->easy);
		fetch_transfer_done(job, code);
	}
out:
	fetch_job_free(job);
	curl_global_cleanup();
}
