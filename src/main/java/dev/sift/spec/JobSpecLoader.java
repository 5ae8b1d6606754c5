package dev.sift.spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import org.springframework.scheduling.support.CronExpression;

import dev.sift.source.ClosestName;
import dev.sift.spec.ClassifySpec.Example;
import dev.sift.spec.FieldSpec.FieldType;

/**
 * Reads job spec files into {@link JobSpec}s. YAML is read as nodes rather than bound to objects so that every key
 * keeps its line, and every problem of every file is collected before anything is rejected.
 */
final class JobSpecLoader {

	static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

	static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

	static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");

	static final int MAX_LENGTH_LIMIT = 2000;

	/** Replies are bounded in characters; a word limit alone is turned into this many characters a word. */
	static final int CHARACTERS_PER_WORD = 12;

	private static final int DEFAULT_PAGE_SIZE = 500;

	private static final List<String> TOP_KEYS = List.of("name", "description", "source", "task", "task-from",
			"outputs", "schedule", "model");

	private static final List<String> CSV_KEYS = List.of("type", "path", "delimiter", "encoding", "header",
			"columns", "id-column", "text-columns", "extra-columns");

	private static final List<String> POSTGRES_KEYS = List.of("type", "table", "query", "id-column", "text-columns",
			"extra-columns", "updated-at-column", "page-size");

	private static final List<String> SOURCE_TYPES = List.of("csv", "postgres");

	private static final List<String> TASK_TYPES = List.of("classify", "generate");

	private static final List<String> CLASSIFY_KEYS = List.of("type", "instructions", "fields", "examples");

	private static final List<String> GENERATE_KEYS = List.of("type", "instructions", "prompt", "tone",
			"banned-words", "fields");

	private static final List<String> FIELD_KEYS = List.of("name", "type", "description", "labels", "min-items",
			"max-items", "min-length", "max-length", "min-words", "max-words", "minimum", "maximum");

	private static final Map<FieldType, List<String>> FIELD_TYPE_KEYS = Map.of(FieldType.LABEL,
			List.of("name", "type", "description", "labels"), FieldType.LABELS,
			List.of("name", "type", "description", "labels", "min-items", "max-items"), FieldType.TEXT,
			List.of("name", "type", "description", "min-length", "max-length", "min-words", "max-words"),
			FieldType.LIST,
			List.of("name", "type", "description", "min-items", "max-items", "min-length", "max-length", "min-words",
					"max-words"),
			FieldType.NUMBER, List.of("name", "type", "description", "minimum", "maximum"), FieldType.INTEGER,
			List.of("name", "type", "description", "minimum", "maximum"), FieldType.BOOLEAN,
			List.of("name", "type", "description"));

	private static final List<String> FIELD_TYPES = Arrays.stream(FieldType.values())
		.map(FieldType::code)
		.toList();

	private static final List<String> EXAMPLE_KEYS = List.of("text", "output");

