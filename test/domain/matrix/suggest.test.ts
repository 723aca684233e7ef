import { describe, expect, it } from "vitest";
import { answerWhoLeads } from "../../../src/domain/matrix/answer-who-leads.ts";
import { matchVenueTypes } from "../../../src/domain/matrix/match-venue-types.ts";
import { answerLang, editDistance, nearestName, nearestVenueTypes, placeOf, withSuggestions } from "../../../src/domain/matrix/suggest.ts";
import { seedMatrix } from "../../support/seed-matrix.ts";

const matrix = seedMatrix();
const ask = (q: string) => withSuggestions(answerWhoLeads(q, matchVenueTypes(q, matrix)), matrix);
const near = (place: string) => nearestVenueTypes(place, matrix).map((v) => v.id);

describe("the place a question names", () => {
  it.each([
    ["花鸟市场归谁管？", "花鸟市场"],
    ["加油站由哪个部门负责", "加油站"],
    ["请问农贸市场归哪个部门牵头？", "农贸市场"],
    ["菜市场的安全隐患排查整治谁负责", "菜市场"],
    ["Who leads petrol stations?", "petrol stations"],
    ["which department is responsible for car washes", "car washes"],
    ["谁负责？", ""],
  ])("%s → %s", (q, place) => expect(placeOf(q)).toBe(place));

  it("a not-found answer carries the place and no lead", () => {
    const a = ask("花鸟市场归谁管？");
    expect(a.status).toBe("not_found");
    expect(a.place).toBe("花鸟市场");
    expect(a.suggestions).toEqual([]);
    expect(a.leads).toEqual([]);
  });
});

describe("nearest venue types", () => {
  it.each([
    ["养老苑", ["nursing-home"]],
    ["幼儿圆", ["kindergarten"]],
    ["nursng home", ["nursing-home"]],
    ["escalater", ["elevator"]],
    ["kindergarden", ["kindergarten"]],
  ])("%s → %j", (place, ids) => expect(near(place)).toEqual(ids));

  it.each(["花鸟市场", "加油站", "car wash", "", "x"])("%s has no near venue type", (place) => expect(near(place)).toEqual([]));

  it("suggestions are venue types, never departments", () => {
    const a = ask("养老苑归谁管");
    expect(a.suggestions).toEqual([{ id: "nursing-home", nameZh: "养老院", nameEn: "Nursing home" }]);
    expect(a.leads).toEqual([]);
  });
});

describe("did you mean a command", () => {
  const names = ["who-leads", "campaign", "meeting", "digest", "audit", "help", "会议", "活动", "审计", "帮助", "谁负责"];
  it.each([
    ["campain", "campaign"],
    ["camapign", "campaign"],
    ["meetin", "meeting"],
    ["digets", "digest"],
    ["auidt", "audit"],
    ["谁负贵", "谁负责"],
  ])("%s → %s", (word, name) => expect(nearestName(word, names)).toBe(name));

  it.each(["养老院", "KTV", "幼儿园归谁管", "lift", "campaign", "会议"])("%s is not a slip", (word) =>
    expect(nearestName(word, names)).toBeUndefined(),
  );

  it("edit distance counts code points", () => {
    expect(editDistance("会议", "会仪")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("the answer's language", () => {
  it.each([
    ["KTV", "zh", "zh"],
    ["KTV", "en", "en"],
    ["ＫＴＶ", "zh", "zh"],
    ["who leads KTV?", "zh", "en"],
    ["nursing home", "zh", "en"],
    ["养老院", "en", "zh"],
    ["ktv归谁管", "en", "zh"],
  ] as const)("%s (default %s) → %s", (q, fallback, lang) => expect(answerLang(q, ask(q), fallback)).toBe(lang));
});
