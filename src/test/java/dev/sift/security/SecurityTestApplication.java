package dev.sift.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import dev.sift.model.LlamaCppAutoConfiguration;

/**
 * The web service with this package's beans and no model, so security tests start in seconds and need no native
 * code; its clock is the tests' to move.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = LlamaCppAutoConfiguration.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
class SecurityTestApplication {

	@Bean
	TestClock clock() {
		return new TestClock();
	}

}
