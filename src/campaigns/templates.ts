import path from "node:path";
import type { Db } from "../db/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
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
