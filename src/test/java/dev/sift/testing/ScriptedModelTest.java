package dev.sift.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * A {@link SiftIntegrationTest} whose jobs talk to {@link ScriptedChatModel} instead of the tiny llama.cpp model, so
 * the test knows each record's reply ({@link SampleReplies}) and can assert exactly what the job makes of it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SiftIntegrationTest
@Import(ScriptedModelConfiguration.class)
public @interface ScriptedModelTest {

}
