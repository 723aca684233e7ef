import path from "node:path";
import { recordAudit } from "../audit/record-audit.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCampaignDepartments } from "./definition/check-campaign-departments.ts";
import type { Db } from "../db/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { ZCampaignFile, type TCampaignFile } from "./definition/campaign-file-schema.ts";
import { readCampaignFile } from "./definition/load-campaign-file.ts";
import { READY_MADE_CAMPAIGNS, readyMadeCampaignFile, type ReadyMadeCampaign } from "./definition/ready-made.ts";

/** A campaign file the office can launch, again and again: one shipped with redline, or one uploaded from Slack. */
export interface CampaignTemplate {
  id: string;
  file: TCampaignFile;
  /** Named in errors. */
  fileName: string;
  origin: "ready-made" | "uploaded" | "file";
}

export function isReadyMade(id: string): id is ReadyMadeCampaign {
  return (READY_MADE_CAMPAIGNS as readonly string[]).includes(id);
}

async function readyMade(id: ReadyMadeCampaign): Promise<CampaignTemplate> {
  return { id, file: await readCampaignFile(readyMadeCampaignFile(id)), fileName: `${id}.yaml`, origin: "ready-made" };
}

function uploaded(row: { id: string; definition: unknown; fileName: string }): CampaignTemplate {
  // Stored as validated; parsed again so a row written by an older version still meets today's schema.
  return { id: row.id, file: ZCampaignFile.parse(row.definition), fileName: row.fileName, origin: "uploaded" };
}

/** Every template: the ready-made ones in their shipped order, then the uploaded ones by id. */
export async function listTemplates(db: Db): Promise<CampaignTemplate[]> {
  const shipped = await Promise.all(READY_MADE_CAMPAIGNS.map(readyMade));
  const rows = await db.campaignTemplate.findMany({ orderBy: { id: "asc" } });
  return [...shipped, ...rows.filter((r) => !isReadyMade(r.id)).map(uploaded)];
}

/** The template with this id, or null. */
export async function findTemplate(db: Db, id: string): Promise<CampaignTemplate | null> {
  if (isReadyMade(id)) return readyMade(id);
  const row = await db.campaignTemplate.findUnique({ where: { id } });
  return row ? uploaded(row) : null;
}

/** What to launch: a template id (ready-made or uploaded), or — from the CLI — a path to a YAML file. */
export async function readLaunchSource(db: Db, source: string): Promise<CampaignTemplate> {
  const template = await findTemplate(db, source);
  if (template) return template;
  if (!/\.ya?ml$/i.test(source)) {
    const ids = (await listTemplates(db)).map((t) => t.id);
    throw new AppError(
      ErrorCode.NotFound,
      {
        zh: `没有行动模板“${source}”。可选：${ids.join("、")}；也可以上传 YAML 文件或给出文件路径。`,
        en: `No campaign template “${source}”. Choose one of ${ids.join(", ")}, upload a YAML file, or give a file path.`,
      },
      { details: { template: source } },
    );
  }
  const file = await readCampaignFile(source);
  return { id: file.id, file, fileName: path.basename(source), origin: "file" };
}

export interface SavedTemplate {
  id: string;
  /** False when it replaced an uploaded template with the same id. */
  created: boolean;
  revision: number;
}

/**
 * Stores an uploaded campaign file as a template, checked like a launch checks it (the schema, done by the caller's
 * parse, and the directory: every department and group it names). A new id is created once (a second upload at the
 * same moment replaces it instead); an existing uploaded template is replaced only over the revision read, so two
 * uploads at once both land, one after the other, and neither is lost silently. A shipped template's id is refused.
 */
export async function saveTemplate(
  db: Db,
  input: { file: TCampaignFile; fileName: string; uploadedBy: string; now: Date },
): Promise<SavedTemplate> {
  const { file, fileName, uploadedBy, now } = input;
  if (isReadyMade(file.id)) {
    throw new AppError(ErrorCode.Conflict, {
      zh: `${fileName}: id: “${file.id}”是内置行动模板的编号，不能替换；请换一个 id。`,
      en: `${fileName}: id: “${file.id}” is a shipped campaign template and cannot be replaced; please choose another id.`,
    });
  }
  assertCampaignDepartments(file, await db.department.findMany(), fileName);
  const definition = file as unknown as Prisma.InputJsonValue;
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await db.campaignTemplate.findUnique({ where: { id: file.id } });
    if (!existing) {
      try {
        await db.$transaction(async (tx) => {
          await tx.campaignTemplate.create({ data: { id: file.id, definition, fileName, uploadedBy, uploadedAt: now } });
          await recordAudit(tx, {
            actor: uploadedBy,
            action: "campaign.template_upload",
            outcome: "ok",
            subject: `template:${file.id}`,
            detail: { fileName, revision: 1 },
            at: now,
          });
        });
        return { id: file.id, created: true, revision: 1 };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        continue;
      }
    }
    const replaced = await db.$transaction(async (tx) => {
      const res = await tx.campaignTemplate.updateMany({
        where: { id: file.id, revision: existing.revision },
        data: { definition, fileName, uploadedBy, uploadedAt: now, revision: existing.revision + 1 },
      });
      if (res.count === 1)
        await recordAudit(tx, {
          actor: uploadedBy,
          action: "campaign.template_upload",
          outcome: "ok",
          subject: `template:${file.id}`,
          detail: { fileName, revision: existing.revision + 1 },
          at: now,
        });
      return res.count === 1;
    });
    if (replaced) return { id: file.id, created: false, revision: existing.revision + 1 };
  }
  throw new AppError(ErrorCode.Conflict, {
    zh: `模板 ${file.id} 正在被同时上传，请稍后再试。`,
    en: `Template ${file.id} is being uploaded by someone else right now; please try again.`,
  });
}
