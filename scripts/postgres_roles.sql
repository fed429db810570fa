-- Jobspor on PostgreSQL with two roles (docs/audit.md): the owner runs the migrations, the application runs as a
-- role that may only INSERT and SELECT the audit trail. `jobspor audit grant_app_role jobspor_app --create` does
-- the same as this script (and checks the role); this file is for doing it by hand.
--
-- 1. Once, as a superuser (psql -U postgres):
--      CREATE ROLE jobspor_owner LOGIN PASSWORD '…';
--      CREATE ROLE jobspor_app LOGIN PASSWORD '…';
--      CREATE DATABASE jobspor OWNER jobspor_owner;
-- 2. Migrate as the owner:
--      DATABASE_URL=postgres://jobspor_app:…@db/jobspor \
--      JOBSPOR_MIGRATE_DATABASE_URL=postgres://jobspor_owner:…@db/jobspor jobspor migrate
-- 3. Then this file, as the owner:  psql "postgres://jobspor_owner:…@db/jobspor" -f scripts/postgres_roles.sql
--    (or set JOBSPOR_DATABASE_APP_ROLE=jobspor_app and every `jobspor migrate` grants it again itself).

GRANT USAGE ON SCHEMA public TO jobspor_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jobspor_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO jobspor_app;
ALTER DEFAULT PRIVILEGES FOR ROLE jobspor_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO jobspor_app;
ALTER DEFAULT PRIVILEGES FOR ROLE jobspor_owner IN SCHEMA public
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO jobspor_app;
-- The audit trail: only INSERT and SELECT (no UPDATE, DELETE, TRUNCATE; not the owner, so no ALTER TABLE).
REVOKE ALL ON audit_accesslog, audit_event, audit_chainanchor FROM jobspor_app;
REVOKE ALL ON audit_accesslog, audit_event, audit_chainanchor FROM PUBLIC;
GRANT SELECT, INSERT ON audit_accesslog, audit_event, audit_chainanchor TO jobspor_app;
-- The retention rule, through the owner's function (made by the migration audit 0007).
GRANT EXECUTE ON FUNCTION public.jobspor_audit_prune(timestamptz) TO jobspor_app;
