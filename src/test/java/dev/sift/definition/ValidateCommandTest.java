package dev.sift.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ValidateCommandTest {

	@TempDir
	Path dir;

	@Test
	void printsOkForEachJobWhoseDataFitsAndExitsWithZero(CapturedOutput output) throws IOException {
		Path data = Files.writeString(this.dir.resolve("data.csv"), "id,text\n1,fine\n");
		Path spec = write("good.yml", "good", data.toString());

		assertThat(command().run(List.of())).isZero();
		assertThat(output.getOut()).isEqualTo("OK  good  (" + spec + ")\n    " + data + ": 1 record\n");
	}

	@Test
	void readsTheWholeFileAndListsTheRecordsARunWouldStoreAsFailedWithoutFailing(CapturedOutput output)
			throws IOException {
		Path data = Files.writeString(this.dir.resolve("data.csv"),
				"id,text\n1,fine\n2,\n1,again\n3,too,many\n4,\"quoted, fine\"\n2,again\n");
		Path spec = write("good.yml", "good", data.toString(), "  id-column: id\n");

		assertThat(command().run(List.of())).isZero();
		assertThat(output.getOut()).isEqualTo("OK  good  (" + spec + ")\n"
				+ "    " + data + ": 6 records; 4 would be stored as failed: 1 with the wrong number of fields, "
				+ "2 with a duplicate id ('1' on lines 2 and 4, '2' on lines 3 and 7), 1 with an empty text\n"
				+ "      " + data + " line 3: empty text\n"
				+ "      " + data + " line 4: duplicate id '1', first seen on line 2\n"
				+ "      " + data + " line 5: expected 2 fields, found 3\n"
				+ "      " + data + " line 7: duplicate id '2', first seen on line 3\n");
	}

	@Test
	void onlyTheFirstProblemRecordsAreListed(CapturedOutput output) throws IOException {
		Path data = Files.writeString(this.dir.resolve("data.csv"), "id,text\n" + "x,\n".repeat(8));
		write("good.yml", "good", data.toString(), "  id-column: id\n");

		assertThat(command().run(List.of())).isZero();
		assertThat(output.getOut()).contains(data + " line 6: duplicate id 'x', first seen on line 2; empty text\n"
				+ "      and 3 more\n")
			.doesNotContain("line 7:");
	}

	@Test
	void aFileThatCannotBeReadToItsEndFailsWithTheLineTheCauseAndTheFix(CapturedOutput output) throws IOException {
		Path data = Files.copy(Path.of("src/test/resources/csv/reviews-semicolon-export.csv"),
				this.dir.resolve("reviews.csv"));
		Path spec = write("reviews.yml", "reviews", data.toString(),
				"  id-column: review_id\n  delimiter: \";\"\n  extra-columns: [produkt, sterne]\n");

		assertThat(command().run(List.of())).isEqualTo(1);
		assertThat(output.getOut()).startsWith(spec + ":4: " + data + " cannot be read past line 9: text after a "
				+ "closing quote on line 9, at '… Box\";\"2,5\";\"Enttäuscht\";\"Die \"Premium\"-Qua…': every field is "
				+ "wrapped in quotes, but the quotes inside the fields are not doubled, as some exports do; in CSV a "
				+ "quote inside a quoted field is written as two quotes (\"\"); 6 records before line 9 can be read, "
				+ "nothing from there on (write the quotes inside the fields as two quotes")
			.contains("\n    " + data + ": 7 records up to line 9, where reading stops; 1 would be stored as failed: "
					+ "1 with broken quoting\n      " + data + " line 9: text after a closing quote");
	}

	@Test
	void aFileWithAnotherDelimiterFailsNamingIt(CapturedOutput output) throws IOException {
		Path data = Files.copy(Path.of("src/test/resources/csv/reviews-semicolon-export.csv"),
				this.dir.resolve("reviews.csv"));
		Path spec = write("reviews.yml", "reviews", data.toString(), "  id-column: review_id\n");

		assertThat(command().run(List.of())).isEqualTo(1);
		assertThat(output.getOut()).isEqualTo(spec + ":4: " + data + " line 1: cannot parse the header: text after a "
				+ "closing quote on line 1, at '\"review_id\";\"datum\";\"pr…': the file looks ';'-separated, but the "
				+ "spec's delimiter is ',' (set source.delimiter to ';' in the spec)\n");
	}

	@Test
	void printsEachProblemWithFileAndLineAndExitsWithOne(CapturedOutput output) throws IOException {
		Path data = Files.writeString(this.dir.resolve("data.csv"), "id,body\n1,fine\n");
		Path good = write("a.yml", "good", data.toString().replace("data.csv", "*.csv"));
		Files.writeString(this.dir.resolve("other.csv"), "id,text\n1,fine\n");
		Path bad = write("b.yml", "bad", this.dir.resolve("other.csv").toString());
		Files.writeString(bad, Files.readString(bad).replace("[text]", "[txt]"));

		assertThat(command().run(List.of("bad"))).isEqualTo(1);
		assertThat(output.getOut()).isEqualTo(bad + ":5: " + this.dir.resolve("other.csv")
				+ " has no column 'txt' (did you mean 'text'?)\n");
		assertThat(good).exists();
	}

	@Test
	void anUnknownJobNameSuggestsTheClosest() throws IOException {
		write("good.yml", "good", "in.csv");

		assertThatThrownBy(() -> command().run(List.of("god"))).isInstanceOf(UnknownJobException.class)
			.hasMessageContaining("did you mean 'good'?");
	}

	private ValidateCommand command() {
		return new ValidateCommand(JobSpecs.load(this.dir), new SourceCheck(new JdbcTemplate()), List.of());
	}

	private Path write(String file, String name, String path) throws IOException {
		return write(file, name, path, "");
	}

	private Path write(String file, String name, String path, String moreSourceKeys) throws IOException {
		return Files.writeString(this.dir.resolve(file), "name: " + name + "\nsource:\n  type: csv\n  path: \"" + path
				+ "\"\n  text-columns: [text]\n" + moreSourceKeys + "task:\n  type: classify\n  instructions: "
				+ "Classify.\n  fields:\n    - name: ok\n      type: boolean\n");
	}

}
