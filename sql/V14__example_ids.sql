-- The reviewed results a record's prompt had as worked examples (model.examples-from-corrections), so every result
-- can be traced to the corrections that shaped it; NULL when it had none.
ALTER TABLE classification_result ADD COLUMN example_ids BIGINT[];
