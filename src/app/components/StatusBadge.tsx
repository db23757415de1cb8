const LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  completed: 'Completed',
  failed: 'Failed',
  stopping: 'Stopping',
  stopped: 'Stopped',
  skipped: 'Skipped',
  NOT_STARTED: 'Not started',
  RUNNING: 'Running',
  SUCCESS: 'Success',
  FAILED: 'Failed',
  FAILED_SAFELY: 'Failed (continued)',
  SKIPPED: 'Skipped',
  STOPPED: 'Stopped',
  PENDING: 'Pending',
  draft: 'Draft',
  active: 'Active',
  deactivated: 'Deactivated',
  archived: 'Archived',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{LABELS[status] ?? status}</span>;
}
