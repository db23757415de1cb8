import { plural, t } from '@lingui/core/macro';
import { engineClient } from '../client/engineClient';
import { useToast } from './components/Toasts';
import { navigate } from './router';

/** Starts a manual workflow and takes the person to its run (or to the runs list for several). */
export function useRunWorkflow() {
  const toast = useToast();
  return async (workflowId: string, name: string, recordIds?: string[]) => {
    try {
      const ids = await engineClient().runManual({ workflowId, recordIds });
      toast.info(
        ids.length === 1
          ? t`Started "${name}".`
          : t`Started "${name}" on ${plural(ids.length, { one: '# record', other: '# records' })}.`,
      );
      if (ids.length === 1) navigate(`/runs/${ids[0]}`);
      else navigate(`/workflows/${workflowId}`);
    } catch (error) {
      toast.error(error);
    }
  };
}
