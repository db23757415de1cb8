import { lazy } from 'react';
import type { TriggerUi } from './types';

export const webhookUi: TriggerUi<'WEBHOOK'> = {
  label: 'When a webhook URL is called',
  create: () => ({
    type: 'WEBHOOK',
    name: 'Webhook',
    settings: { httpMethod: 'POST', expectedBody: {}, outputSchema: {} },
  }),
  // Loaded when shown: it reads the workflow's token from the database.
  starts: [
    {
      label: 'A webhook URL is called',
      description: 'Another app sends data to its URL',
      create: (first) => webhookUi.create(first),
    },
  ],
  Form: lazy(() => import('../editor/WebhookForm').then((m) => ({ default: m.WebhookForm }))),
};
