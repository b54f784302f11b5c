-- PostgreSQL only: a number that changes whenever anything is written (Store.DataVersion, by
-- which the server knows its cached answers are stale). Statement-level triggers draw from a
-- sequence: no row is locked, so concurrent writers do not wait for one another.
CREATE SEQUENCE data_version;
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM nextval('data_version');
	RETURN NULL;
END $$;
CREATE TRIGGER articles_version AFTER INSERT OR UPDATE OR DELETE ON articles FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER events_version AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER quotes_version AFTER INSERT OR UPDATE OR DELETE ON quotes FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER entities_version AFTER INSERT OR UPDATE OR DELETE ON entities FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER clusters_version AFTER INSERT OR UPDATE OR DELETE ON clusters FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER claims_version AFTER INSERT OR UPDATE OR DELETE ON claims FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER sketches_version AFTER INSERT OR UPDATE OR DELETE ON sketches FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER settings_version AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
