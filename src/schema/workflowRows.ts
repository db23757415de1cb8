import type { Step, Trigger } from './workflow';

/** `workflows` table. */
export interface WorkflowRow {
  id: string;
  name: string;
  description?: string;
  createdAt: number;
  updatedAt: number;
  activeVersionId?: string;
  draftVersionId?: string;
  lastRunAt?: number;
  /**
   * The secret in this workflow's webhook URL (`/hooks/<id>?token=…`). Kept on the
   * workflow, never in its versions, files or share links; regenerating it revokes old URLs.
   */
  hookToken?: string;
}

export type VersionStatus = 'draft' | 'active' | 'deactivated' | 'archived';

/** `versions` table: only drafts are editable; activating archives the previous active version. */
export interface VersionRow {
  id: string;
  workflowId: string;
  number: number;
  status: VersionStatus;
  trigger: Trigger;
  steps: Step[];
  /** The workflow format version `trigger` and `steps` were written in (db/storedShapes.ts). */
  formatVersion?: number;
  createdAt: number;
  updatedAt: number;
}
