package db.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.sift.source.SourceNames;

/**
 * Migration 8: results stored before sources were named by their real path are renamed to it, so a file given once as
 * {@code jobs/x.csv} and once as {@code /home/you/sift/jobs/x.csv} is one source from now on. A name is rewritten
 * only when the file exists from the working directory of the Sift that migrates; where both names hold a result of
 * the same job, record and prompt version, the more recently stored one is kept. Flyway finds it in
 * {@code db/migration}, beside the SQL migrations of {@code sql/}, which the build copies there.
 */
public class V8__Canonical_source_names extends BaseJavaMigration {

	private static final String DROP_OLDER = """
			DELETE FROM classification_result older USING classification_result newer
			WHERE older.source = ? AND newer.source = ? AND older.job_name = newer.job_name
			    AND older.record_id = newer.record_id AND older.prompt_version = newer.prompt_version
			    AND (older.updated_at, older.id) < (newer.updated_at, newer.id)
			""";

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		for (String source : fileSources(connection)) {
			String canonical = SourceNames.canonical(source);
			if (canonical.equals(source) || !Files.exists(Path.of(canonical))) {
				continue;
			}
			update(connection, DROP_OLDER, source, canonical);
			update(connection, DROP_OLDER, canonical, source);
			update(connection, "UPDATE classification_result SET source = ? WHERE source = ?", canonical, source);
		}
	}

	private static List<String> fileSources(Connection connection) throws Exception {
		List<String> sources = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT DISTINCT source FROM classification_result WHERE source NOT LIKE 'postgres:%'");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				sources.add(rows.getString(1));
			}
		}
		return sources;
	}

	private static void update(Connection connection, String sql, String first, String second) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, first);
			statement.setString(2, second);
			statement.executeUpdate();
		}
	}

}
