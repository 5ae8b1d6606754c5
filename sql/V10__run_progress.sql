-- What the runs list shows of each run, kept by Sift with every chunk (in the chunk's transaction) instead of decoded
-- from Spring Batch's step execution contexts: the records the process step reads in all, how many earlier
-- executions of the same run read, and this execution's counts.
CREATE TABLE run_progress (
    job_execution_id  BIGINT      PRIMARY KEY REFERENCES batch_job_execution (job_execution_id) ON DELETE CASCADE,
    job_instance_id   BIGINT      NOT NULL,
    records_total     BIGINT,
    read_before       BIGINT      NOT NULL DEFAULT 0,
    read_count        BIGINT      NOT NULL DEFAULT 0,
    write_count       BIGINT      NOT NULL DEFAULT 0,
    filter_count      BIGINT      NOT NULL DEFAULT 0,
    skip_count        BIGINT      NOT NULL DEFAULT 0,
    started_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX run_progress_instance_idx ON run_progress (job_instance_id, job_execution_id);

-- Runs from before this table: their process steps' counts; the total they read is unknown.
INSERT INTO run_progress (job_execution_id, job_instance_id, records_total, read_before, read_count, write_count,
    filter_count, skip_count, started_at, updated_at)
SELECT s.job_execution_id, e.job_instance_id, NULL,
    coalesce(sum(s.read_count) OVER (PARTITION BY e.job_instance_id ORDER BY s.job_execution_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
    s.read_count, s.write_count, s.filter_count, s.read_skip_count + s.process_skip_count + s.write_skip_count,
    coalesce(s.start_time, s.create_time), coalesce(s.last_updated, s.start_time, s.create_time)
FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
WHERE s.step_name = 'process';
