package dev.sift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SiftSecurityPropertiesTest {

	private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuMq0HYs7OIhXNOOCOhzP4Tc7vGfXgmHS";

	@Test
	void defaultsLockForFifteenMinutesAfterFiveFailures() {
		SiftSecurityProperties properties = bind(Map.of());

		assertThat(properties.maxFailedLogins()).isEqualTo(5);
		assertThat(properties.lockout()).isEqualTo(Duration.ofMinutes(15));
		assertThat(properties.users()).isEmpty();
	}

	@Test
	void configuredUsersNeedABcryptHash() {
		SiftSecurityProperties properties = bind(Map.of("sift.security.users[0].name", "ops",
				"sift.security.users[0].password-hash", HASH, "sift.security.users[0].role", "admin"));

		assertThat(properties.users()).singleElement().satisfies(user -> {
			assertThat(user.name()).isEqualTo("ops");
			assertThat(Role.parse(user.role())).isEqualTo(Role.ADMIN);
		});
	}

	@Test
	void plainPasswordsInConfigurationAreRefused() {
		assertThatThrownBy(() -> bind(Map.of("sift.security.users[0].name", "ops",
				"sift.security.users[0].password-hash", "hunter2hunter2")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("not a bcrypt hash");
	}

	@Test
	void unknownRolesAndNonsenseLimitsAreRefused() {
		assertThatThrownBy(() -> bind(Map.of("sift.security.users[0].name", "ops",
				"sift.security.users[0].password-hash", HASH, "sift.security.users[0].role", "root")))
			.rootCause()
			.hasMessageContaining("Unknown role 'root'");
		assertThatThrownBy(() -> bind(Map.of("sift.security.max-failed-logins", "0"))).rootCause()
			.hasMessageContaining("sift.security.max-failed-logins");
	}

	private static SiftSecurityProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("sift.security",
				SiftSecurityProperties.class);
	}

}
