-- The shared server for one association: a database, an owner role that Kvorum's
-- migrations run as, and one login per board member who uses Kvorum. Run it as a
-- superuser, once, with psql (change the names and passwords first):
--
--   psql -h db.example.dk -U postgres -v ON_ERROR_STOP=1 -f scripts/server-roles.sql
--
-- The server must accept only encrypted connections from the network (postgresql.conf:
-- ssl = on, with the server's certificate; pg_hba.conf: `hostssl` lines with
-- scram-sha-256, no `host` lines for the network). Kvorum refuses to reach a server on the
-- network without TLS, and verifies its certificate: a certificate from a public CA works
-- as is; the server's own certificate is given to Kvorum under "Fælles server".

CREATE ROLE perronen_owner NOLOGIN;
CREATE DATABASE perronen OWNER perronen_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE perronen FROM PUBLIC;

-- One login per person, so the server knows who connected (its own log, pg_stat_activity).
-- Each may create the tables the first time Kvorum opens the database (the migrations),
-- as a member of the owner role.
CREATE ROLE karin_sekretaer LOGIN PASSWORD 'skift-mig-1' IN ROLE perronen_owner;
CREATE ROLE kasper_kasserer LOGIN PASSWORD 'skift-mig-2' IN ROLE perronen_owner;
CREATE ROLE bent_formand LOGIN PASSWORD 'skift-mig-3' IN ROLE perronen_owner;
GRANT CONNECT, TEMPORARY ON DATABASE perronen TO perronen_owner;

\connect perronen
-- Tables are created in the public schema, owned by the owner role, whoever ran the
-- migration; nobody else may create or read anything there.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO perronen_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE perronen_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO perronen_owner;
-- Each login acts as the owner role inside the database, so tables a migration creates
-- belong to the owner and stay usable by everyone on the board.
ALTER ROLE karin_sekretaer IN DATABASE perronen SET role = 'perronen_owner';
ALTER ROLE kasper_kasserer IN DATABASE perronen SET role = 'perronen_owner';
ALTER ROLE bent_formand IN DATABASE perronen SET role = 'perronen_owner';

-- A board member who leaves the board: their login goes, the data stays.
--   DROP ROLE bent_formand;
