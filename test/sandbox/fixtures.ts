import { createLogger } from "../../src/lib/logger.ts";
import { generateSandboxCredentials } from "../../src/sandbox/credentials.ts";
import type { SandboxChannel, SandboxUser } from "../../src/sandbox/store.ts";

export const OFFICE = "UOFFICE1";
export const LIAISON = "ULIAISON1";
export const OUTSIDER = "UOUTSIDE1";

export const users: SandboxUser[] = [
  { id: OFFICE, name: "zhang.office", realName: "张安委", title: "安委办协调员" },
  { id: LIAISON, name: "li.culture", realName: "李文化", title: "文化部门联络员" },
  { id: OUTSIDER, name: "wang.guest", realName: "王访客" },
];

export const channels: SandboxChannel[] = [
  { id: "CSAFETY", name: "safety-office", members: [OFFICE] },
  { id: "CCULTURE", name: "dept-culture", members: [OFFICE, LIAISON] },
  { id: "CPRIVATE", name: "heads-only", isPrivate: true, members: [OFFICE] },
];

export function sandboxOptions(botUrl?: string) {
  return { ...generateSandboxCredentials(), botUrl, users, channels, logger: createLogger("silent") };
}
