-- Accounts: session time-outs and the session list, activation codes, and the
-- counters that slow down guessing.

-- A session has two deadlines: expires_at (idle: moved forward while it is used)
-- and absolute_expires_at (never moved). A "shared computer" session has short
-- ones. public_id names a session in the user's list without revealing the hash
-- its cookie is looked up by.
ALTER TABLE sessions ADD COLUMN public_id text;
ALTER TABLE sessions ADD COLUMN absolute_expires_at timestamptz;
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz;
ALTER TABLE sessions ADD COLUMN shared boolean NOT NULL DEFAULT false;
ALTER TABLE sessions ADD COLUMN user_agent text NOT NULL DEFAULT '';
UPDATE sessions SET public_id = gen_random_uuid()::text,
                    absolute_expires_at = created_at + interval '90 days',
                    last_used_at = created_at;
ALTER TABLE sessions ALTER COLUMN public_id SET DEFAULT gen_random_uuid()::text;
ALTER TABLE sessions ALTER COLUMN public_id SET NOT NULL;
ALTER TABLE sessions ADD CONSTRAINT sessions_public_id UNIQUE (public_id);
ALTER TABLE sessions ALTER COLUMN absolute_expires_at SET NOT NULL;
ALTER TABLE sessions ALTER COLUMN last_used_at SET NOT NULL;

-- One-time activation codes an administrator issues so that a person without
-- BankID chooses their own password. Only the SHA-256 of a code is stored.
CREATE TABLE activation_codes (
  code_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issued_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX activation_codes_user ON activation_codes (user_id);

-- Brute-force counters, shared by every server instance: per account (growing
-- delay after failures) and per client address (a limit per time window).
CREATE TABLE auth_throttle (
  key text PRIMARY KEY,
  count integer NOT NULL,
  window_start timestamptz NOT NULL,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL
);
