package dev.sift.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of the whole application on the test database and the generated tiny model, with the command line off so
 * the test decides what runs, and two slots so records are classified concurrently. Tests that drive a browser
 * ask for {@code RANDOM_PORT}; tests of the same web environment share one context (and model).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "sift.command-line.enabled=false", "sift.model.parallel=2",
		"sift.model.slot-context=2048" })
@ContextConfiguration(initializers = { TestDatabaseInitializer.class, TestModelInitializer.class })
public @interface SiftIntegrationTest {

	@AliasFor(annotation = SpringBootTest.class)
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

}
