export * from "./campaign-file-schema.ts";
export * from "./moment.ts";
export * from "./check-campaign-departments.ts";
export * from "./resolve-campaign.ts";
export * from "./load-campaign-file.ts";
export * from "./ready-made.ts";
