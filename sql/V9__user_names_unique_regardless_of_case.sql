-- User names are unique regardless of case: 'Admin' and 'admin' would be two users that people and logs cannot
-- tell apart, and signing in ignores the case of the name. Names that already differ only in case stop the
-- migration, naming them: which of them should stay is a person's decision.
DO $$
DECLARE
    clashes TEXT;
BEGIN
    SELECT string_agg(names, '; ' ORDER BY names COLLATE "C") INTO clashes
    FROM (SELECT string_agg(quote_literal(username), ', ' ORDER BY username COLLATE "C") AS names
          FROM sift_user GROUP BY lower(username) HAVING count(*) > 1) AS same_but_case;
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'User names must be unique regardless of case, but these differ only in case: %', clashes
            USING HINT = 'Rename all but one of each (UPDATE sift_user SET username = ''new-name'' WHERE username = '
                || '''old-name'') or delete them (their API tokens go with them), then start Sift again.';
    END IF;
END
$$;

ALTER TABLE sift_user DROP CONSTRAINT sift_user_username_key;
CREATE UNIQUE INDEX sift_user_username_lower_key ON sift_user (lower(username));
