import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerWhoLeads } from "../../../src/domain/matrix/answer-who-leads.ts";
import { matchVenueTypes } from "../../../src/domain/matrix/match-venue-types.ts";
import { normalizeText } from "../../../src/domain/matrix/normalize.ts";
import { renderAnswerText } from "../../../src/messages/matrix/describe-answer.ts";
import { seedMatrix } from "../../support/seed-matrix.ts";

const matrix = seedMatrix();
const speech = readFileSync(new URL("../../../prisma/seed/speech.zh.txt", import.meta.url), "utf8");
const ask = (q: string) => answerWhoLeads(q, matchVenueTypes(q, matrix));
const leadIds = (q: string) => ask(q).leads.map((l) => l.id);
const departmentNames = [...new Set(matrix.flatMap((v) => v.leads.flatMap((l) => [l.departmentNameZh, l.departmentNameEn])))];

/**
 * The speech's own words, clause by clause. Each term must stand in the speech, in the source clause the
 * answer quotes, and lead to the department that clause names.
 */
const SPEECH_TERMS: { clause: string; department: string; terms: string[] }[] = [
  {
    clause: "建筑施工安全整治方面",
    department: "housing-construction",
    terms: ["借用资质和挂靠", "违法分包转包", "不办理施工手续", "以包代管", "施工起重机械", "脚手架", "施工现场", "建筑施工队伍", "施工工地", "吊罐"],
  },
  {
    clause: "特种设备安全监管方面",
    department: "quality-supervision",
    terms: ["特种设备", "锅炉", "压力容器", "压力管道", "电梯", "起重设备", "大型游乐设施", "厂(场)内机动车辆"],
  },
  { clause: "文化部门要牵头负责", department: "culture", terms: ["文化娱乐场所", "网吧", "KTV", "影剧院"] },
];

describe("the speech's vocabulary, each term traced to its clause", () => {
  for (const { clause, department, terms } of SPEECH_TERMS) {
    for (const term of terms) {
      it(`${term} → ${department} (${clause})`, () => {
        expect(speech).toContain(term);
        const answer = ask(`${term}归哪个部门管？`);
        expect(answer.status).toBe("found");
        expect(answer.leads.map((l) => l.id)).toEqual([department]);
        // The quoted clause is the one that names the term and the department.
        const quoted = answer.sources.join("");
        expect(quoted).toContain(clause);
        expect(quoted).toContain(term);
        for (const piece of answer.sources.flatMap((s) => s.split("……"))) expect(speech).toContain(piece);
      });
    }
  }

  // Common names and English synonyms: they are not in the speech, so they must resolve to a venue type
  // whose own name is (the clause's member), and to that clause's department.
  it.each([
    ["扶梯", "elevator", "quality-supervision"],
    ["自动扶梯", "elevator", "quality-supervision"],
    ["escalator", "elevator", "quality-supervision"],
    ["lift", "elevator", "quality-supervision"],
    ["叉车", "in-plant-vehicle", "quality-supervision"],
    ["forklift truck", "in-plant-vehicle", "quality-supervision"],
    ["煤气罐", "pressure-vessel", "quality-supervision"],
    ["gas cylinder", "pressure-vessel", "quality-supervision"],
    ["steam boiler", "boiler", "quality-supervision"],
    ["过山车", "amusement-ride", "quality-supervision"],
    ["ferris wheel", "amusement-ride", "quality-supervision"],
    ["龙门吊", "crane", "quality-supervision"],
    ["special equipment", "special-equipment", "quality-supervision"],
    ["塔吊", "crane", "housing-construction"],
    ["违法分包", "construction-subcontracting", "housing-construction"],
    ["转包", "construction-subcontracting", "housing-construction"],
    ["illegal subcontracting", "construction-subcontracting", "housing-construction"],
    ["资质挂靠", "construction-qualification", "housing-construction"],
    ["borrowed qualifications", "construction-qualification", "housing-construction"],
    ["没有办理施工手续", "construction-permit", "housing-construction"],
    ["construction permit", "construction-permit", "housing-construction"],
    ["management by subcontract", "management-by-subcontract", "housing-construction"],
    ["scaffolding", "scaffolding", "housing-construction"],
    ["hoist bucket", "hoist-bucket", "housing-construction"],
    ["construction crew", "construction-team", "housing-construction"],
    ["娱乐场所", "entertainment-venue", "culture"],
    ["cultural venue", "entertainment-venue", "culture"],
    ["entertainment venues", "entertainment-venue", "culture"],
    ["karaoke bar", "ktv", "culture"],
    ["电影院", "cinema-theatre", "culture"],
  ])("%s → %s → %s", (q, venueTypeId, department) => {
    const answer = ask(q);
    expect(answer.venues.map((v) => v.venueType.id)).toEqual([venueTypeId]);
    expect(answer.leads.map((l) => l.id)).toEqual([department]);
    expect(speech).toContain(matrix.find((v) => v.id === venueTypeId)!.nameZh);
  });

  it("a hazchem lorry's 挂靠 is the roads clause, not construction's 借用资质和挂靠", () => {
    expect(ask("危险化学品运输车辆非法挂靠").venues.map((v) => v.venueType.id)).toEqual(["hazchem-transport"]);
  });
});

