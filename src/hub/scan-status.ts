// The Hub's own scanners' verdicts for one commit: repo-level status from model info, per-file from the tree.
import type { SecurityRepoStatus } from './shapes/model-info.js';
import type { SecurityFileStatus, TreeItem } from './shapes/tree.js';

export interface HubScanStatus {
  scansDone?: boolean;
  filesWithIssues: { path: string; level: string }[];
  files: Map<string, SecurityFileStatus>;
}

export function hubScanStatus(info: { securityRepoStatus?: SecurityRepoStatus }, tree: TreeItem[]): HubScanStatus {
  const files = new Map<string, SecurityFileStatus>();
  for (const item of tree) if (item.type === 'file' && item.securityFileStatus) files.set(item.path, item.securityFileStatus);
  return {
    ...(info.securityRepoStatus ? { scansDone: info.securityRepoStatus.scansDone } : {}),
    filesWithIssues: info.securityRepoStatus?.filesWithIssues ?? [],
    files
  };
}
