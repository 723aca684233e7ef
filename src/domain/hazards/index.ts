export * from "./types.ts";
export * from "./hazard-number.ts";
export * from "./refusal.ts";
export * from "./five-implementations.ts";
export * from "./decide-action.ts";
export * from "./settings.ts";
export * from "./colour.ts";
export * from "./route-hazard.ts";
