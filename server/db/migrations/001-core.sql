-- The core schema: people, classes, timetable, absence, requests, sessions,
-- and the bookkeeping of replication (sequence, scope keys, notifications).

-- Every write to a replicated table takes the next number of this sequence
-- while holding one transaction-level advisory lock, so numbers are handed
-- out in commit order: no transaction can commit a smaller number after a
-- reader has seen a larger one.
CREATE SEQUENCE sync_seq;

CREATE FUNCTION sync_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(7420001);
$$;

-- created_seq remembers the number a row was born with: a device that lost
-- access to a key is told of the rows it could have had (born before), never
-- of rows made afterwards.
CREATE FUNCTION sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sync_lock();
  NEW.seq := nextval('sync_seq');
  NEW.created_seq := CASE WHEN TG_OP = 'INSERT' THEN NEW.seq ELSE OLD.created_seq END;
  NEW.updated_at := now();
  RETURN NEW;
END $$;

-- After each statement, one notification per (collection, scope key) touched:
-- TG_ARGV[0] is the collection, TG_ARGV[1] the SQL expression of the key.
CREATE FUNCTION sync_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN EXECUTE format('SELECT %s AS k, max(seq) AS s FROM changed GROUP BY 1', TG_ARGV[1]) LOOP
    PERFORM pg_notify('sync', json_build_object('c', TG_ARGV[0], 'k', r.k, 's', r.s)::text);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TABLE schools (
  id text PRIMARY KEY,
  name text NOT NULL,
  municipality text NOT NULL
);

CREATE TABLE classes (
  id text PRIMARY KEY,
  school_id text NOT NULL REFERENCES schools (id),
  name text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 0 AND 10)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('guardian', 'pupil', 'staff', 'admin')),
  name text NOT NULL,
  email text UNIQUE CHECK (email = lower(email)),
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pupils (
  id text PRIMARY KEY,
  user_id text UNIQUE REFERENCES users (id),
  first_name text NOT NULL,
  last_name text NOT NULL,
  class_id text NOT NULL REFERENCES classes (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE custody (
  guardian_id text NOT NULL REFERENCES users (id),
  pupil_id text NOT NULL REFERENCES pupils (id),
  ended_at timestamptz,
  PRIMARY KEY (guardian_id, pupil_id)
);
CREATE INDEX custody_pupil ON custody (pupil_id);

CREATE TABLE lessons (
  id text PRIMARY KEY,
  class_id text NOT NULL REFERENCES classes (id),
  date date NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time),
  subject text NOT NULL,
  room text NOT NULL DEFAULT '',
  teacher text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'cancelled', 'substituted')),
  substitute text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX lessons_class_seq ON lessons (class_id, seq);
CREATE INDEX lessons_class_date ON lessons (class_id, date);

CREATE TABLE requests (
  id text PRIMARY KEY,
  kind text NOT NULL,
  pupil_id text NOT NULL,
  author_id text NOT NULL REFERENCES users (id),
  payload jsonb NOT NULL,
  created_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CHECK (status IN ('accepted', 'rejected')),
  reason text NOT NULL DEFAULT '',
  reason_code text NOT NULL DEFAULT '',
  reason_params jsonb NOT NULL DEFAULT '{}',
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX requests_author_seq ON requests (author_id, seq);

CREATE TABLE absences (
  id text PRIMARY KEY,
  pupil_id text NOT NULL REFERENCES pupils (id),
  date date NOT NULL,
  whole_day boolean NOT NULL,
  from_time text NOT NULL,
  to_time text NOT NULL,
  lesson_ids text[] NOT NULL DEFAULT '{}',
  source text NOT NULL CHECK (source IN ('reported', 'registered')),
  validity text NOT NULL CHECK (validity IN ('reported', 'valid', 'invalid')),
  comment text NOT NULL DEFAULT '',
  reported_by text NOT NULL DEFAULT '',
  request_id text UNIQUE REFERENCES requests (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX absences_pupil_seq ON absences (pupil_id, seq);
CREATE INDEX absences_pupil_date ON absences (pupil_id, date);

-- What each user may replicate, as scope keys: (kind, ref) = ('pupil', id),
-- ('class', id) or ('user', id). A key that enters a user's scope gets
-- since_seq, one that leaves gets until_seq, both from sync_seq: a pull serves
-- a document at GREATEST(its seq, since_seq) and a tombstone at until_seq, so
-- a scope change reaches a device whose checkpoint is already past the document.
CREATE TABLE scope_keys (
  user_id text NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('pupil', 'class', 'user')),
  ref text NOT NULL,
  since_seq bigint NOT NULL,
  until_seq bigint,
  PRIMARY KEY (user_id, kind, ref)
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TRIGGER pupils_stamp BEFORE INSERT OR UPDATE ON pupils FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER lessons_stamp BEFORE INSERT OR UPDATE ON lessons FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER absences_stamp BEFORE INSERT OR UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER requests_stamp BEFORE INSERT OR UPDATE ON requests FOR EACH ROW EXECUTE FUNCTION sync_stamp();

-- A row never changes the scope key it is replicated under (a lesson moved to
-- another class is a new lesson): devices of the old key would never hear of it.
CREATE FUNCTION sync_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) ->> TG_ARGV[0] IS DISTINCT FROM to_jsonb(OLD) ->> TG_ARGV[0] THEN
    RAISE EXCEPTION '%.% cannot change; delete the row and insert a new one', TG_TABLE_NAME, TG_ARGV[0];
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lessons_key_fixed BEFORE UPDATE ON lessons FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('class_id');
CREATE TRIGGER absences_key_fixed BEFORE UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('pupil_id');
CREATE TRIGGER requests_key_fixed BEFORE UPDATE ON requests FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('author_id');

CREATE TRIGGER pupils_notify_i AFTER INSERT ON pupils REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('pupils', $$'pupil:' || id$$);
CREATE TRIGGER pupils_notify_u AFTER UPDATE ON pupils REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('pupils', $$'pupil:' || id$$);
CREATE TRIGGER lessons_notify_i AFTER INSERT ON lessons REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('lessons', $$'class:' || class_id$$);
CREATE TRIGGER lessons_notify_u AFTER UPDATE ON lessons REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('lessons', $$'class:' || class_id$$);
CREATE TRIGGER absences_notify_i AFTER INSERT ON absences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('absences', $$'pupil:' || pupil_id$$);
CREATE TRIGGER absences_notify_u AFTER UPDATE ON absences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('absences', $$'pupil:' || pupil_id$$);
CREATE TRIGGER requests_notify_i AFTER INSERT ON requests REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('requests', $$'user:' || author_id$$);
CREATE TRIGGER requests_notify_u AFTER UPDATE ON requests REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('requests', $$'user:' || author_id$$);

-- A user's scope changed: their devices should pull every collection again.
CREATE FUNCTION scope_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT user_id FROM changed LOOP
    PERFORM pg_notify('sync', json_build_object('u', r.user_id)::text);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER scope_keys_notify_i AFTER INSERT ON scope_keys REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION scope_notify();
CREATE TRIGGER scope_keys_notify_u AFTER UPDATE ON scope_keys REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION scope_notify();
