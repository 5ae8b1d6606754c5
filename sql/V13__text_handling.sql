-- What was done to a record too long for one request of the model (model.long-text): "truncated: ..." with the
-- tokens dropped, or "chunked: ..." with the parts; NULL for a record that fitted.
ALTER TABLE classification_result ADD COLUMN text_handling TEXT;
