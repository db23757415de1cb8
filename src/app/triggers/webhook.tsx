import { t } from '@lingui/core/macro';
import { lazy } from 'react';
import type { TriggerUi } from './types';

export const webhookUi: TriggerUi<'WEBHOOK'> = {
  get label() {
    return t`When a webhook URL is called`;
  },
  create: () => ({
    type: 'WEBHOOK',
    name: t`Webhook`,
    settings: { httpMethod: 'POST', expectedBody: {}, outputSchema: {} },
  }),
  // Loaded when shown: it reads the workflow's token from the database.
  starts: [
    {
      get label() {
        return t`A webhook URL is called`;
      },
      get description() {
        return t`Another app sends data to its URL`;
      },
      create: (first) => webhookUi.create(first),
    },
  ],
  Form: lazy(() => import('../editor/WebhookForm').then((m) => ({ default: m.WebhookForm }))),
};
