-- Where a decision on a result was written outside the results store: a results table row or a source row's
-- write-back columns, one 'write' row per destination with the values written (new_value) and where (written_to).
ALTER TABLE result_correction ADD COLUMN written_to TEXT;
ALTER TABLE result_correction DROP CONSTRAINT result_correction_action_check;
ALTER TABLE result_correction ADD CONSTRAINT result_correction_action_check
    CHECK (action IN ('accept', 'correct', 'approve', 'reject', 'write'));
ALTER TABLE result_correction ADD CONSTRAINT result_correction_written_to_check
    CHECK ((action = 'write') = (written_to IS NOT NULL));
