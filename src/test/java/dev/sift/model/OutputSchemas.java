package dev.sift.model;

import tools.jackson.databind.JsonNode;

/**
 * Lets tests of other packages check a schema the way the model will before building its grammar, without loading
 * llama.cpp. {@link OutputSchemaGrammar} itself stays package-private.
 */
public final class OutputSchemas {

	private OutputSchemas() {
	}

	public static JsonNode bounded(String schema) {
		return OutputSchemaGrammar.boundedSchema(schema);
	}

}
