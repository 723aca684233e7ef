-- CreateTable
CREATE TABLE "MatrixVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "MatrixVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "MatrixVersion" ("id", "version") VALUES (1, 1) ON CONFLICT DO NOTHING;

-- Any write to what an answer is built from bumps the version, whoever makes it (import, edits, another replica).
CREATE FUNCTION "bump_matrix_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MatrixVersion" ("id", "version") VALUES (1, 1)
  ON CONFLICT ("id") DO UPDATE SET "version" = "MatrixVersion"."version" + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "VenueType_bumps_matrix_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "VenueType"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matrix_version"();
CREATE TRIGGER "MatrixEntry_bumps_matrix_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MatrixEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matrix_version"();
CREATE TRIGGER "Department_bumps_matrix_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Department"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matrix_version"();
