package dev.sift.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every job runs, bound from {@code sift.run.*}.
 *
 * @param chunkSize records per transaction, processed concurrently; a crash loses at most this many records of work.
 * 0 (the default) means 16 per slot: the slots idle while a chunk's last records finish, so a chunk should hold
 * many records per slot
 * @param maxAttempts model calls per record before a reply that breaks the rules goes to review
 */
@Validated
@ConfigurationProperties("sift.run")
public record RunProperties(@DefaultValue("0") @PositiveOrZero int chunkSize,
		@DefaultValue("2") @Min(1) int maxAttempts) {

	static final int RECORDS_PER_SLOT = 16;

	/** Records per chunk for this many slots in all: as configured (but at least one per slot), or 16 per slot. */
	public int chunkSizeFor(int slots) {
		return this.chunkSize == 0 ? RECORDS_PER_SLOT * slots : Math.max(this.chunkSize, slots);
	}

}
