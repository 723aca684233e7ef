import type { Campaign, CampaignTarget, Department } from "../../generated/prisma/client.ts";
import type { StatusBoard } from "./build-status-board.ts";
import type { CampaignDepartment } from "./types.ts";

/** A campaign's status board as read from the database, with where each department's launch post is. */
export type LoadedBoard = StatusBoard<Department & CampaignDepartment> & {
  channelIds: Map<string, string>;
  status: Campaign["status"];
  /** The stored definition (reminder settings, targets as written). */
  definition: Campaign["definition"];
  /** One per target department, in the board's row order: where its launch post is (messageTs null until posted). */
  targets: CampaignTarget[];
};
