export * from "./working-days.ts";
export * from "./office-hours.ts";
