import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
const LABELS: Record<string, MessageDescriptor> = {
  queued: msg`Queued`,
  running: msg`Running`,
  waiting: msg`Waiting`,
  completed: msg`Completed`,
  failed: msg`Failed`,
  stopping: msg`Stopping`,
  stopped: msg`Stopped`,
  skipped: msg`Skipped`,
  NOT_STARTED: msg`Not started`,
  RUNNING: msg`Running`,
  SUCCESS: msg`Success`,
  FAILED: msg`Failed`,
  FAILED_SAFELY: msg`Failed (continued)`,
  SKIPPED: msg`Skipped`,
  STOPPED: msg`Stopped`,
  PENDING: msg`Pending`,
  draft: msg`Draft`,
  active: msg`Active`,
  deactivated: msg`Deactivated`,
  archived: msg`Archived`,
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge status-${status.toLowerCase()}`}>{LABELS[status] ? i18n._(LABELS[status]) : status}</span>
  );
}
