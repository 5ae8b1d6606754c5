package dev.sift.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page, and a start page to land on after signing in until the dashboard takes its place. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PagesController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(Authentication authentication, Model model) {
		model.addAttribute("name", authentication.getName());
		model.addAttribute("role", Role.of(authentication.getAuthorities()));
		return "home";
	}

}
