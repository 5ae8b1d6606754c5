package dev.sift.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user for the shared layout's navigation, and whether they may act on results, so
 * pages leave out forms a viewer could not send anyway.
 */
@ControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignedInUserAdvice {

	@ModelAttribute
	void signedInUser(Authentication authentication, Model model) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
			Role role = Role.of(authentication.getAuthorities());
			model.addAttribute("user",
					new SignedInUser(authentication.getName(), role.name(), role.includes(Role.REVIEWER),
							role.includes(Role.ADMIN)));
		}
	}

	/**
	 * @param reviewer whether the user may accept, correct, approve and reject
	 * @param admin whether the user may start, stop and restart runs
	 */
	record SignedInUser(String name, String role, boolean reviewer, boolean admin) {
	}

}
