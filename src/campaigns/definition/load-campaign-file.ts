import { parseYamlText, readYamlFile } from "../../lib/yaml-file.ts";
import { ZCampaignFile, type TCampaignFile } from "./campaign-file-schema.ts";

/** Reads and validates a campaign YAML file; any problem is one AppError naming the file, entry, field and line. */
export function readCampaignFile(file: string): Promise<TCampaignFile> {
  return readYamlFile(file, ZCampaignFile, { lines: true });
}

/** The same for text already in hand (a file uploaded in Slack, a stored definition); `name` is used in errors. */
export function parseCampaignText(text: string, name: string): TCampaignFile {
  return parseYamlText(text, name, ZCampaignFile, { lines: true });
}
