import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps, StepUi } from './types';
import { responseSchemaProblem } from '../../engine/steps/aiAgent';

const responseSchemaLabel = () => t`Response schema (JSON Schema; empty for a text answer)`;

export const aiAgentUi: StepUi<'AI_AGENT'> = {
  get label() {
    return t`AI agent`;
  },
  group: 'AI',
  get description() {
    return t`Ask an AI model; optionally get an answer in a fixed shape`;
  },
  defaultInput: () => ({ prompt: '', systemPrompt: '', responseSchema: '' }),
  Form: AiAgentForm,
  problems: ({ settings: { input } }) => {
    const schemaProblem = input.responseSchema.trim() ? responseSchemaProblem(input.responseSchema) : null;
    return [
      ...(input.prompt.trim()
        ? []
        : [
            {
              field: t`Prompt`,
              message: input.agentId
                ? t`this step asked Twenty's AI agent ${input.agentId}: write what to ask, and the agent's instructions as the system prompt`
                : t`write the prompt`,
            },
          ]),
      ...(schemaProblem ? [{ field: responseSchemaLabel(), message: schemaProblem }] : []),
    ];
  },
};

function AiAgentForm({ step, setInput, options }: StepFormProps<'AI_AGENT'>) {
  const input = step.settings.input;
  return (
    <>
      <VariableInput
        label={t`Prompt`}
        multiline
        value={input.prompt}
        options={options}
        onChange={(prompt) => setInput({ ...input, prompt })}
      />
      <VariableInput
        label={t`Instructions (system prompt)`}
        multiline
        value={input.systemPrompt}
        options={options}
        onChange={(systemPrompt) => setInput({ ...input, systemPrompt })}
      />
      <label className="stacked">
        {responseSchemaLabel()}
        <textarea
          rows={5}
          value={input.responseSchema}
          placeholder='{"type":"object","properties":{"score":{"type":"number"}},"required":["score"]}'
          onChange={(e) => setInput({ ...input, responseSchema: e.target.value })}
        />
      </label>
      <p className="muted small">
        <Trans>
          Uses the AI endpoint in Settings. With a schema, an answer that is not JSON of that shape fails the step.
        </Trans>
      </p>
    </>
  );
}
