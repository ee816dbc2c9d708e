-- Uppgifter (assignments) and eTest, in one replicated table told apart by
-- kind: `assignment` and `etest` are published by staff for a school, a
-- class or a pupil; `conversation` (the talk about an assignment and the
-- pupil's status) and `submission` (an eTest's receipt and, once published,
-- its result) belong to one pupil (scope_kind 'pupil'), so pupils never see
-- each other's. answer_key is the school's: it is never replicated; a pupil
-- sees the correct answers only inside their published result.

CREATE TABLE tasks (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  school_id text NOT NULL REFERENCES schools (id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('school', 'class', 'pupil')),
  scope_ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('assignment', 'etest', 'conversation', 'submission')),
  task_id text REFERENCES tasks (id),
  pupil_id text REFERENCES pupils (id),
  title text NOT NULL DEFAULT '',
  subject text NOT NULL DEFAULT '',
  instructions text NOT NULL DEFAULT '',
  teacher text NOT NULL DEFAULT '',
  date date,
  deadline timestamptz,
  opens_at timestamptz,
  closes_at timestamptz,
  questions jsonb NOT NULL DEFAULT '[]',
  answer_key jsonb NOT NULL DEFAULT '{}',
  messages jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT '' CHECK (status IN ('', 'started', 'submitted', 'completed', 'needsWork')),
  answers jsonb NOT NULL DEFAULT '[]',
  submitted_at timestamptz,
  request_id text UNIQUE REFERENCES requests (id),
  result jsonb,
  attachments jsonb NOT NULL DEFAULT '[]',
  author_id text REFERENCES users (id),
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (task_id, pupil_id),
  CHECK ((kind IN ('conversation', 'submission')) = (task_id IS NOT NULL AND pupil_id IS NOT NULL)),
  CHECK (kind NOT IN ('conversation', 'submission') OR (scope_kind = 'pupil' AND scope_ref = pupil_id)),
  CHECK (kind <> 'etest' OR (opens_at IS NOT NULL AND closes_at IS NOT NULL AND closes_at > opens_at))
);

CREATE INDEX tasks_scope_seq ON tasks (scope_kind, scope_ref, seq);
CREATE INDEX tasks_author ON tasks (author_id) WHERE kind IN ('assignment', 'etest');

CREATE TRIGGER tasks_stamp BEFORE INSERT OR UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION sync_stamp();
CREATE TRIGGER tasks_kind_fixed BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_kind');
CREATE TRIGGER tasks_ref_fixed BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION sync_key_fixed('scope_ref');
CREATE TRIGGER tasks_notify_i AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('tasks', $$scope_kind || ':' || scope_ref$$);
CREATE TRIGGER tasks_notify_u AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION sync_notify('tasks', $$scope_kind || ':' || scope_ref$$);