describe("named in the speech without a lead", () => {
  it.each([
    ["油气管道归谁管", "oil-gas-pipeline", "相关责任部门要按照市政府分工安排"],
    ["城市燃气管道谁负责", "oil-gas-pipeline", "油气管线安全监管方面"],
    ["危险化学品运输由哪个部门牵头", "hazchem-transport", "严格危险化学品运输企业车辆监管"],
    ["道路交通归谁管", "road-traffic", "道路交通运输安全整治方面"],
    ["超载超限超速谁来查", "road-traffic", "严厉查处超载超限超速"],
  ])("%s: no department, the quoted clause, 三管三必须 and the office", (q, venueTypeId, clause) => {
    const answer = ask(q);
    expect(answer.venues.map((v) => [v.venueType.id, v.outcome])).toEqual([[venueTypeId, "unassigned"]]);
    expect(answer.leads).toEqual([]);
    const text = renderAnswerText(answer, "zh");
    expect(text).toContain("未分配牵头部门");
    expect(text).toContain(clause);
    expect(text).toContain("三管三必须");
    expect(text).toContain("市政府安委会办公室");
    for (const name of departmentNames) expect(text).not.toContain(name);
    const en = renderAnswerText(answer, "en");
    expect(en).toContain("no lead department is assigned");
    expect(en).toContain("Work Safety Committee Office");
    for (const name of departmentNames) expect(en).not.toContain(name);
  });

  it("next to a place that has a lead, the unassigned one still gets the general rule", () => {
    const text = renderAnswerText(ask("养老院和油气管道分别归谁管"), "zh");
    expect(text).toContain("民政部门");
    expect(text).toContain("油气管道：未分配牵头部门");
    expect(text).toContain("三管三必须");
  });
});

describe("normalisation", () => {
  it.each([
    ["幼兒園歸誰管", "kindergarten"],
    ["劇院由哪個部門負責", "cinema-theatre"],
    ["養老院", "nursing-home"],
    ["特種設備", "special-equipment"],
    ["鍋爐房", "boiler"],
    ["福 利 院", "welfare-home"],
    ["福、利院归谁管", "welfare-home"],
    ["幼 兒 園", "kindergarten"],
    ["ＫＴＶ", "ktv"],
    ["Ktv 包间", "ktv"],
    ["ＥＳＣＡＬＡＴＯＲ", "elevator"],
    ["厂（场）内机动车辆", "in-plant-vehicle"],
  ])("%s → %s", (q, venueTypeId) => {
    expect(ask(q).venues.map((v) => v.venueType.id)).toEqual([venueTypeId]);
  });

  it("the answer quotes the question as typed, traditional script and spaces included", () => {
    expect(ask("幼兒園歸誰管").query).toBe("幼兒園歸誰管");
    expect(ask("福 利 院").query).toBe("福 利 院");
  });

  it("keeps spaces between Latin words, so short aliases still match whole words only", () => {
    expect(normalizeText("The  Lift, please")).toBe("the lift please");
    expect(normalizeText("福 利 院 KTV")).toBe("福利院 ktv");
    expect(leadIds("liftoff")).toEqual([]);
  });
});
