import { describe, expect, it } from "vitest";
import { MAX_FILTER_TEXT } from "../../../src/domain/audit/audit-filter.ts";
import { AUDIT_PAGE_SIZE, buildAuditLogMessage, type AuditLogEntry } from "../../../src/messages/audit/audit-log-message.ts";
import { encodeAuditPageValue, parseAuditPageValue } from "../../../src/messages/audit/audit-page-ref.ts";
import { auditJson, auditLine, auditRow } from "../../../src/messages/audit/audit-rows.ts";
import { AUDIT_ACTIONS } from "../../../src/messages/audit/ids.ts";
import { buttons, expectValidMessage, textOf } from "../campaigns/helpers.ts";

const ZONE = "Asia/Shanghai";
const entry = (over: Partial<AuditLogEntry> = {}): AuditLogEntry => ({
  id: 41n,
  at: new Date("2026-05-25T09:02:03+08:00"),
  actor: "U0LIAISON",
  action: "campaign.ack",
  outcome: "refused",
  subject: "campaign:summer-fire-safety",
  departmentId: "culture",
  channelId: "CCULTURE",
  messageTs: "1.0001",
  detail: { code: "forbidden", task: "acknowledge" },
  ...over,
});
const NASTY = "<!channel> <!here> <!subteam^S1> <@U1> &lt;";
const ESCAPED = "&lt;!channel&gt; &lt;!here&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; &amp;lt;";

describe("the audit log page", () => {
  it("shows who, when, what and the outcome of each entry, in the reader's language", () => {
    const zh = buildAuditLogMessage({ entries: [entry()], filter: {}, older: null, paged: false, zone: ZONE, lang: "zh" });
    expectValidMessage(zh);
    const text = textOf(zh.blocks);
    expect(text).toContain("`#41` 2026-05-25 09:02:03 · <@U0LIAISON> · *campaign.ack* · ⛔ 拒绝 forbidden");
    expect(text).toContain('campaign:summer-fire-safety · 单位 culture · <#CCULTURE> · {"task":"acknowledge"}');
    expect(text).toContain("筛选：全部记录");
    const en = buildAuditLogMessage({
      entries: [entry({ outcome: "ok", actor: "scheduler", detail: null })],
      filter: {},
      older: null,
      paged: false,
      zone: ZONE,
      lang: "en",
    });
    expect(textOf(en.blocks)).toContain(
      "`#41` 2026-05-25 09:02:03 · scheduler · *campaign.ack* · ✅ ok\n　campaign:summer-fire-safety · dept culture",
    );
    expect(buttons(zh.blocks)).toEqual([]);
  });

  it("escapes every text that may carry what someone typed: actor, subject, detail and the filter", () => {
    const message = buildAuditLogMessage({
      entries: [entry({ actor: `cli:${NASTY}`, subject: `campaign:${NASTY}`, channelId: NASTY, detail: { code: NASTY, text: NASTY } })],
      filter: { actor: NASTY, subject: NASTY, actionPrefix: NASTY, departmentId: NASTY },
      older: null,
      paged: false,
      zone: ZONE,
      lang: "zh",
    });
    const text = textOf(message.blocks);
    expect(text).toContain(`cli:${ESCAPED}`);
    expect(text).toContain(`campaign:${ESCAPED}`);
    expect(text).toContain(`⛔ 拒绝 ${ESCAPED}`);
    expect(text).toContain(`操作人 ${ESCAPED}`);
    expect(text.replace(/<@U0LIAISON>|<#[A-Z0-9]+>/g, "")).not.toMatch(/<[!@#]/);
    expect(message.text).not.toMatch(/</);
  });

  it("pages within Block Kit's limits, with buttons that carry the filter and the cursor", () => {
    const long = "x".repeat(MAX_FILTER_TEXT);
    const filter = {
      since: new Date("2026-05-01T00:00:00+08:00"),
      until: new Date("2026-06-01T00:00:00+08:00"),
      actor: long,
      actionPrefix: long,
      subject: long,
      departmentId: long,
    };
    const entries = Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) =>
      entry({ id: BigInt(1000 - i), detail: { code: "input_invalid", text: "长".repeat(300) } }),
    );
    const message = buildAuditLogMessage({ entries, filter, older: 981n, paged: true, zone: ZONE, lang: "zh" });
    expectValidMessage(message);
    expect(textOf(message.blocks).match(/`#\d+`/g)).toHaveLength(AUDIT_PAGE_SIZE);
    const [older, newest] = buttons(message.blocks);
    expect([older!.actionId, older!.text, newest!.actionId, newest!.text]).toEqual([
      AUDIT_ACTIONS.older,
      "⬅️ 更早",
      AUDIT_ACTIONS.newest,
      "⏮ 最新",
    ]);
    expect(older!.value.length).toBeLessThanOrEqual(2000);
    expect(parseAuditPageValue(older!.value)).toEqual({ filter, before: 981n, lang: "zh" });
    expect(parseAuditPageValue(newest!.value)).toEqual({ filter, lang: "zh" });
  });

  it("says so when nothing matches", () => {
    const message = buildAuditLogMessage({
      entries: [],
      filter: { actionPrefix: "hazard." },
      older: null,
      paged: false,
      zone: ZONE,
      lang: "en",
    });
    expect(textOf(message.blocks)).toContain("No entry matches.");
    expect(textOf(message.blocks)).toContain("Filter: action hazard.…");
  });
});

describe("audit page button values", () => {
  it("refuses a value redline did not write", () => {
    for (const raw of ["{", JSON.stringify({ l: "fr" }), JSON.stringify({ l: "zh", b: "-1" }), JSON.stringify({ l: "zh", a: "" }), 5])
      expect(() => parseAuditPageValue(raw)).toThrow(/could not be read/);
    expect(parseAuditPageValue(encodeAuditPageValue({ filter: {}, lang: "en" }))).toEqual({ filter: {}, lang: "en" });
  });
});

describe("audit rows for the command line", () => {
  it("give every column as text, the time with the office's offset and the detail as JSON", () => {
    const e = entry();
    expect(auditRow(e, ZONE)).toEqual({
      id: "41",
      at: "2026-05-25T09:02:03.000+08:00",
      actor: "U0LIAISON",
      action: "campaign.ack",
      outcome: "refused",
      subject: "campaign:summer-fire-safety",
      departmentId: "culture",
      channelId: "CCULTURE",
      messageTs: "1.0001",
      detail: '{"code":"forbidden","task":"acknowledge"}',
    });
    expect(auditJson(e, ZONE).detail).toEqual({ code: "forbidden", task: "acknowledge" });
    expect(auditLine(entry({ subject: null, detail: null }), ZONE).split("\t")).toEqual([
      "41",
      "2026-05-25T09:02:03.000+08:00",
      "U0LIAISON",
      "campaign.ack",
      "refused",
      "-",
      "culture",
      "CCULTURE",
      "1.0001",
      "-",
    ]);
  });
});
