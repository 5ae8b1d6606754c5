package dev.sift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;

class RoleTest {

	@ParameterizedTest(name = "{0} includes {1}: {2}")
	@CsvSource(textBlock = """
			ADMIN,    REVIEWER, true
			ADMIN,    VIEWER,   true
			ADMIN,    METRICS,  true
			REVIEWER, VIEWER,   true
			REVIEWER, METRICS,  false
			REVIEWER, ADMIN,    false
			VIEWER,   METRICS,  false
			VIEWER,   REVIEWER, false
			METRICS,  VIEWER,   false
			METRICS,  REVIEWER, false
			METRICS,  ADMIN,    false
			METRICS,  METRICS,  true
			""")
	void onlyAdminIncludesTheMetricsRoleAndItIncludesNoOther(Role role, Role other, boolean includes) {
		assertThat(role.includes(other)).isEqualTo(includes);
	}

	@ParameterizedTest(name = "{0} at most {1}: {2}")
	@CsvSource(textBlock = """
			ADMIN,    REVIEWER, REVIEWER
			REVIEWER, ADMIN,    REVIEWER
			ADMIN,    METRICS,  METRICS
			METRICS,  ADMIN,    METRICS
			VIEWER,   VIEWER,   VIEWER
			""")
	void atMostIsTheLowerOfTwoRolesThatOneIncludesTheOther(Role role, Role other, Role expected) {
		assertThat(role.atMost(other)).contains(expected);
	}

	@ParameterizedTest(name = "{0} at most {1}: nothing")
	@CsvSource(textBlock = """
			METRICS,  VIEWER
			METRICS,  REVIEWER
			VIEWER,   METRICS
			REVIEWER, METRICS
			""")
	void atMostIsNothingForRolesThatShareNothing(Role role, Role other) {
		assertThat(role.atMost(other)).isEmpty();
	}

	@ParameterizedTest(name = "{0} reaches {1}")
	@CsvSource(delimiter = '|', textBlock = """
			ADMIN    | ADMIN REVIEWER VIEWER METRICS
			REVIEWER | REVIEWER VIEWER
			VIEWER   | VIEWER
			METRICS  | METRICS
			""")
	void theWebServicesRoleHierarchyIsWhatTheRolesInclude(Role role, String reached) {
		RoleHierarchy hierarchy = new SecurityConfiguration().roleHierarchy();

		assertThat(hierarchy.getReachableGrantedAuthorities(List.of(role.authority())))
			.extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(reached.split(" ")).map(name -> "ROLE_" + name).toList());
	}

	@Test
	void anUnknownRoleNamesEveryRole() {
		assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(InvalidAccountException.class)
			.hasMessage("Unknown role 'root'; roles are ADMIN, REVIEWER, VIEWER, METRICS");
	}

}
