-- Utvecklingssamtal (development talks): the times a school opens for a
-- class, and each child's booking. One replicated table, two kinds of row:
--
-- * a slot (kind 'slot') belongs to its class (scope class:<id>) and says
--   only whether it is free or taken, never by whom — every family of the
--   class sees it;
-- * a booking (kind 'booking') belongs to one pupil (scope pupil:<id>): only
--   that child's family sees it. Its id is the id of the request that made
--   it, so a booking is made once however often its request arrives.
--
-- Closing a slot, cancelling or changing a booking sets `deleted` (devices
-- get a tombstone). A slot has at most one live booking (the unique index
-- below, besides the request handler's own check under the sync lock).
CREATE TABLE conferences (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('class', 'pupil')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('slot', 'booking')),
  -- A slot's own id; a booking's slot.
  slot_id text NOT NULL,
  class_id text NOT NULL REFERENCES classes (id),
  date date NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time),
  location text NOT NULL DEFAULT '',
  teacher text NOT NULL DEFAULT '',
  -- The last day (Europe/Stockholm, inclusive) on which families may book, change or cancel.
  book_until date NOT NULL CHECK (book_until <= date),
  taken boolean NOT NULL DEFAULT false,
  -- Bookings only: the pupil, who booked (name shown to the family, id for the school) and the request.
  pupil_id text REFERENCES pupils (id),
  booked_by text NOT NULL DEFAULT '',
  booked_by_id text REFERENCES users (id),
  request_id text REFERENCES requests (id),
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((kind = 'slot') = (scope_kind = 'class')),
  CHECK (kind = 'slot' OR (pupil_id IS NOT NULL AND pupil_id = scope_ref AND NOT taken)),
  CHECK (kind = 'booking' OR (pupil_id IS NULL AND slot_id = id AND scope_ref = class_id))
);

CREATE UNIQUE INDEX conferences_one_booking_per_slot ON conferences (slot_id) WHERE kind = 'booking' AND NOT deleted;
CREATE INDEX conferences_scope_seq ON conferences (scope_kind, scope_ref, seq);
CREATE INDEX conferences_pupil ON conferences (pupil_id) WHERE kind = 'booking' AND NOT deleted;
CREATE INDEX conferences_class_date ON conferences (class_id, date) WHERE kind = 'slot';

CREATE TRIGGER conferences_stamp BEFORE INSERT OR UPDATE ON conferences FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER conferences_kind_fixed BEFORE UPDATE ON conferences FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER conferences_ref_fixed BEFORE UPDATE ON conferences FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER conferences_notify_i AFTER INSERT ON conferences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('conferences', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER conferences_notify_u AFTER UPDATE ON conferences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('conferences', $$scope_kind || ':' || scope_ref$$);
