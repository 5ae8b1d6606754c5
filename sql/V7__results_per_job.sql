-- A result belongs to its job: two jobs reading the same file (a copied spec, the same task) each keep their own
-- results. Existing rows keep their job; the old key (source, record, prompt version) made them unique per job too.
ALTER TABLE classification_result DROP CONSTRAINT classification_result_record_key;
ALTER TABLE classification_result ADD CONSTRAINT classification_result_record_key
    UNIQUE (job_name, source, record_id, prompt_version);

-- The review and copy queues list needs_review first, then the most recently stored.
DROP INDEX classification_result_review_queue_idx;
CREATE INDEX classification_result_review_queue_idx ON classification_result
    (job_name, (status <> 'needs_review'), updated_at DESC, id DESC) WHERE status IN ('needs_review', 'ok', 'draft');
