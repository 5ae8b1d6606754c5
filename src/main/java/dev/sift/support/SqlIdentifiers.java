package dev.sift.support;

/**
 * PostgreSQL identifiers in SQL that Sift builds. Only names checked against the catalogue or a strict pattern are
 * quoted with it; values are always bound as parameters.
 */
public final class SqlIdentifiers {

	private SqlIdentifiers() {
	}

	/** Double quotes around, embedded double quotes doubled: the name exactly as given, whatever its case. */
	public static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
