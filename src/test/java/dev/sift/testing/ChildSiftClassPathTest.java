package dev.sift.testing;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.sift.SiftApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests start real Sift JVMs on the test class path (a crash, a lost database, a second process), and those scan
 * {@code dev.sift} for components as Sift does. Spring Boot's test jar keeps {@code @TestConfiguration} classes and
 * test classes out of that scan; a plain {@code @Configuration} among the test sources would join every such JVM,
 * with its beans, and change what the test measures.
 */
class ChildSiftClassPathTest {

	@Test
	void noTestSourceJoinsTheComponentScanOfASiftStartedFromTheTestClassPath() throws IOException {
		List<String> fromTestSources = scannedAsSiftDoes().stream()
			.map(ScannedGenericBeanDefinition.class::cast)
			.filter(candidate -> candidate.getSource() != null)
			.filter(ChildSiftClassPathTest::isTestSource)
			.map(BeanDefinition::getBeanClassName)
			.toList();

		assertThat(fromTestSources).as("test classes a child Sift would pick up; make them @TestConfiguration")
			.isEmpty();
	}

	/**
	 * The candidates of {@code @SpringBootApplication}'s scan: its two exclude filters, with the test exclusions Spring
	 * Boot's test jar registers in every application context of a JVM that has it on the class path.
	 */
	private static List<BeanDefinition> scannedAsSiftDoes() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			SpringFactoriesLoader.forDefaultResourceLocation()
				.load(ApplicationContextInitializer.class)
				.stream()
				.filter(initializer -> initializer.getClass().getPackageName().startsWith("org.springframework.boot.test"))
				.forEach(initializer -> initialize(initializer, context));
			TypeExcludeFilter typeExcludeFilter = new TypeExcludeFilter();
			typeExcludeFilter.setBeanFactory(context.getBeanFactory());
			AutoConfigurationExcludeFilter autoConfigurationExcludeFilter = new AutoConfigurationExcludeFilter();
			autoConfigurationExcludeFilter.setBeanClassLoader(ChildSiftClassPathTest.class.getClassLoader());
			ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
			scanner.addExcludeFilter(typeExcludeFilter);
			scanner.addExcludeFilter(autoConfigurationExcludeFilter);
			List<BeanDefinition> candidates = List
				.copyOf(scanner.findCandidateComponents(SiftApplication.class.getPackageName()));
			assertThat(candidates).as("the scan finds Sift's own components").isNotEmpty();
			return candidates;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void initialize(ApplicationContextInitializer initializer, GenericApplicationContext context) {
		initializer.initialize(context);
	}

	private static boolean isTestSource(ScannedGenericBeanDefinition candidate) {
		try {
			return candidate.getResource().getURL().toString().contains("/test-classes/");
		}
		catch (IOException ex) {
			throw new IllegalStateException("No location for " + candidate.getBeanClassName(), ex);
		}
	}

}
