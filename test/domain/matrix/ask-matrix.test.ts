import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { askMatrix } from "../../../src/domain/matrix/ask-matrix.ts";
import { normalizeText } from "../../../src/domain/matrix/normalize.ts";
import { understoodPlace } from "../../../src/domain/matrix/understood-place.ts";
import type { Matrix } from "../../../src/domain/matrix/types.ts";
import { seedMatrix } from "../../support/seed-matrix.ts";

const matrix: Matrix = {
  venueTypes: seedMatrix(),
  units: [
    { id: "civil-affairs", nameZh: "民政部门", nameEn: "Civil Affairs Department", kind: "department" },
    { id: "culture", nameZh: "文化部门", nameEn: "Culture Department", kind: "department" },
    { id: "housing-construction", nameZh: "住建部门", nameEn: "Housing and Construction Department", kind: "department" },
    { id: "xinxiang-county", nameZh: "新乡县", nameEn: "Xinxiang County", kind: "county_district" },
    { id: "hongqi", nameZh: "红旗区", nameEn: "Hongqi District", kind: "county_district" },
  ],
};
const ask = (q: string) => askMatrix(q, matrix);
const venueIds = (q: string) => ask(q).venues.map((v) => v.venueType.id);
const speech = readFileSync(new URL("../../../prisma/seed/speech.zh.txt", import.meta.url), "utf8");

describe("normalisation", () => {
  it.each([
    ["幼兒園歸誰管", "幼儿园归谁管"],
    ["劇院由哪個部門負責", "剧院由哪个部门负责"],
    ["福 利 院", "福利院"],
    ["福，利　院？", "福利院"],
    ["ＫＴＶ", "ktv"],
    ["nursing  home", "nursing home"],
  ])("%s → %s", (typed, normal) => expect(normalizeText(typed)).toBe(normal));

  it("answers traditional script and quotes the question as typed", () => {
    const a = ask("幼兒園歸誰管");
    expect(a.leads.map((l) => l.id)).toEqual(["education"]);
    expect(a.query).toBe("幼兒園歸誰管");
    expect(venueIds("劇院由哪個部門負責")).toEqual(["cinema-theatre"]);
    expect(venueIds("電梯")).toEqual(["elevator"]);
  });
});

describe("the speech's vocabulary", () => {
  // Every term of the 建筑施工 clause, as the speech words it, reaches 住建部门.
  it.each([
    "借用资质和挂靠",
    "违法分包转包",
    "不办理施工手续",
    "以包代管",
    "施工起重机械",
    "脚手架",
    "施工现场生产组织",
    "建筑施工队伍",
    "施工工地起重机",
    "吊罐",
  ])("建筑施工 clause: %s → 住建部门", (term) => {
    expect(speech).toContain(term);
    expect(ask(`${term}归谁管`).leads.map((l) => l.id)).toEqual(["housing-construction"]);
  });

  it.each([
    "锅炉",
    "压力容器",
    "压力管道",
    "电梯",
    "大型游乐设施",
    "厂(场)内机动车辆",
    "扶梯",
    "叉车",
    "escalator",
    "forklift truck",
    "boiler room",
  ])("special equipment: %s → 质监部门", (term) => expect(ask(`${term}归谁管`).leads.map((l) => l.id)).toEqual(["quality-supervision"]));

  it("a group the speech names answers with its lead and its members", () => {
    const a = ask("特种设备归谁管？");
    expect(a.leads.map((l) => l.id)).toEqual(["quality-supervision"]);
    expect(a.venues[0]!.members!.map((m) => m.id)).toEqual(
      expect.arrayContaining(["boiler", "pressure-vessel", "pressure-pipeline", "elevator", "amusement-ride", "in-plant-vehicle", "crane"]),
    );
    const culture = ask("文化娱乐场所由谁负责");
    expect(culture.leads.map((l) => l.id)).toEqual(["culture"]);
    expect(culture.venues[0]!.members!.map((m) => m.id)).toEqual(
      expect.arrayContaining(["internet-cafe", "ktv", "cinema-theatre", "library"]),
    );
    expect(ask("special equipment").leads.map((l) => l.id)).toEqual(["quality-supervision"]);
  });

  it.each(["油气管道", "危险化学品运输", "道路交通"])("%s: named in the speech without a lead — never a department", (term) => {
    const a = ask(`${term}归谁管`);
    expect(a.venues[0]!.outcome).toBe("unassigned");
    expect(a.leads).toEqual([]);
  });
});

describe("several places, counties, the reverse question", () => {
  it("answers each place in one question", () => {
    const a = ask("托儿所和福利院分别归谁管");
    expect(a.venues.map((v) => [v.venueType.id, v.leads.map((l) => l.departmentId)])).toEqual([
      ["nursery", ["education"]],
      ["welfare-home", ["civil-affairs"]],
    ]);
  });

  it("notes a county named in the question as 属地, with the sector lead", () => {
    const a = ask("新乡县的影剧院归谁管");
    expect(a.county).toEqual({ id: "xinxiang-county", nameZh: "新乡县", nameEn: "Xinxiang County" });
    expect(a.leads.map((l) => l.id)).toEqual(["culture"]);
  });

  it.each([
    "民政部门牵头哪些场所？",
    "民政局负责哪些场所",
    "what does Civil Affairs lead?",
    "Which places does the Civil Affairs Department lead",
  ])("reverse: %s", (q) => {
    const a = ask(q);
    expect(a.department?.id).toBe("civil-affairs");
    expect(a.status).toBe("found");
    expect(a.venues.map((v) => v.venueType.id).sort()).toEqual(
      ["elderly-home", "nursing-home", "welfare-home", "psychiatric-hospital", "shelter", "special-school"].sort(),
    );
    expect(a.sources).toEqual([expect.stringContaining("民政部门要牵头负责")]);
  });

  it("a department named without asking what it leads is not a reverse question", () => {
    expect(ask("民政部门").department).toBeUndefined();
  });
});

describe("not found", () => {
  it("names the place it understood, not the whole question", () => {
    expect(understoodPlace("花鸟市场归谁管？")).toBe("花鸟市场");
    expect(understoodPlace("who is responsible for flower markets?")).toBe("flower markets");
    const a = ask("花鸟市场归哪个部门牵头？");
    expect(a.status).toBe("not_found");
    expect(a.understood).toBe("花鸟市场");
    expect(a.suggestions).toEqual([]);
    expect(a.leads).toEqual([]);
  });

  it("suggests the nearest venue types, never a department", () => {
    expect(ask("养老所归谁管").suggestions!.map((s) => s.id)).toEqual(["nursing-home"]);
    expect(ask("who leads nursng homes").suggestions!.map((s) => s.id)).toContain("nursing-home");
    expect(ask("养老所归谁管").leads).toEqual([]);
  });

  it("marks a question that is exactly one name, so the asker's language is not guessed from it", () => {
    expect(ask("KTV").exactName).toBe(true);
    expect(ask("who leads KTV?").exactName).toBe(false);
  });
});
