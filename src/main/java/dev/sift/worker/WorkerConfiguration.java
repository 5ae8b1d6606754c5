package dev.sift.worker;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.aop.ReceiveMessageAdvice;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

import dev.sift.chat.ConcurrentChatModel;
import dev.sift.job.SpecJobs;
import dev.sift.model.LlamaCppProperties;

/**
 * This process as a worker ({@code sift.worker.enabled}, set by the {@code worker} command): its registration and
 * heartbeat, the threads its partitions run on, and the flow that takes partition requests off the channel.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sift.worker.enabled")
class WorkerConfiguration {

	private static final String PARTITION_THREADS = "siftPartitionThreads";

	/** The partitions' own threads: each runs its step (the chunk loop); the model calls go to the slot threads. */
	@Bean(PARTITION_THREADS)
	ThreadPoolTaskExecutor siftPartitionThreads(ThreadPoolTaskExecutorBuilder builder, WorkerProperties properties) {
		return builder.threadNamePrefix("sift-partition-")
			.corePoolSize(properties.partitions())
			.maxPoolSize(properties.partitions())
			.acceptTasksAfterContextClose(true)
			.build();
	}

	@Bean
	Worker siftWorker(WorkerProperties properties, JdbcTemplate jdbc, JobRepository jobRepository,
			Handovers handovers, SpecJobs jobs, ChatModel chatModel, ObjectProvider<LlamaCppProperties> model,
			@Qualifier(PARTITION_THREADS) ThreadPoolTaskExecutor partitionThreads,
			@Qualifier(PartitionChannel.SCHEDULER) ThreadPoolTaskScheduler scheduler) {
		LlamaCppProperties llama = model.getIfAvailable();
		int slots = chatModel instanceof ConcurrentChatModel concurrent ? concurrent.concurrentRequests() : 1;
		WorkerModel worker = new WorkerModel(jobs.modelName(), llama == null ? "-" : llama.gpuLayers().toString(),
				slots, llama == null ? 1 : llama.effectiveInstances());
		return new Worker(worker, properties, jdbc, jobRepository, handovers, jobs, partitionThreads, scheduler);
	}

	/**
	 * Takes one partition request at a time off the channel while the worker has room, in a transaction that also
	 * claims the partition.
	 */
	@Bean
	IntegrationFlow siftPartitionIntake(@Qualifier(PartitionChannel.REQUESTS) QueueChannel requests, Worker worker,
			WorkerProperties properties, PlatformTransactionManager transactionManager) {
		return IntegrationFlow.from(requests)
			.handle(Message.class, (message, headers) -> {
				worker.claim(message);
				return null;
			}, endpoint -> endpoint.poller(Pollers.fixedDelay(properties.pollInterval())
				.maxMessagesPerPoll(1)
				.receiveTimeout(0)
				.advice(new RoomForPartition(worker))
				.transactional(transactionManager)))
			.get();
	}

	/** Polls the channel only while the worker has room for one more partition. */
	private record RoomForPartition(Worker worker) implements ReceiveMessageAdvice {

		@Override
		public boolean beforeReceive(Object source) {
			return this.worker.hasRoom();
		}

		@Override
		public Message<?> afterReceive(Message<?> result, Object source) {
			return result;
		}

	}

}
