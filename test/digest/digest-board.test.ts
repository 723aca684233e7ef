import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READY_MADE_CAMPAIGNS, readCampaignFile, readyMadeCampaignFile, SHORT_TITLE_MAX } from "../../src/campaigns/definition/index.ts";
import { launchCampaign } from "../../src/campaigns/launch-campaign.ts";
import { loadRunningBoards } from "../../src/campaigns/load-boards.ts";
import type { Database } from "../../src/db/client.ts";
import { digestBoard } from "../../src/digest/digest-board.ts";
import { parseBoard } from "../../src/digest/render/board-schema.ts";
import { buildBoardSvg } from "../../src/digest/render/build-board-svg.ts";
import { bundledFontMetrics } from "../../src/digest/render/font-metrics.ts";
import { BOARD_LAYOUT, layoutBoard } from "../../src/digest/render/layout-board.ts";
import { wrapLines } from "../../src/digest/render/fit-text.ts";
import type { Lang } from "../../src/lib/i18n.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds } from "../support/fixtures.ts";
import { ALL_DEPARTMENTS } from "../slack/campaigns/campaign-harness.ts";

const ZONE = "Asia/Shanghai";
const NOW = new Date("2026-05-25T10:00:00+08:00");
const metrics = bundledFontMetrics();

describe.each(dbKinds())("digest picture of the shipped campaigns (%s database)", (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ALL_DEPARTMENTS);
    for (const id of READY_MADE_CAMPAIGNS) {
      const file = await readCampaignFile(readyMadeCampaignFile(id));
      await launchCampaign(db.prisma, { file, fileName: `${id}.yaml`, launchedBy: "UOFFICE", now: NOW, zone: ZONE });
    }
  });
  afterAll(async () => db?.close());

  /** The column names as the picture draws them (each column's lines joined). */
  async function drawnColumns(lang: Lang): Promise<{ groups: string[]; columns: string[]; svg: string }> {
    const board = digestBoard(await loadRunningBoards(db.prisma, NOW, ZONE), NOW, ZONE, lang);
    const layout = layoutBoard(parseBoard(board), lang, metrics);
    return {
      groups: layout.groups.map((g) => g.label.text),
      columns: layout.columns.map((c) => c.labelLines.map((l) => l.text).join(lang === "zh" ? "" : " ")),
      svg: buildBoardSvg(layout),
    };
  }

  it("names each column by the file's short title, whole, under one header per campaign", async () => {
    const zh = await drawnColumns("zh");
    // Newest first; all three launched at the same moment, so the order is the database's — compare as sets per campaign.
    const sorted = (xs: string[]) => [...xs].sort();
    expect(sorted(zh.columns)).toEqual(sorted(["确认收到", "确认收到", "确认收到", "警示教育", "负责人承诺", "谈心情况", "整治情况"]));
    expect(sorted(zh.groups)).toEqual(sorted(["事故隐患整治情况上报", "夏季消防安全专项行动", "安全生产对话谈心活动"]));
    expect(zh.svg).toContain(">负责人承诺<");
    const en = await drawnColumns("en");
    // Lines joined by a space: a word broken across two lines would show as two.
    for (const label of ["Head's pledge", "Warning education", "Dialogue report", "Hazards fixed"]) expect(en.columns).toContain(label);
    expect(en.columns.filter((c) => c === "Acknowledged")).toHaveLength(3);
    for (const label of [...zh.columns, ...en.columns]) expect(label).not.toContain("…");
  });

  it("a campaign whose file gives no short title gets one made from its kind", async () => {
    const file = await readCampaignFile(readyMadeCampaignFile("summer-fire-safety"));
    const bare = { ...file, id: "bare-fire", tasks: file.tasks.map(({ short: _, ...t }) => t) };
    await launchCampaign(db.prisma, { file: bare, fileName: "bare-fire.yaml", launchedBy: "UOFFICE", now: NOW, zone: ZONE });
    const board = digestBoard(await loadRunningBoards(db.prisma, NOW, ZONE, ["bare-fire-2026"]), NOW, ZONE, "zh");
    expect(board.columns.map((c) => c.label)).toEqual(["收到", "警示教育", "承诺"]);
  });
});

describe("the short title's length limit", () => {
  it("lets a title of the longest allowed length fit its column without being cut", () => {
    const width = BOARD_LAYOUT.columnWidth - 8;
    const drawn = (text: string) => wrapLines(text, width, BOARD_LAYOUT.columnLabelSize, BOARD_LAYOUT.columnLabelLines, metrics).join(" ");
    const longestZh = "法人代表签署消防安全承诺书面";
    expect([...longestZh].length).toBe(SHORT_TITLE_MAX.zh);
    expect(drawn(longestZh)).toBe("法人代表签署消 防安全承诺书面");
    expect(drawn(`${longestZh}字`)).toContain("…");
    const longestEn = "Pledge by the legal head";
    expect(longestEn.length).toBe(SHORT_TITLE_MAX.en);
    expect(drawn(longestEn)).toBe("Pledge by the legal head");
  });
});
