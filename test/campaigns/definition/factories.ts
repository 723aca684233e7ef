import type { CampaignDepartment } from "../../../src/domain/campaigns/types.ts";

const dept = (id: string, kind: CampaignDepartment["kind"], nameZh: string): CampaignDepartment => ({
  id,
  kind,
  nameZh,
  nameEn: id,
  headSlackUserId: null,
  headName: null,
  headTitle: null,
});

/** A small directory in a deliberate order: results must come back in this order. */
export const DIRECTORY: CampaignDepartment[] = [
  dept("safety-office", "office", "市政府安委会办公室"),
  dept("civil-affairs", "department", "民政部门"),
  dept("hongqi", "county_district", "红旗区"),
  dept("universities", "university", "各驻新高校"),
  dept("education", "department", "教育部门"),
  dept("weihui", "county_district", "卫辉市"),
];
