-- The start page's boxes: assessments (Bedömningar), events (Kalender),
-- publications (Information, Planeringar, Dokumentation), contacts
-- (Kontaktlista), and the files attached to publications.
--
-- Every item belongs to a school, a class or a pupil: its scope key is
-- (scope_kind, scope_ref), the same pair as in scope_keys, and it never
-- changes. Unpublishing sets `deleted` (devices get a tombstone);
-- publishing again clears it.

-- Users hold school:<id> for each child's school (school-wide items).
ALTER TABLE scope_keys DROP CONSTRAINT scope_keys_kind_check;
ALTER TABLE scope_keys ADD CONSTRAINT scope_keys_kind_check CHECK (kind IN ('pupil', 'class', 'user', 'school'));

SELECT sync_lock();
INSERT INTO scope_keys (user_id, kind, ref, since_seq, until_seq)
SELECT user_id, 'school', school_id, nextval('sync_seq'), NULL
  FROM (SELECT DISTINCT k.user_id, c.school_id
          FROM scope_keys k JOIN classes c ON c.id = k.ref
         WHERE k.kind = 'class' AND k.until_seq IS NULL) s;

-- The school a staff member publishes for (admins publish for every school).
ALTER TABLE users ADD COLUMN school_id text REFERENCES schools (id);

CREATE TABLE assessments (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind = 'pupil'),
  scope_ref text NOT NULL,
  subject text NOT NULL,
  title text NOT NULL,
  date date NOT NULL,
  teacher text NOT NULL DEFAULT '',
  comment text NOT NULL DEFAULT '',
  requirements jsonb NOT NULL DEFAULT '[]',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE events (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'class', 'pupil')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('event', 'trip', 'holiday', 'conferenceDay', 'personal')),
  title text NOT NULL,
  date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= date),
  start_time text NOT NULL DEFAULT '',
  end_time text NOT NULL DEFAULT '',
  location text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE publications (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'class', 'pupil')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('news', 'file', 'link', 'planning', 'documentation')),
  doc_type text NOT NULL DEFAULT '' CHECK (doc_type IN ('', 'iup', 'note', 'actionProgramme')),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  url text NOT NULL DEFAULT '',
  subject text NOT NULL DEFAULT '',
  period_from text NOT NULL DEFAULT '',
  period_to text NOT NULL DEFAULT '',
  goals jsonb NOT NULL DEFAULT '[]',
  author text NOT NULL DEFAULT '',
  date date NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  links jsonb NOT NULL DEFAULT '[]',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Documentation is always about one pupil.
  CHECK ((kind = 'documentation') = (doc_type <> '')),
  CHECK (kind <> 'documentation' OR scope_kind = 'pupil')
);

-- Staff entries come from the staff API; pupil entries (the class list) are
-- built by the server from the register (server/boxes/class-list.ts).
CREATE TABLE contacts (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'class')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'pupil')),
  name text NOT NULL,
  sort_name text NOT NULL,
  role text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  guardians jsonb NOT NULL DEFAULT '[]',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Attachments, in the database (bytea): every server instance behind a load
-- balancer sees them, and they are backed up with everything else. A file
-- has the scope of the publication it was uploaded for.
CREATE TABLE files (
  id text PRIMARY KEY,
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'class', 'pupil')),
  scope_ref text NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  author_id text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX assessments_scope_seq ON assessments (scope_kind, scope_ref, seq);
CREATE INDEX events_scope_seq ON events (scope_kind, scope_ref, seq);
CREATE INDEX publications_scope_seq ON publications (scope_kind, scope_ref, seq);
CREATE INDEX contacts_scope_seq ON contacts (scope_kind, scope_ref, seq);

CREATE TRIGGER assessments_stamp BEFORE INSERT OR UPDATE ON assessments FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER events_stamp BEFORE INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER publications_stamp BEFORE INSERT OR UPDATE ON publications FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER contacts_stamp BEFORE INSERT OR UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION sync_stamp();

CREATE TRIGGER assessments_kind_fixed BEFORE UPDATE ON assessments FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER assessments_ref_fixed BEFORE UPDATE ON assessments FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER events_kind_fixed BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER events_ref_fixed BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER publications_kind_fixed BEFORE UPDATE ON publications FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER publications_ref_fixed BEFORE UPDATE ON publications FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER contacts_kind_fixed BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER contacts_ref_fixed BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER files_kind_fixed BEFORE UPDATE ON files FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER files_ref_fixed BEFORE UPDATE ON files FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');

CREATE TRIGGER assessments_notify_i AFTER INSERT ON assessments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('assessments', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER assessments_notify_u AFTER UPDATE ON assessments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('assessments', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER events_notify_i AFTER INSERT ON events REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('events', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER events_notify_u AFTER UPDATE ON events REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('events', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER publications_notify_i AFTER INSERT ON publications REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('publications', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER publications_notify_u AFTER UPDATE ON publications REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('publications', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER contacts_notify_i AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('contacts', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER contacts_notify_u AFTER UPDATE ON contacts REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('contacts', $$scope_kind || ':' || scope_ref$$);
