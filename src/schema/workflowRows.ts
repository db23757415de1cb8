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
  createdAt: number;
  updatedAt: number;
}
