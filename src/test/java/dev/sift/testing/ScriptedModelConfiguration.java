package dev.sift.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts {@link ScriptedChatModel}, answering with {@link SampleReplies}, in front of any other chat model. */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedModelConfiguration {

	@Bean
	@Primary
	ScriptedChatModel scriptedChatModel() {
		return new ScriptedChatModel(SampleReplies::reply);
	}

}
