// Keeps the figures of running runs current: polls /api/runs/{id} (the session signs the request in) and reloads
// the page once a run has ended, so its final figures and actions show.
(function () {
	'use strict';
	var POLL_MILLIS = 2000;

	function text(row, field, value) {
		var element = row.querySelector('[data-field="' + field + '"]');
		if (element && value !== undefined && value !== null) {
			element.textContent = value;
		}
	}

	function update(row, run) {
		var counts = run.counts;
		var progress = row.querySelector('[data-field="progress"]');
		if (progress && counts.total !== null) {
			progress.max = Math.max(counts.total, 1);
			progress.value = counts.total === 0 ? 1 : counts.read;
		}
		text(row, 'status', run.status);
		text(row, 'read-of-total', counts.read + ' / ' + (counts.total === null ? '?' : counts.total));
		text(row, 'ok', row.querySelector('[data-field="draft"]') ? counts.ok : counts.ok + counts.draft);
		text(row, 'draft', counts.draft);
		text(row, 'needs-review', counts.needsReview);
		text(row, 'failed', counts.failed);
		text(row, 'reviewed', counts.reviewed);
		text(row, 'unchanged', counts.unchanged);
		if (run.progress && run.progress.recordsPerSecond !== null) {
			text(row, 'rate', run.progress.recordsPerSecond.toFixed(2));
		}
		if (run.progress && run.progress.etaSeconds !== null) {
			text(row, 'eta', run.progress.etaSeconds + ' s');
		}
	}

	function watch(row) {
		var id = row.getAttribute('data-run');
		var timer = setInterval(function () {
			fetch('/api/runs/' + id, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
				.then(function (response) {
					return response.ok ? response.json() : Promise.reject(response.status);
				})
				.then(function (run) {
					update(row, run);
					if (!run.running) {
						clearInterval(timer);
						window.location.reload();
					}
				})
				.catch(function () {
					clearInterval(timer);
				});
		}, POLL_MILLIS);
	}

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('[data-run][data-running="true"]').forEach(watch);
	});
})();
