import type { Db } from "../db/client.ts";
import type { Campaign } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { CampaignListItem } from "../messages/campaigns/office-replies.ts";
import { loadStatusBoard } from "./load-boards.ts";

export function campaignNotFound(text: string): AppError {
  return new AppError(
    ErrorCode.NotFound,
    { zh: `找不到行动“${text}”。用 /redline 行动 列表 查看编号。`, en: `No campaign “${text}”. /redline campaign list shows the ids.` },
    { details: { campaign: text } },
  );
}

/**
 * The campaign someone named: its run id exactly, else the run of the template with that id (the open one, else the
 * latest), else the one whose title (Chinese or English) contains the text —
 * running ones first. Two titles that both match are not guessed between; the error names them.
 */
export async function findCampaign(db: Db, text: string): Promise<Campaign> {
  const wanted = text.trim();
  if (!wanted) throw campaignNotFound(text);
  const exact = await db.campaign.findUnique({ where: { id: wanted.toLowerCase() } });
  if (exact) return exact;
  const runs = await db.campaign.findMany({ where: { templateId: wanted.toLowerCase() }, orderBy: { launchedAt: "desc" } });
  const run = runs.find((c) => c.status !== "closed") ?? runs[0];
  if (run) return run;
  const matches = await db.campaign.findMany({
    where: { OR: [{ titleZh: { contains: wanted } }, { titleEn: { contains: wanted, mode: "insensitive" } }] },
    orderBy: { launchedAt: "desc" },
  });
  const running = matches.filter((c) => c.status !== "closed");
  const pool = running.length > 0 ? running : matches;
  if (pool.length === 1) return pool[0]!;
  if (pool.length === 0) throw campaignNotFound(text);
  throw new AppError(ErrorCode.InputInvalid, {
    zh: `“${wanted}”对应多项行动：${pool.map((c) => `${c.titleZh}（${c.id}）`).join("、")}。请写行动编号。`,
    en: `“${wanted}” matches several campaigns: ${pool.map((c) => `${c.titleEn} (${c.id})`).join(", ")}. Please give the id.`,
  });
}

/** Every campaign with its progress, running first, newest first within each. */
export async function listCampaigns(db: Db, now: Date, zone: string): Promise<CampaignListItem[]> {
  const campaigns = await db.campaign.findMany({ orderBy: { launchedAt: "desc" }, select: { id: true } });
  const items: CampaignListItem[] = [];
  for (const { id } of campaigns) {
    const board = await loadStatusBoard(db, id, now, zone);
    if (!board) continue;
    const row = await db.campaign.findUniqueOrThrow({ where: { id }, select: { launchedAt: true, closedAt: true } });
    items.push({
      id,
      title: board.campaign.title,
      status: board.status,
      launchedAt: row.launchedAt,
      closedAt: row.closedAt,
      departments: board.rows.length,
      done: board.totals.done,
      cells: board.totals.cells,
      overdue: board.totals.overdue,
    });
  }
  return items.sort((a, b) => Number(a.status === "closed") - Number(b.status === "closed"));
}
