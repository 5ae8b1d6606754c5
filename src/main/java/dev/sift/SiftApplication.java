package dev.sift;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class SiftApplication {

	/**
	 * Exits explicitly: llama.cpp keeps a non-daemon native thread alive that would otherwise hold the JVM open
	 * after the run (java-llama.cpp issue 116).
	 */
	public static void main(String[] args) {
		int exitCode;
		try {
			ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class, args);
			exitCode = SpringApplication.exit(context);
		}
		catch (Throwable failure) {
			// Spring Boot has already reported why start-up failed.
			exitCode = 1;
		}
		System.exit(exitCode);
	}

}
