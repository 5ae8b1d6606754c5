package dev.sift.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page, and the start page: the runs. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PagesController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/** The runs are what operators come for first. */
	@GetMapping("/")
	String home() {
		return "redirect:/runs";
	}

}
