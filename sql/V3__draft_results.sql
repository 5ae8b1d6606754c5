-- Generated text is stored as a draft until a person approves it; a draft, like an ok result, needs no reason.
ALTER TABLE classification_result DROP CONSTRAINT classification_result_status_check;
ALTER TABLE classification_result ADD CONSTRAINT classification_result_status_check
    CHECK (status IN ('ok', 'draft', 'needs_review', 'failed'));
ALTER TABLE classification_result DROP CONSTRAINT classification_result_reason_check;
ALTER TABLE classification_result ADD CONSTRAINT classification_result_reason_check
    CHECK (status IN ('ok', 'draft') OR reason IS NOT NULL);
