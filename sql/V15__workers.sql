-- Scale-out: partitions of a run processed by Sift workers on other machines (Spring Batch remote partitioning).

-- The channel the manager sends partition requests through and workers poll: Spring Integration's JDBC channel
-- message store (JdbcChannelMessageStore with PostgresChannelMessageStoreQueryProvider). These two objects are the
-- part of spring-integration-jdbc's schema-postgresql.sql the channel uses, as that script has them.
CREATE SEQUENCE int_message_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE int_channel_message (
    message_id       CHAR(36)     NOT NULL,
    group_key        CHAR(36)     NOT NULL,
    created_date     BIGINT       NOT NULL,
    message_priority BIGINT,
    message_sequence BIGINT       NOT NULL DEFAULT nextval('int_message_seq'),
    message_content  BYTEA,
    region           VARCHAR(100) NOT NULL,
    CONSTRAINT int_channel_message_pk PRIMARY KEY (region, group_key, created_date, message_sequence)
);

CREATE INDEX int_channel_msg_delete_idx ON int_channel_message (region, group_key, message_id);

-- Every worker that ever started, with what it runs and its last heartbeat. A worker without a heartbeat for
-- sift.worker.lost-after is lost: its partition is handed to another worker.
CREATE TABLE sift_worker (
    worker_id            UUID        PRIMARY KEY,
    host                 TEXT        NOT NULL,
    pid                  BIGINT      NOT NULL,
    model                TEXT        NOT NULL,
    gpu_layers           TEXT        NOT NULL,
    slots                INTEGER     NOT NULL,
    instances            INTEGER     NOT NULL,
    started_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- up, stopped (shut down) or lost (no heartbeat in time)
    state                TEXT        NOT NULL DEFAULT 'up',
    stopped_at           TIMESTAMPTZ,
    step_execution_id    BIGINT,
    partition_started_at TIMESTAMPTZ,
    partition_records    BIGINT      NOT NULL DEFAULT 0,
    records_per_second   DOUBLE PRECISION
);

CREATE INDEX sift_worker_heartbeat_idx ON sift_worker (state, heartbeat_at);

-- The partitions of each partitioned run, as the manager split its source.
CREATE TABLE run_partition (
    step_execution_id BIGINT  PRIMARY KEY REFERENCES batch_step_execution (step_execution_id) ON DELETE CASCADE,
    job_execution_id  BIGINT  NOT NULL REFERENCES batch_job_execution (job_execution_id) ON DELETE CASCADE,
    partition_index   INTEGER NOT NULL,
    partitions        INTEGER NOT NULL,
    records           BIGINT  NOT NULL,
    description       TEXT    NOT NULL
);

CREATE INDEX run_partition_job_idx ON run_partition (job_execution_id, partition_index);

-- Which worker took each partition, and how each attempt ended: running, completed, failed, stopped, or lost
-- (its worker died or stopped; the partition went back to the channel and another worker resumed it).
CREATE TABLE partition_attempt (
    attempt_id        BIGSERIAL   PRIMARY KEY,
    step_execution_id BIGINT      NOT NULL REFERENCES batch_step_execution (step_execution_id) ON DELETE CASCADE,
    worker_id         UUID        NOT NULL REFERENCES sift_worker (worker_id),
    started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at          TIMESTAMPTZ,
    outcome           TEXT        NOT NULL DEFAULT 'running',
    reason            TEXT
);

CREATE INDEX partition_attempt_step_idx ON partition_attempt (step_execution_id, attempt_id);
CREATE INDEX partition_attempt_running_idx ON partition_attempt (worker_id) WHERE outcome = 'running';
