package dev.sift.database;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * An application on the embedded database of the directory given as the only argument, for
 * {@link EmbeddedServerProcessesTest}: prints {@code ready}, then runs until a signal. On SIGTERM Spring's shutdown
 * hook closes it, and a {@link QueryOnClose} uses the database three seconds into that, long after any other shutdown
 * hook of the JVM would have stopped the server. A test configuration, so that Sifts started from the test class
 * path leave it out of their component scan.
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
@Import(EmbeddedDatabaseConfiguration.class)
public class ShutdownOrderMain {

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(ShutdownOrderMain.class).web(WebApplicationType.NONE)
			.run("--sift.database.embedded.data-directory=" + args[0]);
		System.out.println("ready");
		new CountDownLatch(1).await();
	}

	@Bean
	QueryOnClose queryOnClose(DataSource dataSource) {
		return new QueryOnClose(dataSource, Duration.ofSeconds(3));
	}

}
