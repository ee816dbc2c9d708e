-- Frånvaro, the rest: ending a reported absence early, and the school's view
-- of absence reports as they arrive.

-- The request that ended the absence early (NULL while it runs as reported).
ALTER TABLE absences ADD COLUMN ended_by_request text REFERENCES requests (id);

-- The staff API reads one day's reports of a school after a cursor (the row's seq).
CREATE INDEX absences_date_seq ON absences (date, seq);

-- Staff who have the absence reports open hear of each new or changed report
-- of their school: one notification per school touched, on the same channel
-- as the devices' (key `staff:<school id>`, a key no device holds).
CREATE FUNCTION absence_reports_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.school_id, max(ch.seq) AS s
             FROM changed ch
             JOIN pupils p ON p.id = ch.pupil_id
             JOIN classes c ON c.id = p.class_id
            WHERE ch.source = 'reported'
            GROUP BY c.school_id LOOP
    PERFORM pg_notify('sync', json_build_object('c', 'absenceReports', 'k', 'staff:' || r.school_id, 's', r.s)::text);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER absences_reports_notify_i AFTER INSERT ON absences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION absence_reports_notify();
CREATE TRIGGER absences_reports_notify_u AFTER UPDATE ON absences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION absence_reports_notify();
