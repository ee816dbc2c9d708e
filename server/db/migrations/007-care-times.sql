-- Fritidsschema (after-school care times): which pupils are enrolled in
-- fritids, their care times per day, and the days the school has locked.
-- One replicated table (the `careTimes` collection), told apart by `kind`:
--
--   enrolment  a pupil is enrolled (scope pupil); opens/closes: the opening hours
--   day        a pupil's times for one date (scope pupil); arrival = departure = '' for no care
--   lock       the school has locked a date (scope school); reason says why
--
-- A day row is created by the first accepted `care.set` request for that pupil
-- and date (its id is that request's id) and updated by later ones;
-- request_id names the request whose times it holds, set_by_id its author.
CREATE TABLE care_times (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'pupil')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('enrolment', 'day', 'lock')),
  date date,
  arrival text NOT NULL DEFAULT '' CHECK (arrival = '' OR arrival ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  departure text NOT NULL DEFAULT '' CHECK (departure = '' OR departure ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  comment text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  opens text NOT NULL DEFAULT '',
  closes text NOT NULL DEFAULT '',
  set_by text NOT NULL DEFAULT '',
  set_by_id text REFERENCES users (id),
  request_id text NOT NULL DEFAULT '',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((kind = 'lock') = (scope_kind = 'school')),
  CHECK ((kind = 'enrolment') = (date IS NULL)),
  CHECK (kind <> 'day' OR (arrival = '') = (departure = '')),
  CHECK (kind <> 'day' OR arrival = '' OR arrival < departure),
  CHECK (kind <> 'enrolment' OR (opens ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND closes > opens))
);

CREATE UNIQUE INDEX care_times_enrolment ON care_times (scope_ref) WHERE kind = 'enrolment';
CREATE UNIQUE INDEX care_times_day ON care_times (scope_ref, date) WHERE kind = 'day';
CREATE UNIQUE INDEX care_times_lock ON care_times (scope_ref, date) WHERE kind = 'lock';
CREATE INDEX care_times_scope_seq ON care_times (scope_kind, scope_ref, seq);
CREATE INDEX care_times_school_date ON care_times (school_id, date);

CREATE TRIGGER care_times_stamp BEFORE INSERT OR UPDATE ON care_times FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER care_times_kind_fixed BEFORE UPDATE ON care_times FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER care_times_ref_fixed BEFORE UPDATE ON care_times FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER care_times_notify_i AFTER INSERT ON care_times REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('careTimes', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER care_times_notify_u AFTER UPDATE ON care_times REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('careTimes', $$scope_kind || ':' || scope_ref$$);
