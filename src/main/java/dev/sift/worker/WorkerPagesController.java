package dev.sift.worker;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.sift.worker.WorkerViews.WorkerView;

/**
 * The workers page: every worker process with what it runs, how long ago it last sent a heartbeat (flagged once an
 * up worker is silent past {@code sift.worker.lost-after}), its state and the partition it processes, linked to its
 * run's page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WorkerPagesController {

	private final WorkerViews views;

	WorkerPagesController(WorkerViews views) {
		this.views = views;
	}

	@GetMapping("/workers")
	String workers(Model model) {
		List<WorkerRow> rows = this.views.workers()
			.stream()
			.map(worker -> new WorkerRow(worker, ago(worker.secondsSinceHeartbeat())))
			.toList();
		model.addAttribute("workers", rows);
		model.addAttribute("shown", WorkerViews.SHOWN);
		return "workers";
	}

	/** A time since, in the largest unit that still says it in two or three digits: 45 s, 12 min, 5 h, 3 d. */
	static String ago(long seconds) {
		if (seconds < 120) {
			return seconds + " s ago";
		}
		if (seconds < 120 * 60) {
			return seconds / 60 + " min ago";
		}
		if (seconds < 48 * 3600) {
			return seconds / 3600 + " h ago";
		}
		return seconds / 86400 + " d ago";
	}

	/** @param heartbeat how long ago its last heartbeat was, in words */
	record WorkerRow(WorkerView worker, String heartbeat) {
	}

}
