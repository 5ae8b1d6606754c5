package dev.sift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.StartupFailures;

class SiftSecurityPropertiesTest {

	private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuMq0HYs7OIhXNOOCOhzP4Tc7vGfXgmHS";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void defaultsLockForFifteenMinutesAfterFiveFailures() {
		this.contextRunner.run(context -> {
			SiftSecurityProperties properties = context.getBean(SiftSecurityProperties.class);
			assertThat(properties.maxFailedLogins()).isEqualTo(5);
			assertThat(properties.lockout()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.users()).isEmpty();
		});
	}

	@Test
	void configuredUsersTakeTheirRoleInAnyCase() {
		this.contextRunner
			.withPropertyValues("sift.security.users[0].name=ops", "sift.security.users[0].password-hash=" + HASH,
					"sift.security.users[0].role=admin", "sift.security.users[1].name=maria",
					"sift.security.users[1].password-hash=" + HASH)
			.run(context -> assertThat(context.getBean(SiftSecurityProperties.class).users())
				.extracting(SiftSecurityProperties.SeedUser::name, SiftSecurityProperties.SeedUser::role)
				.containsExactly(tuple("ops", Role.ADMIN), tuple("maria", Role.VIEWER)));
	}

	@Test
	void plainPasswordsInConfigurationAreRefusedNamingTheUsersProperty() {
		this.contextRunner
			.withPropertyValues("sift.security.users[0].name=ops",
					"sift.security.users[0].password-hash=hunter2hunter2")
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.security.users[0].passwordHash", "Value: \"hunter2hunter2\"",
						"Reason: must be a bcrypt hash ($2a$, $2b$ or $2y$ and 60 characters); "
								+ "plain passwords are refused"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			max-failed-logins=0    | maxFailedLogins | must be greater than or equal to 1
			lockout=0s             | lockout         | must be longer than 0
			lockout=-5m            | lockout         | must be longer than 0
			users[0].name=a:b      | users[0].name   | must not contain ':' or control characters
			users[0].name=a\u0007b | users[0].name   | must not contain ':' or control characters
			""")
	void limitsOutOfBoundsAreRefusedNamingThePropertyAndTheBound(String setting, String property, String bound) {
		this.contextRunner
			.withPropertyValues("sift.security." + setting, "sift.security.users[0].password-hash=" + HASH)
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.security." + property, "Reason: " + bound));
	}

	@Test
	void overlongUserNamesAreRefused() {
		this.contextRunner
			.withPropertyValues("sift.security.users[0].name=" + "n".repeat(101),
					"sift.security.users[0].password-hash=" + HASH)
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.security.users[0].name", "Reason: size must be between 0 and 100"));
	}

	@Test
	void unknownRolesAreRefusedListingTheRoles() {
		this.contextRunner
			.withPropertyValues("sift.security.users[0].name=ops", "sift.security.users[0].password-hash=" + HASH,
					"sift.security.users[0].role=root")
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.security.users[0].role", "Value: \"root\"",
						"Origin: \"sift.security.users[0].role\" from property source \"test\"",
						"The following values are valid:", "ADMIN", "REVIEWER", "VIEWER"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SiftSecurityProperties.class)
	static class Properties {

	}

}
