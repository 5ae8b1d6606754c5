package dev.sift.testing;

import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at {@link TestDatabase}: its container as a Testcontainers
 * {@code @ServiceConnection} where Docker is reachable, else the embedded server the way a user points Sift at an
 * external one, with {@code spring.datasource.url}. Either way Sift starts no embedded server of its own.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (TestDatabase.container() != null) {
			new AnnotatedBeanDefinitionReader((BeanDefinitionRegistry) context).register(TestcontainersDatabase.class);
			return;
		}
		TestDatabase.Connection connection = TestDatabase.connection();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("testDatabase",
					Map.of("spring.datasource.url", connection.url(), "spring.datasource.username",
							connection.username(), "spring.datasource.password", connection.password())));
	}

}
