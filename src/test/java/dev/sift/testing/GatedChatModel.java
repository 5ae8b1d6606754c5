package dev.sift.testing;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A chat model that answers only as many requests as the test allows, holding the next one until it allows more:
 * so a test knows a run is in the middle of a chunk when it stops or kills it, instead of hoping it still is.
 */
public final class GatedChatModel implements ChatModel {

	private final ChatModel delegate;

	private final Semaphore allowed = new Semaphore(0);

	private final AtomicInteger held = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	public GatedChatModel(ChatModel delegate) {
		this.delegate = delegate;
	}

	@Override
	public ChatOptions getOptions() {
		return this.delegate.getOptions();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		this.held.incrementAndGet();
		try {
			this.allowed.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while held by the test", ex);
		}
		finally {
			this.held.decrementAndGet();
		}
		ChatResponse response = this.delegate.call(prompt);
		this.answered.incrementAndGet();
		return response;
	}

	/** Lets this many more requests through. */
	public void allow(int requests) {
		this.allowed.release(requests);
	}

	/** Lets every request through from now on. */
	public void open() {
		this.allowed.release(Integer.MAX_VALUE / 2);
	}

	/** Whether a request is waiting for the test to allow it. */
	public boolean isHolding() {
		return this.held.get() > 0;
	}

	public int answered() {
		return this.answered.get();
	}

}
