package dev.sift.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.sift.prompt.ChatProperties;
import dev.sift.prompt.OneOffPrompt;
import dev.sift.prompt.OneOffPrompts;
import dev.sift.prompt.OneOffReply;
import dev.sift.security.SecuritySlice;
import dev.sift.security.SignedIn;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ChatController.class)
@SecuritySlice
@Import(ChatControllerTest.Defaults.class)
class ChatControllerTest {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private OneOffPrompts prompts;

	@Test
	void aReviewersPromptIsAnsweredWithTheReplyItsTokensAndTimeWithDefaultsForWhatIsNotGiven() throws Exception {
		when(this.prompts.ask(eq(new OneOffPrompt("Who are you?", null, 256, 0.7, List.of())), any()))
			.thenReturn(new OneOffReply("I am a chat model.", 21, 7, 350, "stop"));

		this.mvc.perform(post("/api/chat").with(SignedIn.as("REVIEWER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"prompt\": \"Who are you?\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.text").value("I am a chat model."))
			.andExpect(jsonPath("$.promptTokens").value(21))
			.andExpect(jsonPath("$.completionTokens").value(7))
			.andExpect(jsonPath("$.durationMillis").value(350))
			.andExpect(jsonPath("$.finishReason").value("stop"));
	}

	@Test
	void theSystemPromptMaximumTemperatureAndStopSequencesAreTheRequests() throws Exception {
		when(this.prompts.ask(eq(new OneOffPrompt("1, 4, 9, 16, __, 36", "Answer with a number.", 8, 0.0,
				List.of("\n"))), any())).thenReturn(new OneOffReply("25", 30, 2, 90, "stop"));

		this.mvc.perform(post("/api/chat").with(SignedIn.as("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"prompt": "1, 4, 9, 16, __, 36", "system": "Answer with a number.", "maxTokens": 8,
					 "temperature": 0, "stop": ["\\n"]}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.text").value("25"));
	}

	@Test
	void aMissingPromptOutOfRangeValuesAndUnknownFieldsAre400() throws Exception {
		for (String[] bad : new String[][] { { "{}", "prompt" }, { "{\"prompt\": \"hi\", \"maxTokens\": 0}", "maxTokens" },
				{ "{\"prompt\": \"hi\", \"temperature\": 2.5}", "temperature" },
				{ "{\"prompt\": \"hi\", \"maxTokens\": \"many\"}", "maxTokens" },
				{ "{\"prompt\": \"hi\", \"seed\": 3}", "seed" } }) {
			this.mvc.perform(post("/api/chat").with(SignedIn.as("REVIEWER"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(bad[0]))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString(bad[1])));
		}
		verifyNoInteractions(this.prompts);
	}

	@Test
	void viewersMayNotPromptAndStrangersAreNotLetIn() throws Exception {
		this.mvc.perform(post("/api/chat").with(SignedIn.as("VIEWER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"prompt\": \"hi\"}")).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/chat").with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"prompt\": \"hi\"}"))
			.andExpect(status().isUnauthorized());
		verifyNoInteractions(this.prompts);
	}

	@EnableConfigurationProperties(ChatProperties.class)
	static class Defaults {

	}

}
