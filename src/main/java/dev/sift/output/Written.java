package dev.sift.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a decision on a result wrote outside the results store, for its history.
 *
 * @param target where: a results table ({@code schema.name}) or a source row ({@code public.feedback where id = 7})
 * @param values the values written, by column
 */
public record Written(String target, Map<String, Object> values) {

	public Written {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

}
