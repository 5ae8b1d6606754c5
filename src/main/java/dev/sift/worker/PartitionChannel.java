package dev.sift.worker;

import javax.sql.DataSource;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The channel partitions travel through, from the process that manages a run to the workers: a Spring Integration
 * queue channel kept in PostgreSQL ({@code int_channel_message}, by {@link JdbcChannelMessageStore}), so the
 * database every Sift process already shares is the only infrastructure. Each message is a Spring Batch
 * {@link StepExecutionRequest}; a worker takes one with {@code DELETE ... FOR UPDATE SKIP LOCKED}, so each request
 * reaches one worker. A broker (Spring Integration's AMQP or Kafka channels) could take its place without any other
 * change: only this configuration names the transport.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
class PartitionChannel {

	static final String REQUESTS = "siftPartitionRequests";

	static final String SCHEDULER = "siftWorkerScheduler";

	/** The message group (the channel's name in the table) of partition requests. */
	private static final String GROUP = "sift-partitions";

	private static final String REGION = "SIFT";

	@Bean
	JdbcChannelMessageStore siftPartitionStore(DataSource dataSource) {
		JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
		store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
		store.setRegion(REGION);
		store.setMessageRowMapper(new PartitionRequests());
		return store;
	}

	@Bean(REQUESTS)
	QueueChannel siftPartitionRequests(JdbcChannelMessageStore siftPartitionStore) {
		return new QueueChannel(new MessageGroupQueue(siftPartitionStore, GROUP));
	}

	/** Heartbeats of this worker, and the watch of a manager over its runs' partitions. */
	@Bean(SCHEDULER)
	ThreadPoolTaskScheduler siftWorkerScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.threadNamePrefix("sift-worker-").poolSize(2).build();
	}

}
