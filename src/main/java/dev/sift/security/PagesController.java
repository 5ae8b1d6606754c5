package dev.sift.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page, and the start page (the signed-in user comes from {@link SignedInUserAdvice}). */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PagesController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "home";
	}

}
