package dev.sift.review;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sift.result.ResultStore.DayCount;

/**
 * Bar charts as SVG geometry, computed here so templates only place rectangles and text: no charting library, no
 * script. Colours come from the stylesheet's {@code series-N} classes.
 */
final class Charts {

	static final int WIDTH = 640;

	static final int DAYS = 30;

	private static final int ROW = 24;

	private static final int LABEL_WIDTH = 140;

	private static final int COUNT_WIDTH = 60;

	private static final int TREND_HEIGHT = 160;

	private static final int AXIS = 20;

	private static final int SERIES_COLOURS = 8;

	private Charts() {
	}

	/** One horizontal bar per value, longest for the most frequent; values in the order given. */
	static BarChart distribution(Map<String, Long> counts) {
		long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
		long total = counts.values().stream().mapToLong(Long::longValue).sum();
		List<Bar> bars = new ArrayList<>();
		int index = 0;
		for (Map.Entry<String, Long> count : counts.entrySet()) {
			int width = max == 0 ? 0 : (int) Math.round((double) count.getValue() / max * (WIDTH - LABEL_WIDTH - COUNT_WIDTH));
			bars.add(new Bar(count.getKey(), count.getValue(), total == 0 ? 0 : Math.round(100.0 * count.getValue() / total),
					index * ROW, LABEL_WIDTH, width, series(index)));
			index++;
		}
		return new BarChart(WIDTH, Math.max(ROW, bars.size() * ROW), LABEL_WIDTH, bars);
	}

	/**
	 * A column per day from the first day with data to the last (at most the last {@value #DAYS}), each stacked from
	 * the values' counts that day, in the order of {@code values}.
	 */
	static TrendChart trend(List<DayCount> counts, List<String> values) {
		if (counts.isEmpty()) {
			return new TrendChart(WIDTH, TREND_HEIGHT + AXIS, List.of(), List.of(), 0);
		}
		LocalDate last = counts.stream().map(DayCount::day).max(LocalDate::compareTo).orElseThrow();
		LocalDate first = counts.stream()
			.map(DayCount::day)
			.min(LocalDate::compareTo)
			.filter(day -> !day.isBefore(last.minusDays(DAYS - 1)))
			.orElse(last.minusDays(DAYS - 1));
		Map<LocalDate, Map<String, Long>> byDay = new LinkedHashMap<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			byDay.put(day, new LinkedHashMap<>());
		}
		counts.stream()
			.filter(count -> byDay.containsKey(count.day()))
			.forEach(count -> byDay.get(count.day()).merge(count.value(), count.count(), Long::sum));
		long max = byDay.values()
			.stream()
			.mapToLong(day -> day.values().stream().mapToLong(Long::longValue).sum())
			.max()
			.orElse(0);
		int slot = WIDTH / byDay.size();
		List<Column> columns = new ArrayList<>();
		int x = 0;
		for (Map.Entry<LocalDate, Map<String, Long>> day : byDay.entrySet()) {
			List<Segment> segments = new ArrayList<>();
			int top = TREND_HEIGHT;
			for (int i = 0; i < values.size(); i++) {
				long count = day.getValue().getOrDefault(values.get(i), 0L);
				int height = max == 0 ? 0 : (int) Math.round((double) count / max * TREND_HEIGHT);
				if (count > 0) {
					top -= height;
					segments.add(new Segment(top, height, series(i),
							day.getKey() + ": " + values.get(i) + " " + count));
				}
			}
			columns.add(new Column(day.getKey().format(DateTimeFormatter.ofPattern("MM-dd")), x + 1,
					Math.max(1, slot - 2), x + slot / 2, segments));
			x += slot;
		}
		List<Legend> legend = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			legend.add(new Legend(values.get(i), series(i)));
		}
		return new TrendChart(WIDTH, TREND_HEIGHT + AXIS, columns, legend, max);
	}

	private static String series(int index) {
		return "series-" + index % SERIES_COLOURS;
	}

	record BarChart(int width, int height, int barX, List<Bar> bars) {
	}

	/** @param y the top of the bar's row */
	record Bar(String label, long count, long percent, int y, int x, int width, String css) {

		public int textY() {
			return this.y + 16;
		}

		public int countX() {
			return this.x + this.width + 6;
		}

	}

	/** @param max the highest day's total, the top of the chart */
	record TrendChart(int width, int height, List<Column> columns, List<Legend> legend, long max) {

		public int axisY() {
			return TREND_HEIGHT + AXIS - 5;
		}

		/** Day labels on every column would overlap: about eight are shown. */
		public boolean labelled(int index) {
			int every = Math.max(1, this.columns.size() / 8);
			return index % every == 0;
		}

	}

	/** @param middle where the day's label is centred */
	record Column(String day, int x, int width, int middle, List<Segment> segments) {
	}

	record Segment(int y, int height, String css, String title) {
	}

	record Legend(String value, String css) {
	}

}
