import type { TDepartment, TImportFile } from "../directory/import-file-schema.ts";
import type { SandboxChannel, SandboxUser } from "./store.ts";

export interface DemoDepartment {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: TDepartment["kind"];
}

export interface DemoWorkspace {
  /** Import file giving every department a channel, a principal head and a liaison. */
  directory: TImportFile;
  users: SandboxUser[];
  channels: SandboxChannel[];
  officeChannelId: string;
  outsiderId: string;
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
const GIVEN = ["建国", "伟", "芳", "军", "静", "磊", "敏", "洋", "勇", "艳", "杰", "娟", "强", "丽", "涛", "霞", "明", "婷", "斌", "红"];
/** A county-level unit's head is 区长, 县长 or 市长 after the last character of its name (红旗区 → 区长). */
export function headTitleFor(d: Pick<DemoDepartment, "id" | "kind" | "nameZh">): string {
  if (d.id === "fire-brigade") return "支队长";
  if (d.kind === "county_district") {
    const last = d.nameZh.slice(-1);
    if (last === "区" || last === "县" || last === "市") return `${last}长`;
  }
  return HEAD_TITLE[d.kind];
}

const HEAD_TITLE: Record<TDepartment["kind"], string> = {
  department: "局长",
  county_district: "县（市、区）长", // placeholder only: headTitleFor gives 区长 / 县长 / 市长 from the name
  university: "校长",
  office: "主任",
};

/**
 * A made-up workspace for the sandbox: one channel per department, a head and a liaison each, an office
 * coordinator, and an outsider who belongs nowhere. Ids are stable so a restarted sandbox finds its data.
 */
export function demoWorkspace(departments: readonly DemoDepartment[]): DemoWorkspace {
  const users: SandboxUser[] = [];
  const channels: SandboxChannel[] = [];
  const entries: TDepartment[] = [];
  let officeChannelId = "";
  departments.forEach((d, i) => {
    const ids = demoSlackIds(d.id);
    const channelId = ids.channelId;
    const head = {
      id: ids.headId,
      realName: `${SURNAMES[i % 20]}${GIVEN[(i * 7) % 20]}`,
      title: headTitleFor(d),
    };
    const liaison = { id: ids.liaisonId, realName: `${SURNAMES[(i + 9) % 20]}${GIVEN[(i * 3 + 5) % 20]}`, title: "联络员" };
    users.push(
      { id: head.id, name: `${d.id}.head`, realName: head.realName, title: `${d.nameZh}${head.title}` },
      { id: liaison.id, name: `${d.id}.liaison`, realName: liaison.realName, title: `${d.nameZh}${liaison.title}` },
    );
    channels.push({ id: channelId, name: d.nameZh, members: [head.id, liaison.id], topic: d.nameEn });
    if (d.kind === "office") officeChannelId = channelId;
    entries.push({
      id: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      kind: d.kind,
      slackChannelId: channelId,
      head: { slackUserId: head.id, name: head.realName, title: head.title },
      liaisons: [{ slackUserId: liaison.id, name: liaison.realName }],
    });
  });
  const outsiderId = "U0OUTSIDER";
  users.push({ id: outsiderId, name: "outsider", realName: "路人甲", title: "不属于任何单位" });
  return { directory: { version: 1, departments: entries }, users, channels, officeChannelId, outsiderId };
}

/** The Slack ids the sandbox gives a department: stable, so a restarted sandbox finds its data, and recognisable. */
export function demoSlackIds(departmentId: string): { channelId: string; headId: string; liaisonId: string } {
  const code = departmentId
    .replace(/[^a-z0-9]/g, "")
    .toUpperCase()
    .slice(0, 12);
  return { channelId: `C0${code}`, headId: `U0${code}H`, liaisonId: `U0${code}L` };
}

export interface DirectoryRow {
  id: string;
  nameZh: string;
  slackChannelId: string | null;
  headSlackUserId: string | null;
  liaisonSlackUserIds: readonly string[];
}

/**
 * The departments whose Slack channel, head or liaisons are not the sandbox's made-up ones: a directory someone
 * imported for real. The speech's seed (no Slack ids) and the demo workspace give none.
 */
export function realDirectoryEntries(rows: readonly DirectoryRow[]): DirectoryRow[] {
  return rows.filter((row) => {
    const demo = demoSlackIds(row.id);
    return (
      (row.slackChannelId !== null && row.slackChannelId !== demo.channelId) ||
      (row.headSlackUserId !== null && row.headSlackUserId !== demo.headId) ||
      row.liaisonSlackUserIds.some((id) => id !== demo.liaisonId)
    );
  });
}
