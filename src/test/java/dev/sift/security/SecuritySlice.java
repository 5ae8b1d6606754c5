package dev.sift.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import dev.sift.api.StrictJsonConfiguration;

/**
 * What a {@code @WebMvcTest} slice of a controller needs to run behind Sift's own security and read bodies as the
 * application does: the security configuration and strict JSON, with the user and token tables mocked. Requests
 * sign in with spring-security-test's {@code user(...)}, or stub the mocks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ SecurityConfiguration.class, StrictJsonConfiguration.class })
@MockitoBean(types = { Accounts.class, ApiTokens.class })
public @interface SecuritySlice {

}
