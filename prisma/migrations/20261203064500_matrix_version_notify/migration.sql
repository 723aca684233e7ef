-- Each bump of the matrix version is also announced on the channel redline_matrix (payload: the new version), at
-- commit, to every process listening: replicas keep the matrix in memory and read the version row again only then.
CREATE OR REPLACE FUNCTION "bump_matrix_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped BIGINT;
BEGIN
  INSERT INTO "MatrixVersion" ("id", "version") VALUES (1, 1)
  ON CONFLICT ("id") DO UPDATE SET "version" = "MatrixVersion"."version" + 1
  RETURNING "version" INTO bumped;
  PERFORM pg_notify('redline_matrix', bumped::text);
  RETURN NULL;
END;
$$;
