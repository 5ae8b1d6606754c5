package dev.sift.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading a whole CSV file the way a run does found, without a model: for {@code validate}.
 *
 * @param records the records read, problem records and a broken one included
 * @param problemRecords the records a run would store as failed
 * @param problemCounts how many records had each kind of problem (a record may have several)
 * @param duplicateIds the ids found more than once, with every line they are on
 * @param firstProblems the reasons of the first problem records, each with the file and line
 * @param broken why the file cannot be read past a line, or {@code null} when it can be read to its end
 * @param recordsBeforeBreak the records before the broken one (all of them when nothing is broken)
 */
public record CsvFileReport(Path file, long records, long problemRecords, Map<RowProblem, Long> problemCounts,
		Map<String, List<Long>> duplicateIds, List<String> firstProblems, BrokenQuoting broken,
		long recordsBeforeBreak) {

	private static final int SHOWN_DUPLICATES = 5;

	public CsvFileReport {
		Map<RowProblem, Long> counts = new EnumMap<>(RowProblem.class);
		counts.putAll(problemCounts);
		problemCounts = Collections.unmodifiableMap(counts);
		Map<String, List<Long>> duplicates = new LinkedHashMap<>();
		duplicateIds.forEach((id, lines) -> duplicates.put(id, List.copyOf(lines)));
		duplicateIds = Collections.unmodifiableMap(duplicates);
		firstProblems = List.copyOf(firstProblems);
	}

	public boolean readToTheEnd() {
		return this.broken == null;
	}

	public long emptyTexts() {
		return this.problemCounts.getOrDefault(RowProblem.EMPTY_TEXT, 0L);
	}

	/**
	 * One line: the records, how many a run would store as failed and why, with the duplicated ids and their lines,
	 * e.g. {@code in.csv: 72 records; 2 would be stored as failed: 1 with an empty text, 1 with a duplicate id ('A1'
	 * on lines 2 and 5)}.
	 */
	public String summary() {
		String records = this.file + ": " + this.records + (this.records == 1 ? " record" : " records")
				+ (readToTheEnd() ? "" : " up to line " + this.broken.line() + ", where reading stops");
		if (this.problemRecords == 0) {
			return records;
		}
		List<String> kinds = new ArrayList<>();
		this.problemCounts.forEach((problem, count) -> kinds.add(count + " " + problem.records()
				+ (problem == RowProblem.DUPLICATE_ID ? " (" + duplicates() + ")" : "")));
		if (!readToTheEnd()) {
			kinds.add("1 with broken quoting");
		}
		return records + "; " + this.problemRecords + " would be stored as failed: " + String.join(", ", kinds);
	}

	private String duplicates() {
		String shown = this.duplicateIds.entrySet()
			.stream()
			.limit(SHOWN_DUPLICATES)
			.map(id -> "'" + id.getKey() + "' on lines " + lines(id.getValue()))
			.collect(Collectors.joining(", "));
		int more = this.duplicateIds.size() - SHOWN_DUPLICATES;
		return more > 0 ? shown + " and " + more + " more ids" : shown;
	}

	private static String lines(List<Long> lines) {
		List<String> numbers = lines.stream().map(String::valueOf).toList();
		return String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and " + numbers.get(numbers.size() - 1);
	}

}
