import { describe, expect, it } from "vitest";
import { matrixHistoryMessage } from "../../../src/messages/matrix/matrix-history.ts";

const at = new Date("2026-06-01T02:00:00Z");

describe("the matrix history as the office reads it", () => {
  it("mentions the office member who edited from Slack and names the CLI user of an import as written", () => {
    const message = matrixHistoryMessage({
      changes: [
        {
          id: 2,
          at,
          actor: "cli:<!here>",
          action: "import.remove",
          venueTypeId: "nursing-home",
          before: { nameZh: "养老院" },
          after: { removed: true },
        },
        { id: 1, at, actor: "U0OFFICE", action: "alias.add", venueTypeId: "ktv", before: { aliases: [] }, after: { aliases: ["歌厅"] } },
      ],
      older: null,
      paged: false,
      lang: "zh",
      zone: "Asia/Shanghai",
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("2026-06-01 10:00 `cli:&lt;!here&gt;` 导入文件删除场所类型 · `nursing-home`");
    expect(text).toContain("<@U0OFFICE> 添加别名");
    expect(text).not.toContain("<@cli");
  });
});
