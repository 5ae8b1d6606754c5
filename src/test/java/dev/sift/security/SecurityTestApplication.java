package dev.sift.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import dev.sift.api.ApiProblems;
import dev.sift.model.LlamaCppAutoConfiguration;

/**
 * The web service with this package's beans (and the API's error handling) and no model, so security tests start in
 * seconds and need no native code; its clock is the tests' to move. A test component, so the application's own
 * scan in other tests skips it.
 */
@SpringBootConfiguration
@TestComponent
@EnableAutoConfiguration(exclude = LlamaCppAutoConfiguration.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@Import(ApiProblems.class)
class SecurityTestApplication {

	@Bean
	TestClock clock() {
		return new TestClock();
	}

}
