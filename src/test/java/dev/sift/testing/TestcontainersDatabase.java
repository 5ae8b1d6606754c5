package dev.sift.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * The test database's container as a bean Spring Boot takes the connection details from: no
 * {@code spring.datasource.url}, so it also checks that the embedded server backs off for a database Boot found
 * itself. Registered by {@link TestDatabaseInitializer} only where Docker is reachable.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestcontainersDatabase {

	@Bean
	@ServiceConnection
	PostgreSQLContainer testDatabaseContainer() {
		return TestDatabase.container();
	}

}
