package dev.sift.run;

/** Sift is shutting down: it starts no run any more, and the runs under way stop after their current chunk. */
public class ServiceStoppingException extends RunRefusedException {

	public ServiceStoppingException() {
		super("Sift is stopping; runs cannot start now. Start the run again once Sift is back");
	}

}
