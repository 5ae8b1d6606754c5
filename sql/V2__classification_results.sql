-- One row per classified record: the latest outcome for a source, record and prompt version.
CREATE TABLE classification_result (
    id                 BIGSERIAL PRIMARY KEY,
    job_name           TEXT        NOT NULL,
    job_instance_id    BIGINT,
    source             TEXT        NOT NULL,
    record_id          TEXT        NOT NULL,
    source_line        BIGINT,
    input_text         TEXT,
    fields             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    labels             JSONB,
    raw_output         TEXT,
    status             TEXT        NOT NULL,
    reason             TEXT,
    attempts           INTEGER     NOT NULL DEFAULT 0,
    model_name         TEXT,
    prompt_version     TEXT        NOT NULL,
    prompt_tokens      INTEGER,
    completion_tokens  INTEGER,
    duration_ms        BIGINT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT classification_result_status_check CHECK (status IN ('ok', 'needs_review', 'failed')),
    CONSTRAINT classification_result_reason_check CHECK (status = 'ok' OR reason IS NOT NULL),
    CONSTRAINT classification_result_record_key UNIQUE (source, record_id, prompt_version)
);

CREATE INDEX classification_result_job_instance_idx ON classification_result (job_instance_id, status);
CREATE INDEX classification_result_status_idx ON classification_result (status, updated_at);
