-- Accounts, sessions, API tokens, the sign-in throttle's failures and the audit log (issue 3).
--
-- Times here are BIGINT microseconds since 1970-01-01 UTC on both engines: the audit hash
-- covers `at` to the microsecond, and one integer representation keeps both engines and the
-- hash identical. Flags are INTEGER 0/1. No secret is stored in the clear: password_hash is
-- argon2id, sessions are keyed by a BLAKE2b hash of the session id, API tokens keep the hash
-- of their secret.
CREATE TABLE users (
  id {{id}},
  username {{code_text}} NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A role (auth::RoleCode) held in a scope ("35" or "35.14").
CREATE TABLE grants (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role {{code_text}} NOT NULL,
  scope_code {{code_text}} NOT NULL,
  PRIMARY KEY (user_id, role, scope_code)
);

CREATE TABLE sessions (
  id_hash {{code_text}} PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id {{code_text}} PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  secret_hash TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sign_in_failures (
  username {{code_text}} NOT NULL,
  remote_address {{code_text}} NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_username ON sign_in_failures (username, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (remote_address, at);

-- Append-only and hash-chained (auth/audit_chain.hpp). before_json/after_json are TEXT, never
-- jsonb: jsonb reorders keys and the stored hash would no longer verify.
CREATE TABLE audit_log (
  sequence BIGINT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor_username TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT '',
  action {{code_text}} NOT NULL,
  record_type {{code_text}} NOT NULL DEFAULT '',
  record_id {{code_text}} NOT NULL DEFAULT '',
  regency_code {{code_text}} NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_regency ON audit_log (regency_code, sequence);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);

-- The chain's head, one row: appenders lock it (SELECT ... FOR UPDATE on PostgreSQL) so that
-- two transactions never seal onto the same head.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sequence BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, sequence, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
