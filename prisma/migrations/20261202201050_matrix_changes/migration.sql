-- AlterTable
ALTER TABLE "MatrixEntry" ADD COLUMN     "changedAt" TIMESTAMP(3),
ADD COLUMN     "changedBy" TEXT,
ADD COLUMN     "sourceDocument" TEXT;

-- CreateTable
CREATE TABLE "MatrixChange" (
    "id" SERIAL NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "venueTypeId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,

    CONSTRAINT "MatrixChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MatrixChange_sourceKey_key" ON "MatrixChange"("sourceKey");

-- CreateIndex
CREATE INDEX "MatrixChange_at_idx" ON "MatrixChange"("at");

-- The matrix's history is append-only: refuse UPDATE and DELETE whoever asks (TRUNCATE, for test resets, is not a row change).
CREATE FUNCTION "matrix_change_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'MatrixChange is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "matrix_change_append_only"
  BEFORE UPDATE OR DELETE ON "MatrixChange"
  FOR EACH ROW EXECUTE FUNCTION "matrix_change_append_only"();
