package dev.sift.model;

import java.util.List;

import de.kherud.llama.LlamaModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ModelInstancesTest {

	private final LlamaModel first = mock(LlamaModel.class);

	private final LlamaModel second = mock(LlamaModel.class);

	private final ModelInstances instances = new ModelInstances(List.of(this.first, this.second));

	@Test
	void spreadsConcurrentRequestsOverInstances() {
		try (var a = this.instances.lease(); var b = this.instances.lease(); var c = this.instances.lease()) {
			assertThat(List.of(a.model(), b.model(), c.model())).containsExactly(this.first, this.second, this.first);
		}
	}

	@Test
	void sendsTheNextRequestToTheInstanceThatFinishedFirst() {
		var a = this.instances.lease();
		var b = this.instances.lease();
		b.close();

		try (var next = this.instances.lease()) {
			assertThat(next.model()).isSameAs(this.second);
		}
		a.close();
	}

}
