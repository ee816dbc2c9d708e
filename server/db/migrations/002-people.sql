-- Contact details and protected identity (skyddad identitet).
-- A person with protected identity never has address, phone or e-mail shown to
-- other families; whether a pupil's name appears in class lists is the school's
-- choice (name_in_class_list), and is off for protected pupils unless set.
ALTER TABLE users ADD COLUMN phone text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN protected_identity boolean NOT NULL DEFAULT false;
ALTER TABLE pupils ADD COLUMN protected_identity boolean NOT NULL DEFAULT false;
ALTER TABLE pupils ADD COLUMN name_in_class_list boolean NOT NULL DEFAULT true;
