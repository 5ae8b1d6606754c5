package dev.sift.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

import dev.sift.cli.Command;
import dev.sift.cli.UsageException;

/**
 * {@code load-samples [NAME...]}: runs the sample scripts {@code sql/samples/NAME.sql} (all of them, in name order,
 * when none is named) against the application's database, each in a transaction of its own, and prints the row count
 * of every table a script creates. The scripts drop and recreate their tables, so loading again starts afresh.
 */
@Component
@EnableConfigurationProperties(SamplesProperties.class)
public class LoadSamplesCommand implements Command {

	private static final String SUFFIX = ".sql";

	/** Tables are counted by what the scripts create, so a new sample file needs no code. */
	private static final Pattern CREATE_TABLE = Pattern.compile(
			"(?im)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");

	private final DataSource dataSource;

	private final SamplesProperties samples;

	public LoadSamplesCommand(DataSource dataSource, SamplesProperties samples) {
		this.dataSource = dataSource;
		this.samples = samples;
	}

	@Override
	public String name() {
		return "load-samples";
	}

	@Override
	public String usage() {
		return "[NAME...]: create the sample tables from " + this.samples.dir() + "/NAME.sql, all when none is named";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		Map<String, Path> available = availableSamples();
		for (String name : chosen(arguments, available)) {
			for (TableCount loaded : load(available.get(name))) {
				System.out.printf("%s: %d %s in table %s%n", name, loaded.rows(), loaded.rows() == 1 ? "row" : "rows",
						loaded.table());
			}
		}
		return 0;
	}

	private Map<String, Path> availableSamples() throws IOException {
		Path dir = this.samples.dir();
		if (!Files.isDirectory(dir)) {
			throw new UsageException("No sample directory " + dir.toAbsolutePath()
					+ "; run Sift from the project directory or set sift.samples.dir");
		}
		Map<String, Path> available = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			files.filter(file -> file.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(file))
				.forEach(file -> {
					String fileName = file.getFileName().toString();
					available.put(fileName.substring(0, fileName.length() - SUFFIX.length()), file);
				});
		}
		if (available.isEmpty()) {
			throw new UsageException("No *.sql files in " + dir.toAbsolutePath());
		}
		return available;
	}

	/** Every unknown name is reported at once, together with the names there are. */
	private static Set<String> chosen(List<String> arguments, Map<String, Path> available) {
		if (arguments.isEmpty()) {
			return available.keySet();
		}
		Set<String> names = new LinkedHashSet<>();
		for (String argument : arguments) {
			// Tab completion in a shell offers the file name, so accept it too.
			names.add(argument.endsWith(SUFFIX) ? argument.substring(0, argument.length() - SUFFIX.length())
					: argument);
		}
		List<String> unknown = names.stream().filter(name -> !available.containsKey(name)).toList();
		if (!unknown.isEmpty()) {
			throw new UsageException("Unknown sample " + String.join(", ", quoted(unknown))
					+ "; available: " + String.join(", ", available.keySet()));
		}
		return names;
	}

	/** One transaction per script: a failing script leaves its tables as they were. */
	private List<TableCount> load(Path script) throws SQLException {
		FileSystemResource resource = new FileSystemResource(script);
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				ScriptUtils.executeSqlScript(connection, new EncodedResource(resource, StandardCharsets.UTF_8));
				List<TableCount> counts = countRows(connection, createdTables(script));
				connection.commit();
				return counts;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	private static List<String> createdTables(Path script) {
		String sql;
		try {
			sql = Files.readString(script, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + script, ex);
		}
		List<String> tables = new ArrayList<>();
		Matcher matcher = CREATE_TABLE.matcher(sql);
		while (matcher.find()) {
			tables.add(matcher.group(1));
		}
		return tables;
	}

	/** The names come from the script just run, which already executed them as SQL. */
	private static List<TableCount> countRows(Connection connection, List<String> tables) throws SQLException {
		List<TableCount> counts = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (String table : tables) {
				try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
					count.next();
					counts.add(new TableCount(table, count.getLong(1)));
				}
			}
		}
		return counts;
	}

	private static List<String> quoted(List<String> names) {
		return names.stream().map(name -> "'" + name + "'").toList();
	}

	private record TableCount(String table, long rows) {
	}

}
