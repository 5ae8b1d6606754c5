package dev.sift.source;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads a {@link SourceRange} back from a partition's execution context. */
final class SourceRanges {

	private SourceRanges() {
	}

	static Optional<SourceRange> from(ExecutionContext context) {
		throw new UnsupportedOperationException("to be written");
	}

}
