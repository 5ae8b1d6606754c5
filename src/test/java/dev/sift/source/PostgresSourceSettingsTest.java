package dev.sift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PostgresSourceSettingsTest {

	@Test
	void aTableIsNamedByItsName() {
		assertThat(table("public.feedback").sourceName()).isEqualTo("postgres:public.feedback");
	}

	@Test
	void aQueryIsNamedByTheStartOfItsSha256() {
		// echo -n 'SELECT id, text FROM feedback' | sha256sum
		assertThat(query("SELECT id, text FROM feedback").sourceName()).isEqualTo("postgres:query:58284f72c222");
		assertThat(query("select id, text from feedback").sourceName())
			.isNotEqualTo(query("SELECT id, text FROM feedback").sourceName());
	}

	@Test
	void queriesStartingWithSelectOrWithInAnyCaseAreAccepted() {
		assertThat(query("  with recent AS (SELECT * FROM feedback) SELECT id, text FROM recent").isQuery()).isTrue();
		assertThat(query("\nselect id, text from feedback").isQuery()).isTrue();
	}

	@Test
	void aQueryWithASemicolonIsRefusedBecauseItWouldBeTwoStatements() {
		assertThatThrownBy(() -> query("SELECT id, text FROM feedback; DELETE FROM feedback"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("single statement without ';'");
		assertThatThrownBy(() -> query("SELECT id, text FROM feedback;")).hasMessageContaining("without ';'");
	}

	@Test
	void aQueryThatIsNoSelectIsRefused() {
		assertThatThrownBy(() -> query("delete from feedback returning id, text"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("a postgres source query must start with SELECT or WITH, not 'DELETE'");
		assertThatThrownBy(() -> query("SELECTION")).hasMessageContaining("not 'SELECTION'");
	}

	@Test
	void exactlyOneOfTableAndQueryIsNeeded() {
		assertThatThrownBy(() -> new PostgresSourceSettings(null, null, "id", List.of("text"), List.of(), null, 10))
			.hasMessage("a postgres source needs either a table or a query, not neither");
		assertThatThrownBy(() -> new PostgresSourceSettings("feedback", "SELECT 1", "id", List.of("text"), List.of(),
				null, 10))
			.hasMessage("a postgres source needs either a table or a query, not both");
	}

	private static PostgresSourceSettings table(String table) {
		return new PostgresSourceSettings(table, "id", List.of("text"), List.of(), 10);
	}

	private static PostgresSourceSettings query(String query) {
		return new PostgresSourceSettings(null, query, "id", List.of("text"), List.of(), null, 10);
	}

}
