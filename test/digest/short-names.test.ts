import { describe, expect, it } from "vitest";
import { shortTaskName, shortUnitName } from "../../src/digest/short-names.ts";

describe("short names on the digest picture", () => {
  it("drops what every unit's name repeats", () => {
    const zh = ["民政部门", "市政府安委会办公室", "市消防支队", "辉县市人民政府", "红旗区", "卫辉市", "各驻新高校", "市教育局"].map((n) =>
      shortUnitName(n, "zh"),
    );
    expect(zh).toEqual(["民政", "安委办", "消防支队", "辉县市", "红旗区", "卫辉市", "各驻新高校", "教育局"]);
    expect(["Civil Affairs Department", "City Fire Brigade", "Weihui City"].map((n) => shortUnitName(n, "en"))).toEqual([
      "Civil Affairs",
      "Fire Brigade",
      "Weihui City",
    ]);
  });

  it("names a task by its kind, or by the start of its title when the campaign has two of a kind", () => {
    const title = { zh: "法人代表或主要负责人签署消防安全承诺", en: "Fire-safety pledge signed by the head" };
    expect(shortTaskName({ kind: "pledge", title }, 1, "zh")).toBe("承诺");
    expect(shortTaskName({ kind: "education-session", title }, 1, "en")).toBe("Education");
    expect(shortTaskName({ kind: "report", title: { zh: "隐患整治情况报告", en: "Hazard report" } }, 2, "zh")).toBe("隐患整治情…");
    expect(shortTaskName({ kind: "report", title: { zh: "月报", en: "Monthly" } }, 2, "zh")).toBe("月报");
  });
});
