-- A person's verdict on a result: classified labels checked (reviewed), generated copy approved or rejected.
ALTER TABLE classification_result DROP CONSTRAINT classification_result_status_check;
ALTER TABLE classification_result ADD CONSTRAINT classification_result_status_check
    CHECK (status IN ('ok', 'draft', 'needs_review', 'failed', 'reviewed', 'approved', 'rejected'));
ALTER TABLE classification_result DROP CONSTRAINT classification_result_reason_check;
ALTER TABLE classification_result ADD CONSTRAINT classification_result_reason_check
    CHECK (status IN ('ok', 'draft', 'reviewed', 'approved') OR reason IS NOT NULL);

-- Every decision on a result, never updated: one row per changed field ('correct'), and one row without a field for
-- accepting labels as they are, approving or rejecting. A result's labels always hold the latest values; this
-- table holds how they got there. Users are named, not referenced: the history outlives a deleted user.
CREATE TABLE result_correction (
    id             BIGSERIAL PRIMARY KEY,
    result_id      BIGINT      NOT NULL REFERENCES classification_result (id) ON DELETE CASCADE,
    action         TEXT        NOT NULL,
    field          TEXT,
    old_value      JSONB,
    new_value      JSONB,
    corrected_by   TEXT        NOT NULL,
    corrected_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason         TEXT,
    CONSTRAINT result_correction_action_check CHECK (action IN ('accept', 'correct', 'approve', 'reject')),
    CONSTRAINT result_correction_field_check CHECK ((action = 'correct') = (field IS NOT NULL)),
    CONSTRAINT result_correction_reason_check CHECK (action <> 'reject' OR reason IS NOT NULL)
);

CREATE INDEX result_correction_result_idx ON result_correction (result_id, corrected_at);

-- The review queue (needs_review first, then newest) and the copy queue read pages in index order.
CREATE INDEX classification_result_review_queue_idx ON classification_result
    (job_name, (status <> 'needs_review'), created_at DESC, id DESC) WHERE status IN ('needs_review', 'ok', 'draft');
-- Label filters (labels @> {"field": "value"}) and per-day insights of a job.
CREATE INDEX classification_result_labels_idx ON classification_result USING gin (labels jsonb_path_ops);
CREATE INDEX classification_result_job_day_idx ON classification_result (job_name, created_at);
