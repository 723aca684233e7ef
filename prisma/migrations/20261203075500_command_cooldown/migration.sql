-- CreateTable
CREATE TABLE "CommandCooldown" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "by" TEXT NOT NULL,

    CONSTRAINT "CommandCooldown_pkey" PRIMARY KEY ("key")
);
