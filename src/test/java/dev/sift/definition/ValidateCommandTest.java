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
		assertThat(output.getOut()).isEqualTo("OK  good  (" + spec + ")\n");
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
		return new ValidateCommand(JobSpecs.load(this.dir), new SourceCheck(new JdbcTemplate()));
	}

	private Path write(String file, String name, String path) throws IOException {
		return Files.writeString(this.dir.resolve(file), "name: " + name + "\nsource:\n  type: csv\n  path: \"" + path
				+ "\"\n  text-columns: [text]\ntask:\n  type: classify\n  instructions: Classify.\n  fields:\n"
				+ "    - name: ok\n      type: boolean\n");
	}

}