	private static final List<String> OUTPUT_KEYS = List.of("csv", "write-back");

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "zone", "catch-up");

	private static final List<String> MODEL_KEYS = List.of("temperature", "max-tokens");

	private JobSpecLoader() {
	}

	/**
	 * Reads every file and resolves {@code task-from} across them.
	 * @throws InvalidJobSpecException listing every problem of every file
	 */
	static List<JobSpec> load(List<Path> files) {
		List<Draft> drafts = files.stream().map(JobSpecLoader::read).toList();
		reportDuplicateNames(drafts);
		Map<String, Draft> byName = new LinkedHashMap<>();
		drafts.stream().filter(draft -> draft.name() != null).forEach(draft -> byName.putIfAbsent(draft.name(), draft));
		List<JobSpec> specs = new ArrayList<>();
		for (Draft draft : drafts) {
			JobSpec spec = resolve(draft, byName);
			if (spec != null) {
				checkAgainstTask(draft.file(), spec);
				specs.add(spec);
			}
		}
		List<SpecProblem> problems = drafts.stream().flatMap(draft -> draft.file().problems().stream()).toList();
		if (!problems.isEmpty()) {
			throw new InvalidJobSpecException(problems);
		}
		return specs;
	}

	/** Reads one file as far as it can; what cannot be read is {@code null} and reported. */
	static Draft read(Path path) {
		SpecFile file = new SpecFile(path);
		Node root;
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			root = new Yaml().compose(reader);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			file.problem(mark == null ? 1 : mark.getLine() + 1, "YAML syntax: "
					+ (ex.getProblem() != null ? ex.getProblem() : ex.getMessage()).strip());
			return Draft.unreadable(file);
		}
		catch (YAMLException | IOException ex) {
			file.problem(1, "cannot read the file: " + ex.getMessage());
			return Draft.unreadable(file);
		}
		if (root == null) {
			file.problem(1, "the file is empty", "a job spec needs at least name, source and task");
			return Draft.unreadable(file);
		}
		if (!(root instanceof MappingNode mapping)) {
			file.problem(YamlMap.lineOf(root), "a job spec is a map of keys such as name, source and task, not "
					+ YamlMap.describe(root));
			return Draft.unreadable(file);
		}
		return new JobSpecLoader.FileReader(file, new YamlMap(file, "", 1, mapping)).read();
	}

	private static void reportDuplicateNames(List<Draft> drafts) {
		Map<String, List<Draft>> byName = new LinkedHashMap<>();
		drafts.stream()
			.filter(draft -> draft.name() != null)
			.forEach(draft -> byName.computeIfAbsent(draft.name(), name -> new ArrayList<>()).add(draft));
		byName.forEach((name, same) -> {
			for (Draft draft : same) {
				List<String> others = same.stream()
					.filter(other -> other != draft)
					.map(other -> other.file().path().toString())
					.toList();
				if (!others.isEmpty()) {
					draft.file().problem(draft.nameLine(), "job name '" + name + "' is also used by "
							+ String.join(", ", others), "job names must be unique");
				}
			}
		});
	}

	private static JobSpec resolve(Draft draft, Map<String, Draft> byName) {
		TaskSpec task = draft.task();
		ModelSpec model = draft.model();
		Map<String, Integer> lines = new LinkedHashMap<>(draft.file().lines());
		if (draft.taskFrom() != null) {
			Draft origin = byName.get(draft.taskFrom());
			int line = lines.get("task-from");
			if (origin == null) {
				draft.file().problem(line, "task-from names no job '" + draft.taskFrom() + "'",
						ClosestName.to(draft.taskFrom(), List.copyOf(byName.keySet()))
							.map(closest -> "did you mean '" + closest + "'?")
							.orElse("jobs: " + String.join(", ", byName.keySet())));
				return null;
			}
			if (origin.taskFrom() != null) {
				draft.file().problem(line, "task-from names '" + origin.name() + "', which takes its own task from '"
						+ origin.taskFrom() + "'", "name the job that defines the task; task-from does not chain");
				return null;
			}
			task = origin.task();
			if (!draft.modelSet()) {
				model = origin.model();
			}
			// Checks of the borrowed task then point at the task-from line.
			lines.put("task", line);
		}
		if (draft.name() == null || draft.source() == null || task == null) {
			return null;
		}
		return new JobSpec(draft.name(), draft.description(), draft.file().path(), draft.source(), task,
				draft.outputs(), draft.schedule(), model, lines);
	}

	/** Checks that need both the source and the task, which task-from may bring from another file. */
	private static void checkAgainstTask(SpecFile file, JobSpec spec) {
		if (spec.task() instanceof GenerateSpec generate) {
			List<String> columns = spec.source().recordColumns();
			Set<String> reported = new HashSet<>();
			Matcher placeholder = PLACEHOLDER.matcher(generate.prompt());
			while (placeholder.find()) {
				String column = placeholder.group(1);
				if (!columns.contains(column) && reported.add(column)) {
					file.problem(spec.lineOf("task.prompt"), "the prompt's placeholder {" + column
							+ "} is not a column of the source's records", ClosestName.to(column, columns)
								.map(closest -> "did you mean {" + closest + "}?")
								.orElse("add '" + column + "' to source.extra-columns; columns: "
										+ String.join(", ", columns)));
				}
			}
		}
		Map<String, String> writeBack = spec.outputs().writeBack();
		if (writeBack.isEmpty()) {
			return;
		}
		int line = spec.lineOf("outputs.write-back");
		if (spec.task() instanceof GenerateSpec) {
			file.problem(line, "write-back is not allowed for generate tasks: drafts are never written back before "
					+ "approval", "remove outputs.write-back");
			return;
		}
		if (!(spec.source() instanceof PostgresSourceSpec postgres) || postgres.table() == null) {
			file.problem(line, "write-back needs a postgres source with a 'table' to write to",
					"remove outputs.write-back, or read from a postgres table");
			return;
		}
		List<String> fields = spec.task().fields().stream().map(FieldSpec::name).toList();
		writeBack.keySet().stream().filter(field -> !fields.contains(field)).forEach(field -> file.problem(
				spec.lineOf("outputs.write-back." + field), "write-back names no field '" + field + "' of the task",
				suggestion(field, fields, "fields")));
	}

	static String suggestion(String wanted, List<String> candidates, String what) {
		return ClosestName.to(wanted, candidates)
			.map(closest -> "did you mean '" + closest + "'?")
			.orElse(what + ": " + String.join(", ", candidates));
	}

	/**
	 * One file as read, before {@code task-from} is resolved.
	 * @param task the file's own task, {@code null} with task-from or when invalid
	 * @param modelSet whether the file sets {@code model}, which then wins over the model of a task-from job
	 */
	record Draft(SpecFile file, String name, int nameLine, String description, SourceSpec source, TaskSpec task,
			String taskFrom, OutputSpec outputs, ScheduleSpec schedule, ModelSpec model, boolean modelSet) {

		static Draft unreadable(SpecFile file) {
			return new Draft(file, null, 1, null, null, null, null, null, null, null, false);
		}

	}

	/** Reads the sections of one file. */
	private static final class FileReader {

		private final SpecFile file;

		private final YamlMap root;

		FileReader(SpecFile file, YamlMap root) {
			this.file = file;
			this.root = root;
		}

		Draft read() {
			this.root.allowOnly(TOP_KEYS);
			String name = name();
			String description = this.root.string("description");
			SourceSpec source = this.root.has("source") ? source(this.root.map("source")) : missing("source");
			TaskSpec task = null;
			String taskFrom = null;
			if (this.root.has("task") && this.root.has("task-from")) {
				this.file.problem(this.root.line("task-from"), "'task' and 'task-from' together",
						"keep 'task' to define the task here, or 'task-from' to use another job's task");
			}
			else if (this.root.has("task-from")) {
				taskFrom = this.root.requiredString("task-from");
			}
			else if (this.root.has("task")) {
				YamlMap taskMap = this.root.map("task");
				task = taskMap == null ? null : task(taskMap);
			}
			else {
				this.file.problem(1, "missing key 'task'", "define 'task', or use 'task-from: <job>' to reuse the "
						+ "task of another job");
			}
			YamlMap outputs = this.root.map("outputs");
			YamlMap schedule = this.root.map("schedule");
			YamlMap model = this.root.map("model");
			return new Draft(this.file, name, this.root.line("name"), description, source, task, taskFrom,
					outputs == null ? OutputSpec.NONE : outputs(outputs), schedule == null ? null : schedule(schedule),
					model == null ? ModelSpec.DEFAULTS : model(model), this.root.has("model"));
		}

		private <T> T missing(String key) {
			this.root.missing(key);
			return null;
		}

		private String name() {
			String name = this.root.requiredString("name");
			if (name != null && !JOB_NAME.matcher(name).matches()) {
				this.file.problem(this.root.line("name"), "job name '" + name + "' is not valid",
						"use 1 to 60 lowercase letters, digits and '-', starting with a letter or digit, e.g. '"
								+ name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "'");
				return null;
			}
			return name;
		}

		private SourceSpec source(YamlMap source) {
			if (source == null) {
				return null;
			}
			String type = enumValue(source, "type", SOURCE_TYPES, "source type");
			if (type == null) {
				List<String> keys = new ArrayList<>(CSV_KEYS);
				POSTGRES_KEYS.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
				source.allowOnly(keys);
				return null;
			}
			return type.equals("csv") ? csv(source) : postgres(source);
		}

		private CsvSourceSpec csv(YamlMap source) {
			int before = this.file.problemCount();
			source.allowOnly(CSV_KEYS);
			String path = source.requiredString("path");
			char delimiter = delimiter(source);
			Charset encoding = encoding(source);
			Boolean header = source.bool("header");
			List<String> columns = source.strings("columns");
			if (Boolean.FALSE.equals(header) && (columns == null || columns.isEmpty()) && !source.has("columns")) {
				this.file.problem(source.line("header"), "a file without a header row needs 'columns'",
						"name the file's columns in order, e.g. columns: [id, text]");
			}
			if (!Boolean.FALSE.equals(header) && source.has("columns")) {
				this.file.problem(source.line("columns"), "'columns' is only for files without a header row",
						"remove 'columns', or set 'header: false'");
			}
			String idColumn = source.has("id-column") ? source.string("id-column") : "";
			List<String> textColumns = textColumns(source);
			List<String> extraColumns = source.strings("extra-columns");
			if (Boolean.FALSE.equals(header) && columns != null) {
				if (idColumn != null && !idColumn.isEmpty()) {
					checkNamed(source, "id-column", idColumn, columns);
				}
				if (textColumns != null) {
					textColumns.forEach(column -> checkNamed(source, "text-columns", column, columns));
				}
				if (extraColumns != null) {
					extraColumns.forEach(column -> checkNamed(source, "extra-columns", column, columns));
				}
			}
			if (this.file.problemCount() > before) {
				return null;
			}
			return new CsvSourceSpec(path, delimiter, encoding, header == null || header,
					columns == null ? List.of() : columns, idColumn, textColumns,
					extraColumns == null ? List.of() : extraColumns);
		}

		private void checkNamed(YamlMap source, String key, String column, List<String> columns) {
			if (!columns.contains(column)) {
				this.file.problem(source.line(key), "'" + column + "' is not one of the file's 'columns'",
						suggestion(column, columns, "columns"));
			}
		}

		private char delimiter(YamlMap source) {
			String value = source.string("delimiter");
			if (value == null) {
				return ',';
			}
			if (value.equals("tab") || value.equals("\\t")) {
				return '\t';
			}
			if (value.length() != 1 || "\"\r\n".contains(value)) {
				this.file.problem(source.line("delimiter"), "delimiter '" + value + "' is not usable",
						"one character other than a quote or line break, or 'tab'");
				return ',';
			}
			return value.charAt(0);
		}

		private Charset encoding(YamlMap source) {
			String value = source.string("encoding");
			if (value == null) {
				return StandardCharsets.UTF_8;
			}
			try {
				return Charset.forName(value.strip());
			}
			catch (IllegalArgumentException ex) {
				this.file.problem(source.line("encoding"), "unknown encoding '" + value + "'",
						"e.g. UTF-8, ISO-8859-1 or windows-1252");
				return StandardCharsets.UTF_8;
			}
		}

		private List<String> textColumns(YamlMap source) {
			if (!source.has("text-columns")) {
				source.missing("text-columns");
				return null;
			}
			List<String> columns = source.strings("text-columns");
			if (columns != null && columns.isEmpty()) {
				this.file.problem(source.line("text-columns"), "'" + source.path("text-columns") + "' is empty",
						"name the column(s) holding the text, e.g. [text]");
				return null;
			}
			return columns;
		}

		private PostgresSourceSpec postgres(YamlMap source) {
			int before = this.file.problemCount();
			source.allowOnly(POSTGRES_KEYS);
			String table = source.optionalString("table");
			String query = source.optionalString("query");
			if (source.has("table") && source.has("query")) {
				this.file.problem(source.line("query"), "a postgres source reads a 'table' or a 'query', not both",
						"remove one of them");
			}
			else if (!source.has("table") && !source.has("query")) {
				this.file.problem(source.line(), "missing key 'table' (or 'query') in 'source'",
						"name a table, or give a read-only SELECT as query");
			}
			if (query != null) {
				String trimmed = query.strip().toUpperCase(Locale.ROOT);
				if (!trimmed.matches("(?s)(SELECT|WITH)\\b.*")) {
					this.file.problem(source.line("query"), "the query must start with SELECT or WITH",
							"give a single read-only SELECT");
				}
				if (query.contains(";")) {
					this.file.problem(source.line("query"), "the query must not contain ';'",
							"give a single statement without a trailing ';'");
				}
			}
			String idColumn = source.requiredString("id-column");
			List<String> textColumns = textColumns(source);
			List<String> extraColumns = source.strings("extra-columns");
			String updatedAt = source.optionalString("updated-at-column");
			Integer pageSize = source.integer("page-size");
			if (pageSize != null && pageSize < 1) {
				this.file.problem(source.line("page-size"), "page-size must be at least 1, not " + pageSize);
			}
			if (this.file.problemCount() > before) {
				return null;
			}
			return new PostgresSourceSpec(table, query == null ? null : query.strip(), idColumn, textColumns,
					extraColumns == null ? List.of() : extraColumns, updatedAt,
					pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
		}

		private TaskSpec task(YamlMap task) {
			String type = enumValue(task, "type", TASK_TYPES, "task type");
			if (type == null) {
				List<String> keys = new ArrayList<>(CLASSIFY_KEYS);
				GENERATE_KEYS.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
				task.allowOnly(keys);
				return null;
			}
			int before = this.file.problemCount();
			boolean classify = type.equals("classify");
			task.allowOnly(classify ? CLASSIFY_KEYS : GENERATE_KEYS);
			String instructions = task.requiredString("instructions");
			List<FieldSpec> fields = fields(task);
			if (classify) {
				List<Example> examples = fields == null ? null : examples(task, fields);
				return this.file.problemCount() > before ? null : new ClassifySpec(instructions, fields, examples);
			}
			String prompt = task.requiredString("prompt");
			String tone = task.string("tone");
			List<String> bannedWords = task.strings("banned-words");
			return this.file.problemCount() > before ? null
					: new GenerateSpec(instructions, prompt, tone, bannedWords == null ? List.of() : bannedWords,
							fields);
		}

		private List<FieldSpec> fields(YamlMap task) {
			if (!task.has("fields")) {
				task.missing("fields");
				return null;
			}
			List<YamlMap> items = task.maps("fields");
			if (items == null) {
				return null;
			}
			if (items.isEmpty()) {
				this.file.problem(task.line("fields"), "'" + task.path("fields") + "' is empty",
						"a task needs at least one field");
				return null;
			}
			int before = this.file.problemCount();
			Map<String, Integer> names = new LinkedHashMap<>();
			List<FieldSpec> fields = new ArrayList<>();
			for (YamlMap item : items) {
				FieldSpec field = field(item);
				if (field == null) {
					continue;
				}
				Integer first = names.putIfAbsent(field.name(), item.line("name"));
				if (first != null) {
					this.file.problem(item.line("name"), "duplicate field name '" + field.name() + "'",
							"the first is on line " + first);
				}
				fields.add(field);
			}
			return this.file.problemCount() > before ? null : fields;
		}

		private FieldSpec field(YamlMap field) {
			int before = this.file.problemCount();
			String name = field.requiredString("name");
			if (name != null && !FIELD_NAME.matcher(name).matches()) {
				this.file.problem(field.line("name"), "field name '" + name + "' is not valid",
						"use a lowercase letter, then up to 39 lowercase letters, digits or '_'");
			}
			String typeCode = enumValue(field, "type", FIELD_TYPES, "field type");
			if (typeCode == null) {
				field.allowOnly(FIELD_KEYS);
				return null;
			}
			FieldType type = FieldType.valueOf(typeCode.toUpperCase(Locale.ROOT));
			List<String> typeKeys = FIELD_TYPE_KEYS.get(type);
			for (String key : field.keys()) {
				if (!FIELD_KEYS.contains(key)) {
					field.unknownKey(key, FIELD_KEYS);
				}
				else if (!typeKeys.contains(key)) {
					this.file.problem(field.line(key), "'" + key + "' does not apply to " + typeCode + " fields",
							"keys of " + typeCode + " fields: " + String.join(", ", typeKeys));
				}
			}
			if (this.file.problemCount() > before) {
				return null;
			}
			String description = field.string("description");
			return switch (type) {
				case LABEL -> {
					Map<String, String> labels = labels(field);
					yield labels == null ? null : new FieldSpec(name, type, description, labels, 0, 0, 0, 0, null,
							null, null, null);
				}
				case LABELS -> labelsField(field, name, description);
				case TEXT -> textField(field, name, type, description, 0, 0);
				case LIST -> listField(field, name, description);
				case NUMBER, INTEGER -> numberField(field, name, type, description);
				case BOOLEAN -> new FieldSpec(name, type, description, Map.of(), 0, 0, 0, 0, null, null, null, null);
			};
		}

		private Map<String, String> labels(YamlMap field) {
			if (!field.has("labels")) {
				this.file.problem(field.line(), "missing key 'labels' in '" + field.path() + "'",
						"give each label with what it means, e.g. labels: {positive: happy, negative: unhappy}");
				return null;
			}
			YamlMap labels = field.map("labels");
			if (labels == null) {
				return null;
			}
			if (labels.keys().isEmpty()) {
				this.file.problem(field.line("labels"), "'" + labels.path() + "' is empty", "give at least one label");
				return null;
			}
			int before = this.file.problemCount();
			Map<String, String> result = new LinkedHashMap<>();
			Map<String, String> lowerCase = new LinkedHashMap<>();
			for (String label : labels.keys()) {
				if (!LABEL_NAME.matcher(label).matches()) {
					this.file.problem(labels.line(label), "label '" + label + "' is not valid",
							"use a letter or digit, then up to 39 letters, digits, '_' or '-'");
				}
				String same = lowerCase.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
				if (same != null) {
					this.file.problem(labels.line(label), "label '" + label + "' duplicates '" + same + "'",
							"labels must differ in more than letter case");
				}
				String meaning = labels.string(label);
				result.put(label, meaning == null ? "" : meaning);
			}
			return this.file.problemCount() > before ? null : result;
		}

		private FieldSpec labelsField(YamlMap field, String name, String description) {
			Map<String, String> labels = labels(field);
			if (labels == null) {
				return null;
			}
			int before = this.file.problemCount();
			Integer minItems = field.integer("min-items");
			Integer maxItems = field.integer("max-items");
			int min = minItems == null ? 1 : minItems;
			int max = maxItems == null ? Math.min(3, labels.size()) : maxItems;
			checkItems(field, min, max);
			if (max > labels.size()) {
				this.file.problem(field.line("max-items"), "max-items " + max + " is more than the " + labels.size()
						+ " labels", "set max-items to at most " + labels.size());
			}
			return this.file.problemCount() > before ? null
					: new FieldSpec(name, FieldType.LABELS, description, labels, min, max, 0, 0, null, null, null,
							null);
		}

		private void checkItems(YamlMap field, int min, int max) {
			if (min < 0) {
				this.file.problem(field.line("min-items"), "min-items must not be negative, not " + min);
			}
			if (max < 1) {
				this.file.problem(field.line("max-items"), "max-items must be at least 1, not " + max);
			}
			else if (min > max) {
				this.file.problem(field.line("min-items"), "min-items " + min + " is more than max-items " + max,
						"no reply could satisfy both");
			}
		}

		private FieldSpec listField(YamlMap field, String name, String description) {
			int before = this.file.problemCount();
			Integer minItems = field.integer("min-items");
			Integer maxItems = field.integer("max-items");
			if (maxItems == null && !field.has("max-items")) {
				this.file.problem(field.line(), "a list field needs 'max-items'",
						"bound the number of items, e.g. max-items: 5");
			}
			if (maxItems != null) {
				checkItems(field, minItems == null ? 0 : minItems, maxItems);
			}
			if (this.file.problemCount() > before) {
				return null;
			}
			return textField(field, name, FieldType.LIST, description, minItems == null ? 0 : minItems, maxItems);
		}

		private FieldSpec textField(YamlMap field, String name, FieldType type, String description, int minItems,
				int maxItems) {
			int before = this.file.problemCount();
			Integer minLength = field.integer("min-length");
			Integer maxLength = field.integer("max-length");
			Integer minWords = field.integer("min-words");
			Integer maxWords = field.integer("max-words");
			if (this.file.problemCount() > before) {
				return null;
			}
			if (maxLength == null && maxWords == null) {
				this.file.problem(field.line(), "a " + type.code() + " field needs 'max-length' or 'max-words'",
						"bound every text, e.g. max-length: 200");
				return null;
			}
			if (maxLength != null && (maxLength < 1 || maxLength > MAX_LENGTH_LIMIT)) {
				this.file.problem(field.line("max-length"), "max-length must be 1 to " + MAX_LENGTH_LIMIT + ", not "
						+ maxLength);
			}
			if (minLength != null && minLength < 0) {
				this.file.problem(field.line("min-length"), "min-length must not be negative, not " + minLength);
			}
			if (minWords != null && minWords < 0) {
				this.file.problem(field.line("min-words"), "min-words must not be negative, not " + minWords);
			}
			if (maxWords != null && maxWords < 1) {
				this.file.problem(field.line("max-words"), "max-words must be at least 1, not " + maxWords);
			}
			if (minWords != null && maxWords != null && minWords > maxWords) {
				this.file.problem(field.line("min-words"), "min-words " + minWords + " is more than max-words "
						+ maxWords, "no reply could satisfy both");
			}
			int length = maxLength != null ? maxLength : maxWords * CHARACTERS_PER_WORD;
			if (maxLength == null && length > MAX_LENGTH_LIMIT) {
				this.file.problem(field.line("max-words"), "max-words " + maxWords + " allows " + length
						+ " characters (" + CHARACTERS_PER_WORD + " a word), more than " + MAX_LENGTH_LIMIT,
						"lower max-words, or set max-length");
			}
			if (minLength != null && minLength > length) {
				this.file.problem(field.line("min-length"), "min-length " + minLength + " is more than the maximum "
						+ "length " + length, "no reply could satisfy both");
			}
			return this.file.problemCount() > before ? null
					: new FieldSpec(name, type, description, Map.of(), minItems, maxItems,
							minLength == null ? 0 : minLength, length, minWords, maxWords, null, null);
		}

		private FieldSpec numberField(YamlMap field, String name, FieldType type, String description) {
			int before = this.file.problemCount();
			Double minimum = field.number("minimum");
			Double maximum = field.number("maximum");
			if (minimum != null && maximum != null && minimum > maximum) {
				this.file.problem(field.line("minimum"), "minimum " + format(minimum) + " is more than maximum "
						+ format(maximum), "no reply could satisfy both");
			}
			return this.file.problemCount() > before ? null
					: new FieldSpec(name, type, description, Map.of(), 0, 0, 0, 0, null, null, minimum, maximum);
		}

		private List<Example> examples(YamlMap task, List<FieldSpec> fields) {
			List<YamlMap> items = task.maps("examples");
			if (items == null) {
				return List.of();
			}
			List<String> names = fields.stream().map(FieldSpec::name).toList();
			List<Example> examples = new ArrayList<>();
			for (YamlMap item : items) {
				int before = this.file.problemCount();
				item.allowOnly(EXAMPLE_KEYS);
				String text = item.requiredString("text");
				YamlMap output = item.has("output") ? item.map("output") : missingIn(item, "output");
				if (output == null) {
					continue;
				}
				output.allowOnly(names);
				Map<String, Object> values = new LinkedHashMap<>();
				for (FieldSpec field : fields) {
					Node node = output.node(field.name());
					if (node == null) {
						this.file.problem(output.line(field.name()), "the example's output lacks field '"
								+ field.name() + "'", "a worked example shows a whole reply");
						continue;
					}
					Object value = new ExampleValue(this.file, field, output.path(field.name()),
							output.line(field.name())).read(node);
					if (value != null) {
						values.put(field.name(), value);
					}
				}
				if (this.file.problemCount() == before) {
					examples.add(new Example(text, values));
				}
			}
			return examples;
		}

		private <T> T missingIn(YamlMap map, String key) {
			map.missing(key);
			return null;
		}

		private OutputSpec outputs(YamlMap outputs) {
			int before = this.file.problemCount();
			outputs.allowOnly(OUTPUT_KEYS);
			String csv = outputs.optionalString("csv");
			Map<String, String> writeBack = new LinkedHashMap<>();
			YamlMap columns = outputs.map("write-back");
			if (columns != null) {
				for (String field : columns.keys()) {
					if (!columns.has(field)) {
						columns.missing(field);
						continue;
					}
					String column = columns.requiredString(field);
					if (column != null) {
						writeBack.put(field, column);
					}
				}
			}
			return this.file.problemCount() > before ? OutputSpec.NONE : new OutputSpec(csv, writeBack);
		}

		private ScheduleSpec schedule(YamlMap schedule) {
			int before = this.file.problemCount();
			schedule.allowOnly(SCHEDULE_KEYS);
			String cron = schedule.requiredString("cron");
			if (cron != null) {
				try {
					CronExpression.parse(cron);
				}
				catch (IllegalArgumentException ex) {
					this.file.problem(schedule.line("cron"), "cron '" + cron + "' is not valid: " + ex.getMessage(),
							"six fields: second minute hour day month weekday, e.g. \"0 0 2 * * *\"");
				}
			}
			ZoneId zone = ZoneId.of("UTC");
			String zoneId = schedule.optionalString("zone");
			if (zoneId != null) {
				try {
					zone = ZoneId.of(zoneId);
				}
				catch (DateTimeException ex) {
					this.file.problem(schedule.line("zone"), "unknown time zone '" + zoneId + "'",
							ClosestName.to(zoneId, List.copyOf(ZoneId.getAvailableZoneIds()))
								.map(closest -> "did you mean '" + closest + "'?")
								.orElse("e.g. UTC or Europe/Berlin"));
				}
			}
			Boolean catchUp = schedule.bool("catch-up");
			return this.file.problemCount() > before ? null
					: new ScheduleSpec(cron, zone, catchUp != null && catchUp);
		}

		private ModelSpec model(YamlMap model) {
			int before = this.file.problemCount();
			model.allowOnly(MODEL_KEYS);
			Double temperature = model.number("temperature");
			if (temperature != null && (temperature < 0 || temperature > 2)) {
				this.file.problem(model.line("temperature"), "temperature must be 0 to 2, not " + format(temperature));
			}
			Integer maxTokens = model.integer("max-tokens");
			if (maxTokens != null && (maxTokens < 1 || maxTokens > 4096)) {
				this.file.problem(model.line("max-tokens"), "max-tokens must be 1 to 4096, not " + maxTokens);
			}
			return this.file.problemCount() > before ? ModelSpec.DEFAULTS : new ModelSpec(temperature, maxTokens);
		}

		/** A required value out of a fixed set, reported with the closest value when it is none of them. */
		private String enumValue(YamlMap map, String key, List<String> allowed, String what) {
			String value = map.requiredString(key);
			if (value == null) {
				return null;
			}
			if (!allowed.contains(value)) {
				this.file.problem(map.line(key), "unknown " + what + " '" + value + "'",
						suggestion(value, allowed, "one of"));
				return null;
			}
			return value;
		}

	}

	static String format(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

	/** A value of a worked example's output, checked against its field as a reply would be. */
	private record ExampleValue(SpecFile file, FieldSpec field, String path, int line) {

		Object read(Node node) {
			return switch (this.field.type()) {
				case LABEL -> label(node);
				case LABELS -> {
					List<String> labels = items(node, "a list of labels");
					yield labels == null || !labels.stream().allMatch(label -> isLabel(label)) || !itemCount(labels)
							? null : labels;
				}
				case TEXT -> {
					if (!(node instanceof ScalarNode scalar) || YamlMap.isNull(node)) {
						yield wrong(node, "a text");
					}
					yield fits(scalar.getValue()) ? scalar.getValue() : null;
				}
				case LIST -> {
					List<String> texts = items(node, "a list of texts");
					yield texts == null || !itemCount(texts) || !texts.stream().allMatch(this::fits) ? null : texts;
				}
				case NUMBER, INTEGER -> number(node);
				case BOOLEAN -> {
					Boolean value = YamlMap.bool(node);
					yield value != null ? value : wrong(node, "true or false");
				}
			};
		}

		private Object label(Node node) {
			if (!(node instanceof ScalarNode scalar) || YamlMap.isNull(node)) {
				return wrong(node, "one label");
			}
			return isLabel(scalar.getValue()) ? scalar.getValue() : null;
		}

		private boolean isLabel(String value) {
			if (this.field.labels().containsKey(value)) {
				return true;
			}
			this.file.problem(this.line, "'" + value + "' is not a label of field '" + this.field.name() + "'",
					suggestion(value, List.copyOf(this.field.labels().keySet()), "labels"));
			return false;
		}

		private List<String> items(Node node, String expected) {
			if (!(node instanceof SequenceNode sequence)) {
				return wrong(node, expected);
			}
			List<String> values = new ArrayList<>();
			for (Node item : sequence.getValue()) {
				if (!(item instanceof ScalarNode scalar) || YamlMap.isNull(item)) {
					return wrong(node, expected);
				}
				values.add(scalar.getValue());
			}
			if (new HashSet<>(values).size() < values.size()) {
				this.file.problem(this.line, "'" + this.path + "' repeats an item");
				return null;
			}
			return values;
		}

		private boolean itemCount(List<String> values) {
			if (values.size() < this.field.minItems() || values.size() > this.field.maxItems()) {
				this.file.problem(this.line, "'" + this.path + "' has " + values.size() + " items; field '"
						+ this.field.name() + "' allows " + this.field.minItems() + " to " + this.field.maxItems());
				return false;
			}
			return true;
		}

		private boolean fits(String text) {
			int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
			String broken = null;
			if (text.length() > this.field.maxLength() || text.length() < this.field.minLength()) {
				broken = text.length() + " characters; field '" + this.field.name() + "' allows "
						+ this.field.minLength() + " to " + this.field.maxLength();
			}
			else if ((this.field.maxWords() != null && words > this.field.maxWords())
					|| (this.field.minWords() != null && words < this.field.minWords())) {
				broken = words + " words; field '" + this.field.name() + "' allows "
						+ (this.field.minWords() == null ? 0 : this.field.minWords()) + " to "
						+ (this.field.maxWords() == null ? "any number" : this.field.maxWords());
			}
			if (broken != null) {
				this.file.problem(this.line, "'" + this.path + "' has " + broken);
				return false;
			}
			return true;
		}

		private Object number(Node node) {
			Double value = YamlMap.number(node);
			boolean integer = this.field.type() == FieldType.INTEGER;
			if (value == null || (integer && value != Math.rint(value))) {
				return wrong(node, integer ? "a whole number" : "a number");
			}
			if ((this.field.minimum() != null && value < this.field.minimum())
					|| (this.field.maximum() != null && value > this.field.maximum())) {
				this.file.problem(this.line, "'" + this.path + "' is " + format(value) + ", outside the field's "
						+ "range " + (this.field.minimum() == null ? "" : format(this.field.minimum())) + ".."
						+ (this.field.maximum() == null ? "" : format(this.field.maximum())));
				return null;
			}
			return integer ? (Object) value.longValue() : value;
		}

		private <T> T wrong(Node node, String expected) {
			this.file.problem(this.line, "'" + this.path + "' must be " + expected + ", not "
					+ YamlMap.describe(node));
			return null;
		}

	}

}
