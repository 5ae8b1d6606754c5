package dev.sift.worker;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.jdbc.store.channel.MessageRowMapper;
import org.springframework.integration.support.converter.AllowListDeserializingConverter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * Reads the partition requests a worker takes off the channel. A request this process cannot deserialize (written by
 * a Sift of another version, or not by Sift) is read as an {@link Unreadable} message instead of failing the poll: the
 * poll takes the oldest message, so a failing one would roll back, stay first, and hold up every request behind it.
 */
final class PartitionRequests implements RowMapper<Message<?>> {

	private final MessageRowMapper messages;

	PartitionRequests() {
		AllowListDeserializingConverter deserializer = new AllowListDeserializingConverter();
		// What a request message holds: the message, its headers (ids, times, the sequence) and the request.
		deserializer.addAllowedPatterns(GenericMessage.class.getName(), MessageHeaders.class.getName(), "java.util.*",
				"java.lang.*", StepExecutionRequest.class.getName());
		this.messages = new MessageRowMapper(deserializer);
	}

	@Override
	public Message<?> mapRow(ResultSet row, int rowNumber) throws SQLException {
		try {
			return this.messages.mapRow(row, rowNumber);
		}
		catch (RuntimeException ex) {
			return new GenericMessage<>(new Unreadable(row.getString("MESSAGE_ID"),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage()));
		}
	}

	/**
	 * A message of the channel that is not a partition request this process can read.
	 * @param messageId the message's id in the channel's table
	 * @param reason why it cannot be read
	 */
	record Unreadable(String messageId, String reason) {
	}

}
