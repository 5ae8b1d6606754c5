package dev.sift.testing;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test application context at {@link TestDatabase}, the way a user points Sift at an external server. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase.Connection connection = TestDatabase.connection();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("testDatabase",
					Map.of("spring.datasource.url", connection.url(), "spring.datasource.username",
							connection.username(), "spring.datasource.password", connection.password())));
	}

}
