-- METRICS: the role of a Prometheus scraper, which may read /actuator/prometheus and nothing else.
ALTER TABLE sift_user DROP CONSTRAINT sift_user_role_check;
ALTER TABLE sift_user ADD CONSTRAINT sift_user_role_check CHECK (role IN ('ADMIN', 'REVIEWER', 'VIEWER', 'METRICS'));

ALTER TABLE api_token DROP CONSTRAINT api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check CHECK (role IN ('ADMIN', 'REVIEWER', 'VIEWER', 'METRICS'));
