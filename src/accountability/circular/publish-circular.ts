import { recordAudit } from "../../audit/record-audit.ts";
import type { Config } from "../../config/env.ts";
import type { Db } from "../../db/client.ts";
import type { Delivery } from "../../delivery/delivery.ts";
import { requireOffice, requireOfficeChannel } from "../../directory/office.ts";
import { unitsNamed, type CircularContent } from "../../domain/accountability/circular.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { circularComment } from "../../messages/accountability/circular-message.ts";
import { CIRCULAR_DISPATCH_KIND, circularKeys } from "../keys.ts";
import { circularDocx } from "./circular-docx.ts";
import { contentOf } from "./draft-circular.ts";

export interface CircularDeps {
  db: Db;
  delivery: Delivery;
  config: Pick<Config, "officeChannelId" | "zone">;
  logger: Logger;
}

export const circularFileName = (c: CircularContent, id: number) => `通报-${c.period}-${id}.docx`;

/** The draft as a Word file in the drafter's direct messages, once per draft and person. */
export async function sendDraft(deps: CircularDeps, id: number, userId: string, now: Date): Promise<void> {
  const row = await deps.db.circular.findUniqueOrThrow({ where: { id } });
  const c = contentOf(row);
  const channel = await deps.delivery.openDm(userId);
  await deps.delivery.uploadOnce({
    key: circularKeys.draft(id, userId),
    kind: CIRCULAR_DISPATCH_KIND,
    channel,
    file: await circularDocx(c, { issuedOn: localDay(now, deps.config.zone) }),
    filename: circularFileName(c, id),
    title: `${c.title}（草稿）`,
    initialComment: `草稿 #${id}：请审阅后在预览中点“发布”。`,
  });
}

export interface PublishOutcome {
  content: CircularContent;
  /** Who published it first (this person, or someone before them). */
  publishedBy: string;
  already: boolean;
  units: number;
  /** Units the 通报 names that have no channel registered. */
  missing: string[];
  /** Sends that failed this time; pressing 发布 again sends what is missing, never twice. */
  failed: string[];
}

/**
 * Publishes a draft once: the database decides who published it (a conditional update from draft), and each file
 * goes once per place under its own key, so a double click, Slack's retry or a crash halfway sends nothing twice
 * and the next press completes what is missing.
 */
export async function publishCircular(deps: CircularDeps, id: number, actor: string, now: Date): Promise<PublishOutcome> {
  await requireOffice(deps.db, actor, { zh: "发布通报", en: "publish circulars" });
  const office = await requireOfficeChannel(deps.db, deps.config);
  const moved = await deps.db.$transaction(async (tx) => {
    const m = await tx.circular.updateMany({ where: { id, status: "draft" }, data: { status: "published", publishedBy: actor, publishedAt: now } });
    if (m.count === 1) await recordAudit(tx, { actor, action: "circular.publish", outcome: "ok", subject: `circular:${id}`, at: now });
    return m.count === 1;
  });
  const row = await deps.db.circular.findUnique({ where: { id } });
  if (!row) throw new AppError(ErrorCode.NotFound, { zh: `没有编号为 ${id} 的通报。`, en: `There is no circular #${id}.` });
  const c = contentOf(row);
  const file = await circularDocx(c, { issuedOn: localDay(row.publishedAt ?? now, deps.config.zone) });
  const base = { kind: CIRCULAR_DISPATCH_KIND, file, filename: circularFileName(c, id), title: c.title };
  const failed: string[] = [];
  const send = async (what: string, go: () => Promise<unknown>) => {
    try {
      await go();
    } catch (e) {
      deps.logger.warn({ err: e, circular: id, to: what }, "circular upload failed");
      failed.push(what);
    }
  };
  await send("office", () => deps.delivery.uploadOnce({ ...base, key: circularKeys.office(id), channel: office, initialComment: circularComment(c) }));
  const named = unitsNamed(c);
  const departments = await deps.db.department.findMany({ where: { id: { in: named } }, select: { id: true, nameZh: true, slackChannelId: true } });
  const missing: string[] = [];
  for (const unitId of named) {
    const d = departments.find((x) => x.id === unitId);
    if (!d?.slackChannelId) {
      missing.push(d?.nameZh ?? unitId);
      continue;
    }
    await send(d.nameZh, () => deps.delivery.uploadOnce({ ...base, key: circularKeys.unit(id, unitId), channel: d.slackChannelId!, initialComment: circularComment(c, unitId) }));
  }
  return { content: c, publishedBy: row.publishedBy ?? actor, already: !moved, units: named.length - missing.length, missing, failed };
}
