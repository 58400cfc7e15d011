-- API keys. Only the SHA-256 of a key (hex) and its public prefix are stored,
-- never the key itself. Permissions and namespaces are JSON arrays of strings;
-- timestamps are microseconds since the Unix epoch.

CREATE TABLE api_keys (
    api_key_uuid  TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    prefix        TEXT    NOT NULL UNIQUE,
    key_hash      TEXT    NOT NULL,
    permissions   TEXT    NOT NULL,
    namespaces    TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    last_used_at  BIGINT
);
