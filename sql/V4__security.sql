-- Who may use the web service. Lock-out state lives here, not in memory, so it holds across instances.
CREATE TABLE sift_user (
    id               BIGSERIAL PRIMARY KEY,
    username         TEXT        NOT NULL,
    password_hash    TEXT        NOT NULL,
    role             TEXT        NOT NULL,
    enabled          BOOLEAN     NOT NULL DEFAULT TRUE,
    failed_attempts  INTEGER     NOT NULL DEFAULT 0,
    locked_until     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT sift_user_username_key UNIQUE (username),
    CONSTRAINT sift_user_role_check CHECK (role IN ('ADMIN', 'REVIEWER', 'VIEWER')),
    CONSTRAINT sift_user_password_hash_check CHECK (password_hash LIKE '$2_$%')
);

-- API tokens: only a hash of the secret is kept; a token dies with the user who created it.
CREATE TABLE api_token (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT        NOT NULL,
    secret_sha256  TEXT        NOT NULL,
    role           TEXT        NOT NULL,
    user_id        BIGINT      NOT NULL REFERENCES sift_user (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at     TIMESTAMPTZ,
    CONSTRAINT api_token_secret_sha256_key UNIQUE (secret_sha256),
    CONSTRAINT api_token_role_check CHECK (role IN ('ADMIN', 'REVIEWER', 'VIEWER'))
);

CREATE INDEX api_token_user_idx ON api_token (user_id);
