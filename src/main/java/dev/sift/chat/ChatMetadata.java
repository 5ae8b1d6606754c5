package dev.sift.chat;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Response metadata Sift reads when a provider fills it in {@link ChatResponse#getMetadata()}; any provider can, none
 * has to.
 */
public final class ChatMetadata {

	/** The time the model spent on the request, in milliseconds ({@link Number}): generation, not the caller's wait. */
	public static final String MODEL_DURATION_MILLIS = "sift.model-duration-millis";

	private ChatMetadata() {
	}

}
