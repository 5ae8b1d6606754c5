// Keeps the figures of running runs current: polls /api/runs/{id} (the session signs the request in) and reloads
// the page once a run has ended, so its final figures and actions show. On a run's page it also polls the run's
// partitions, /api/runs/{id}/partitions, and keeps each one's progress, status, worker and attempts current.
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

	// GETs a path of the API as JSON, signed in by the session.
	function getJson(path) {
		return fetch(path, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
			.then(function (response) {
				return response.ok ? response.json() : Promise.reject(response.status);
			});
	}

	// The time of day of an ISO instant, as the page shows it: 10:00:05.
	function timeOf(instant) {
		return instant.substring(11, 19);
	}

	function attemptText(attempt, first) {
		return (first ? 'taken by ' : 'resumed by ') + attempt.worker + ' at ' + timeOf(attempt.started)
			+ (attempt.outcome === 'running' ? ', running'
				: ', ' + attempt.outcome + (attempt.ended ? ' at ' + timeOf(attempt.ended) : ''))
			+ (attempt.reason ? ' (' + attempt.reason + ')' : '');
	}

	function updatePartition(row, partition) {
		var progress = row.querySelector('[data-field="progress"]');
		progress.max = Math.max(partition.records, 1);
		progress.value = partition.records === 0 ? 1 : partition.read;
		text(row, 'read-of-records', partition.read + ' / ' + partition.records);
		var status = row.querySelector('[data-field="status"]');
		status.textContent = partition.status;
		status.className = 'run-status ' + partition.status.toLowerCase();
		text(row, 'worker', partition.worker === null ? 'none yet'
			: (partition.workerActive ? partition.worker : partition.worker + ' (last)'));
		var attempts = row.querySelector('[data-field="attempts"]');
		attempts.replaceChildren.apply(attempts, partition.attempts.map(function (attempt, index) {
			var item = document.createElement('li');
			item.textContent = attemptText(attempt, index === 0);
			return item;
		}));
	}

	// Partitions listed after the page was drawn (the manager splits the source once the run has begun) reload it.
	function updatePartitions(id) {
		return getJson('/api/runs/' + id + '/partitions')
			.then(function (partitions) {
				var table = document.querySelector('table.partitions');
				if (partitions.length > 0 && !table) {
					window.location.reload();
					return;
				}
				partitions.forEach(function (partition) {
					var row = table.querySelector('[data-partition="' + partition.index + '"]');
					if (row) {
						updatePartition(row, partition);
					}
				});
			});
	}

	function watch(row) {
		var id = row.getAttribute('data-run');
		var timer = setInterval(function () {
			getJson('/api/runs/' + id)
				.then(function (run) {
					update(row, run);
					if (!run.running) {
						clearInterval(timer);
						window.location.reload();
						return undefined;
					}
					return row.classList.contains('run-head') ? updatePartitions(id) : undefined;
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
