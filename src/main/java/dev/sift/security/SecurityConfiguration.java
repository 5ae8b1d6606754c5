package dev.sift.security;

import java.time.Clock;
import java.util.Arrays;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may use the web service. Two filter chains: API, OpenAPI and actuator requests get 401/403 problem details
 * and accept API tokens and HTTP Basic; everything else is the browser's, with form login and redirects to
 * {@code /login}. Both share the session, so a signed-in browser may call the API too, with a CSRF token. Only the
 * web service has any of this: commands run without a web server.
 *
 * <p>
 * Health (status only) is open to anyone, {@code /actuator/prometheus} to ADMIN and METRICS; everything else needs at
 * least VIEWER, so a METRICS user or token, which a scraper holds, reads metrics and nothing else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SiftSecurityProperties.class)
public class SecurityConfiguration {

	/**
	 * The OpenAPI description, for any signed-in VIEWER or more: with the API's credentials, or with the session of
	 * the Swagger UI page that loads it.
	 */
	static final String OPENAPI_DOCS = "/v3/api-docs/**";

	/**
	 * {@code default-src 'self'} also forbids inline scripts and styles; pages may not be framed, and forms may only
	 * post back to Sift.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
			+ "base-uri 'self'; object-src 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/** What each role includes, as {@link Role#includes} says. */
	@Bean
	RoleHierarchy roleHierarchy() {
		RoleHierarchyImpl.Builder hierarchy = RoleHierarchyImpl.withDefaultRolePrefix();
		for (Role role : Role.values()) {
			String[] included = Arrays.stream(Role.values())
				.filter(other -> other != role && role.includes(other))
				.map(Role::name)
				.toArray(String[]::new);
			if (included.length > 0) {
				hierarchy.role(role.name()).implies(included);
			}
		}
		return hierarchy.build();
	}

	@Bean
	AuthenticationManager authenticationManager(Accounts accounts, PasswordEncoder passwordEncoder, Clock clock,
			SiftSecurityProperties properties) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new AccountDetailsService(accounts, clock));
		passwords.setPasswordEncoder(passwordEncoder);
		return new ProviderManager(new LoginAttempts(passwords, accounts, properties));
	}

	/**
	 * Also Spring Security's {@code RequestRejectedHandler}, which the firewall of every filter chain picks up as a
	 * bean; without it a refused path gets an error page.
	 */
	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			ApiTokens tokens, ProblemResponses problems) throws Exception {
		http.securityMatchers(requests -> requests.requestMatchers("/api/**", OPENAPI_DOCS)
			.requestMatchers(EndpointRequest.toAnyEndpoint()))
			.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
				.hasRole(Role.METRICS.name())
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/users/**", "/api/tokens/**")
				.hasRole(Role.ADMIN.name())
				// Runs cost the machine hours of model time: only admins start, stop or restart them.
				.requestMatchers(HttpMethod.POST, "/api/jobs/*/runs", "/api/runs/*/stop", "/api/runs/*/restart")
				.hasRole(Role.ADMIN.name())
				// A prompt costs model time and shows what the model says to anything: reviewers tune jobs with it.
				.requestMatchers(HttpMethod.POST, "/api/chat")
				.hasRole(Role.REVIEWER.name())
				.requestMatchers(HttpMethod.GET, "/api/jobs/**", "/api/runs/**", "/api/results/**")
				.hasRole(Role.VIEWER.name())
				.anyRequest()
				.hasRole(Role.VIEWER.name()))
			.authenticationManager(authenticationManager)
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			.addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			// API clients keep no session; a browser that has one keeps using it.
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::authenticatedByHeader))
			.headers(securityHeaders());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain browserSecurityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager)
			throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/login")
			.permitAll()
			.requestMatchers(PathRequest.toStaticResources().atCommonLocations())
			.permitAll()
			// The error page of a request that already passed (or was refused by) these rules.
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			// Reviewers act on results; viewers only look.
			.requestMatchers(HttpMethod.POST, "/runs/**")
			.hasRole(Role.ADMIN.name())
			// Trying a job costs model time and is how reviewers tune specs.
			.requestMatchers("/try", "/try/**")
			.hasRole(Role.REVIEWER.name())
			.requestMatchers(HttpMethod.POST, "/review/**", "/copy/**")
			.hasRole(Role.REVIEWER.name())
			.requestMatchers("/runs/**", "/review/**", "/copy/**", "/insights/**")
			.hasRole(Role.VIEWER.name())
			.anyRequest()
			.hasRole(Role.VIEWER.name()))
			.authenticationManager(authenticationManager)
			.formLogin(form -> form.loginPage("/login").permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.headers(securityHeaders());
		return http.build();
	}

	/**
	 * Requests that carry their own credentials need no CSRF token: a cross-site page can make a browser send its
	 * cookies but not an Authorization header. Such a request is authenticated by that header or refused, never by a
	 * session cookie it may also carry.
	 */
	private static boolean authenticatedByHeader(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && (BearerTokenFilter.hasBearerToken(request)
				|| authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length()));
	}

	private static Customizer<HeadersConfigurer<HttpSecurity>> securityHeaders() {
		return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
	}

}
