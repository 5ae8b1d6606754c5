package dev.sift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product sample, as a file and as a table, must read as documented: the same products and one without a name. */
class SampleProductsTest {

	private static final Path FILE = Path.of("jobs/samples/products.csv");

	private static final List<String> EXTRA_COLUMNS = List.of("category", "features", "materials", "audience");

	private static List<SourceRecord> fileRecords;

	private static List<SourceRecord> tableRecords;

	private static Map<String, SourceRecord> fileRecordsById;

	@BeforeAll
	static void readSample() {
		fileRecords = SourceRecords.readAll(CsvSourceSettings.of(FILE)
			.withColumns("sku", "name")
			.withExtraColumns(EXTRA_COLUMNS.toArray(String[]::new)));
		fileRecordsById = fileRecords.stream().collect(Collectors.toMap(SourceRecord::id, Function.identity()));
		tableRecords = SampleTables.loadAndRead("sample_products", "sql/samples/products.sql",
				new PostgresSourceSettings("products", "sku", List.of("name"), EXTRA_COLUMNS, 500));
	}

	@Test
	void everyProductIsReadAndOnlyTheOneWithoutANameIsAProblem() {
		assertThat(fileRecords).hasSize(16);
		assertThat(fileRecords.stream().filter(SourceRecord::hasProblem))
			.extracting(SourceRecord::id, SourceRecord::problem)
			.containsExactly(tuple("HK-TIMER", FILE + " line 15: empty text"));
	}

	@Test
	void theTableHoldsTheSameProductsWithTheSameFields() {
		Map<String, SourceRecord> tableRecordsById = tableRecords.stream()
			.collect(Collectors.toMap(SourceRecord::id, Function.identity()));
		assertThat(tableRecordsById).containsOnlyKeys(fileRecordsById.keySet());
		fileRecordsById.forEach((sku, fileRecord) -> {
			assertThat(tableRecordsById.get(sku).text()).as(sku).isEqualTo(fileRecord.text());
			assertThat(tableRecordsById.get(sku).fields()).as(sku).isEqualTo(fileRecord.fields());
		});
		assertThat(tableRecords.stream().filter(SourceRecord::hasProblem)).extracting(SourceRecord::id)
			.containsExactly("HK-TIMER");
	}

	@Test
	void featuresAreOneFieldOfSemicolonSeparatedItemsAndQuotesAndCommasSurvive() {
		assertThat(fileRecordsById.get("HK-PAN-28").fields().get("features").split("; "))
			.containsExactly("PFAS-free ceramic coating", "induction, gas and electric", "oven-safe to 220 °C");
		assertThat(fileRecordsById.get("HK-COOKBOOK").text()).isEqualTo("\"Weeknights\" – the Hearth Cookbook");
		assertThat(fileRecordsById.get("HB-FAMILY-4").fields().get("features")).contains("\"little helper\" steps");
		assertThat(fileRecordsById.get("HK-APRON").fields().get("materials")).isEqualTo("Organic cotton canvas, 280 g/m²");
	}

}
