import { describe, expect, it } from 'vitest';
import { stepProblems } from '../../src/app/editor/validate';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { manualGlobal, setup, step, workflowFile } from './helpers';

describe('activation checks every step again', () => {
  it('a step saved as valid whose settings are not is refused, with the step and the reason', async () => {
    const env = setup();
    const objects = new Map((await env.db.objects.toArray()).map((o) => [o.name, o]));
    const check = (version: Parameters<typeof stepProblems>[0], s: Parameters<typeof stepProblems>[1]) =>
      stepProblems(version, s, objects)[0] ?? null;
    // Saved with `valid: true` (as an older editor, or a hand-edited database, might have), but it
    // uses a step that runs after it and an object that does not exist.
    const id = await env.workflows.importFile(
      readWorkflowFile(
        workflowFile(manualGlobal(['a']), [
          {
            ...step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: '{{b.id}}' } }, ['b']),
            valid: true,
          },
          { ...step('b', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'x' } }), valid: true },
        ]),
      ),
      () => null, // an import that did not check (as an older Localflow's did)
    );
    await expect(env.workflows.activate(id, check)).rejects.toThrow(
      'step "a": {{b.id}} uses "b", which does not run before this step',
    );
    // Without the re-check the saved flag would have let it through.
    const ok = await env.workflows.importFile(
      readWorkflowFile(
        workflowFile(manualGlobal(['a']), [
          { ...step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'fine' } }), valid: true },
        ]),
      ),
      check,
    );
    await env.workflows.activate(ok, check);
    expect((await env.db.workflows.get(ok))?.activeVersionId).toBeTruthy();
  });
});
