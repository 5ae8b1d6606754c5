package dev.sift.doctor;

import java.util.List;

/**
 * {@code doctor}'s findings as a plain-text table: check, status and value, and under a row that did not pass, what
 * to do.
 */
final class DoctorTable {

	private DoctorTable() {
	}

	static String of(List<Finding> findings) {
		int width = Math.max("CHECK".length(),
				findings.stream().mapToInt(finding -> finding.check().length()).max().orElse(0));
		String row = "%-" + width + "s  %-6s %s%n";
		StringBuilder table = new StringBuilder(String.format(row, "CHECK", "STATUS", "VALUE"));
		String indent = " ".repeat(width + 2 + 7);
		for (Finding finding : findings) {
			table.append(String.format(row, finding.check(), finding.status(), finding.value()));
			if (!finding.action().isEmpty()) {
				table.append(indent).append("To fix: ").append(finding.action()).append(System.lineSeparator());
			}
		}
		long failed = findings.stream().filter(finding -> finding.status() == Finding.Status.FAIL).count();
		long warned = findings.stream().filter(finding -> finding.status() == Finding.Status.WARN).count();
		table.append(System.lineSeparator())
			.append(failed == 0 && warned == 0 ? "All " + findings.size() + " checks pass."
					: failed + " failed, " + warned + " warned, " + (findings.size() - failed - warned) + " passed.")
			.append(System.lineSeparator());
		return table.toString();
	}

}
