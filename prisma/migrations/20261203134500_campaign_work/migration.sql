-- CreateTable
CREATE TABLE "CampaignWork" (
    "campaignId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "settledFor" TEXT,
    "settledAt" BIGINT,

    CONSTRAINT "CampaignWork_pkey" PRIMARY KEY ("campaignId")
);

-- AddForeignKey
ALTER TABLE "CampaignWork" ADD CONSTRAINT "CampaignWork_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every write that could give a campaign something to send again raises its work version, whoever makes it (a launch
-- post recorded, a completion changed or removed, a bundle item removed, a sent dispatch un-sent, a new definition):
-- the reminder sweep's "nothing left" (settledFor, settledAt) then no longer holds. Writes that can only close work
-- (a completion added, a dispatch sent, a target removed) leave it.
CREATE FUNCTION "bump_campaign_work"(campaign TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CampaignWork" ("campaignId", "version") SELECT campaign, 1 WHERE EXISTS (SELECT 1 FROM "Campaign" WHERE "id" = campaign)
  ON CONFLICT ("campaignId") DO UPDATE SET "version" = "CampaignWork"."version" + 1;
$$;

CREATE FUNCTION "campaign_target_bumps_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_campaign_work"(NEW."campaignId");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "CampaignTarget_inserted_bumps_work" AFTER INSERT ON "CampaignTarget"
  FOR EACH ROW WHEN (NEW."messageTs" IS NOT NULL) EXECUTE FUNCTION "campaign_target_bumps_work"();
CREATE TRIGGER "CampaignTarget_updated_bumps_work" AFTER UPDATE ON "CampaignTarget"
  FOR EACH ROW WHEN (NEW."messageTs" IS DISTINCT FROM OLD."messageTs" OR NEW."campaignId" IS DISTINCT FROM OLD."campaignId"
    OR NEW."departmentId" IS DISTINCT FROM OLD."departmentId") EXECUTE FUNCTION "campaign_target_bumps_work"();

CREATE FUNCTION "completion_bumps_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_campaign_work"(t."campaignId") FROM "Task" t WHERE t."id" = OLD."taskId";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Completion_updated_bumps_work" AFTER UPDATE ON "Completion"
  FOR EACH ROW WHEN (NEW."taskId" IS DISTINCT FROM OLD."taskId" OR NEW."departmentId" IS DISTINCT FROM OLD."departmentId"
    OR NEW."pledgeVersion" IS DISTINCT FROM OLD."pledgeVersion") EXECUTE FUNCTION "completion_bumps_work"();
CREATE TRIGGER "Completion_deleted_bumps_work" AFTER DELETE ON "Completion"
  FOR EACH ROW EXECUTE FUNCTION "completion_bumps_work"();

CREATE FUNCTION "bundle_item_bumps_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_campaign_work"(OLD."campaignId");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReminderBundleItem_deleted_bumps_work" AFTER DELETE ON "ReminderBundleItem"
  FOR EACH ROW EXECUTE FUNCTION "bundle_item_bumps_work"();
CREATE TRIGGER "ReminderBundleItem_updated_bumps_work" AFTER UPDATE ON "ReminderBundleItem"
  FOR EACH ROW WHEN (NEW."itemKey" IS DISTINCT FROM OLD."itemKey" OR NEW."bundleKey" IS DISTINCT FROM OLD."bundleKey")
  EXECUTE FUNCTION "bundle_item_bumps_work"();

-- A sent dispatch is final in redline; should one ever be un-sent or removed, every campaign is checked again.
CREATE FUNCTION "dispatch_unsent_bumps_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CampaignWork" SET "version" = "version" + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Dispatch_unsent_bumps_work" AFTER UPDATE ON "Dispatch"
  FOR EACH ROW WHEN (OLD."status" = 'sent' AND (NEW."status" <> 'sent' OR NEW."key" IS DISTINCT FROM OLD."key"))
  EXECUTE FUNCTION "dispatch_unsent_bumps_work"();
CREATE TRIGGER "Dispatch_deleted_bumps_work" AFTER DELETE ON "Dispatch"
  FOR EACH ROW WHEN (OLD."status" = 'sent') EXECUTE FUNCTION "dispatch_unsent_bumps_work"();

CREATE FUNCTION "campaign_definition_bumps_work"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_campaign_work"(NEW."id");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Campaign_definition_bumps_work" AFTER UPDATE ON "Campaign"
  FOR EACH ROW WHEN (NEW."definition" IS DISTINCT FROM OLD."definition" OR NEW."status" IS DISTINCT FROM OLD."status")
  EXECUTE FUNCTION "campaign_definition_bumps_work"();
