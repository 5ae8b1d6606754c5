package dev.sift.cli;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code serve} (the default): Sift as a web service. The web server is already up when commands run, so this only
 * checks there is one and says where; returning leaves the process running until it is stopped (SIGTERM closes the
 * application gracefully).
 */
@Component
class ServeCommand implements Command {

	static final String NAME = "serve";

	private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

	private final ApplicationContext context;

	ServeCommand(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String usage() {
		return "(the default): run the web service until stopped";
	}

	@Override
	public int run(List<String> arguments) {
		if (!arguments.isEmpty()) {
			throw new UsageException("serve takes no arguments, got '" + String.join(" ", arguments) + "'");
		}
		// Without a web server nothing would ever end the process: llama.cpp's native thread keeps the JVM alive.
		if (!(this.context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			throw new IllegalStateException(
					"serve needs a web server, but spring.main.web-application-type is none; remove that setting");
		}
		log.info("Sift is serving on port {}", web.getWebServer().getPort());
		return 0;
	}

}
