package dev.sift.chat;

/**
 * A chat model that serves several requests at once and does best when that many are in flight: llama.cpp decodes the
 * requests of its parallel slots together in one batch, and each model instance has its own slots. Callers of a
 * model that does not implement this send one request at a time.
 */
public interface ConcurrentChatModel {

	/** How many requests to keep in flight: at least 1. */
	int concurrentRequests();

}
