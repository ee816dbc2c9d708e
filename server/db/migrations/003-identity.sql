-- Identity providers: BankID for guardians, Google (OpenID Connect) for pupils.

-- A guardian is found by personnummer, stored only as HMAC-SHA256 under a key
-- the database does not hold (server/auth/identity.ts).
ALTER TABLE users ADD COLUMN personnummer_hash text UNIQUE CHECK (personnummer_hash ~ '^[0-9a-f]{64}$');

-- An account at an OpenID provider, linked to a user: matched by issuer and
-- subject (never by e-mail, which can change hands). One per user and issuer.
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text NOT NULL DEFAULT '',
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  UNIQUE (issuer, user_id)
);

-- A BankID order while the browser that started it waits; the row is removed
-- when the order ends. The browser holds a random token in a cookie; `id` is
-- its SHA-256. The qrStartSecret stays here: it never reaches the browser.
CREATE TABLE bankid_orders (
  id text PRIMARY KEY,
  order_ref text NOT NULL UNIQUE,
  flow text NOT NULL CHECK (flow IN ('qr', 'device')),
  qr_start_token text NOT NULL,
  qr_start_secret text NOT NULL,
  auto_start_token text NOT NULL,
  -- When BankID answered the auth call: second 0 of the animated QR code.
  started_at timestamptz NOT NULL,
  hint_code text NOT NULL DEFAULT '',
  -- The session to start is for a shared computer.
  shared boolean NOT NULL DEFAULT false,
  collected_at timestamptz,
  polled_at timestamptz NOT NULL
);
CREATE INDEX bankid_orders_polled ON bankid_orders (polled_at);
