-- Row-level security for a team's Tawsim database: PostgreSQL itself, not
-- the app, makes sure that each annotator changes only their own layers,
-- that only reviewers change the gold layer, and that everyone may read
-- everything.
--
-- Run it as the owner of the tables (the role that first opened the
-- database with Tawsim, which created them), with the corpus's schema
-- first on the search path, after that first open and after each Tawsim
-- upgrade that changes the layout. It can be run again at any time:
--
--   psql "postgres://owner@db.example.org/tawsim" -f pgstore/setup.sql
--
-- Then give each person a login role in one of the two groups:
--
--   CREATE ROLE layla LOGIN PASSWORD '…' IN ROLE tawsim_annotator;
--   CREATE ROLE sami  LOGIN PASSWORD '…' IN ROLE tawsim_reviewer;
--
-- An annotator writes the layers whose annotator name is their role's
-- name. When the name they annotate under in Tawsim is another one (an
-- Arabic name, say), map it:
--
--   INSERT INTO annotator_roles VALUES ('layla', 'ليلى');
--
-- The owner is not bound by the policies: changing the schema in a way
-- that renames or removes annotation types rewrites every layer, so it is
-- the owner's (or an administrator's) job.

-- The two groups. Roles belong to the whole server, so they may exist.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tawsim_annotator') THEN
		CREATE ROLE tawsim_annotator NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tawsim_reviewer') THEN
		CREATE ROLE tawsim_reviewer NOLOGIN;
	END IF;
END
$$;

-- Which annotator names a role may write, besides its own name.
CREATE TABLE IF NOT EXISTS annotator_roles (
	role      name NOT NULL,
	annotator text COLLATE "C" NOT NULL,
	PRIMARY KEY (role, annotator)
);

-- tawsim_may_write says whether the current role may change a layer of
-- this annotator: its own, one mapped to it, or gold for a reviewer. It
-- runs with the caller's rights (current_user is the caller).
CREATE OR REPLACE FUNCTION tawsim_may_write(layer_annotator text) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT layer_annotator = current_user::text
		OR EXISTS (SELECT FROM annotator_roles r WHERE r.role = current_user AND r.annotator = layer_annotator)
		OR (layer_annotator = 'gold' AND pg_has_role(current_user, 'tawsim_reviewer', 'MEMBER'))
$$;

-- Every table of a layer's contents names the layer's annotator, so each
-- row is judged alone: read by all, written only where tawsim_may_write
-- allows. A refused INSERT is an error; a refused UPDATE or DELETE
-- touches no row, and SELECT … FOR UPDATE does not see the row, which
-- Tawsim reports as a refusal.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['layers', 'entities', 'events', 'changes', 'stacks'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('DROP POLICY IF EXISTS tawsim_read ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS tawsim_insert ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS tawsim_update ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS tawsim_delete ON %I', t);
		EXECUTE format('CREATE POLICY tawsim_read ON %I FOR SELECT USING (true)', t);
		EXECUTE format('CREATE POLICY tawsim_insert ON %I FOR INSERT WITH CHECK (tawsim_may_write(annotator))', t);
		EXECUTE format('CREATE POLICY tawsim_update ON %I FOR UPDATE USING (tawsim_may_write(annotator)) WITH CHECK (tawsim_may_write(annotator))', t);
		EXECUTE format('CREATE POLICY tawsim_delete ON %I FOR DELETE USING (tawsim_may_write(annotator))', t);
		EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO tawsim_annotator, tawsim_reviewer', t);
	END LOOP;
	EXECUTE format('GRANT USAGE ON SCHEMA %I TO tawsim_annotator, tawsim_reviewer', current_schema());
END
$$;

-- Anyone may import texts; documents are never changed afterwards.
GRANT SELECT, INSERT ON documents TO tawsim_annotator, tawsim_reviewer;
-- Everyone reads the layout and the schema; reviewers may change the schema.
GRANT SELECT ON meta TO tawsim_annotator, tawsim_reviewer;
GRANT INSERT, UPDATE ON meta TO tawsim_reviewer;
GRANT SELECT ON annotator_roles TO tawsim_annotator, tawsim_reviewer;
