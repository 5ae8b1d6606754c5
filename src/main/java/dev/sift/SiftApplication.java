package dev.sift;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.sift.cli.CommandLine;
import dev.sift.model.NativeProbe;

@SpringBootApplication
public class SiftApplication {

	/**
	 * Commands other than {@code serve} run without a web server and exit explicitly: llama.cpp keeps a non-daemon
	 * native thread alive that would otherwise hold the JVM open after the run (java-llama.cpp issue 116). The service
	 * and a worker are not exited here: they run until a signal, whose shutdown hook closes the application while the
	 * JVM is already on its way out, so that thread cannot hold it. {@link NativeProbe#ARGUMENT} runs the probe of the native library
	 * instead, without Spring: the executable jar starts its child processes through here.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(NativeProbe.ARGUMENT)) {
			NativeProbe.main(args);
			return;
		}
		boolean serve = CommandLine.serves(args);
		boolean work = CommandLine.works(args);
		int exitCode;
		try {
			SpringApplication application = new SpringApplication(SiftApplication.class);
			if (!serve) {
				application.setWebApplicationType(WebApplicationType.NONE);
			}
			if (work) {
				application.setDefaultProperties(Map.of("sift.worker.enabled", "true"));
			}
			ConfigurableApplicationContext context = application.run(args);
			if (serve || work) {
				return;
			}
			exitCode = SpringApplication.exit(context);
		}
		catch (Throwable failure) {
			// Spring Boot has already reported why start-up failed.
			exitCode = 1;
		}
		System.exit(exitCode);
	}

	/** The one clock of everything time-dependent, so that tests can move time instead of waiting. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
