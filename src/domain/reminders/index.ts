export * from "./settings.ts";
export * from "./slot.ts";
export * from "./schedule.ts";
export * from "./window-schedule.ts";
export * from "./due-now.ts";
export * from "./bundle.ts";
