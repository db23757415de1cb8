import 'fake-indexeddb/auto';
import { i18n } from '@lingui/core';
import { beforeAll } from 'vitest';
import { ON_SQL, sharedDatabase } from './workspaces';

// Code shared with the UI speaks through Lingui: English, the source language, in unit tests.
i18n.loadAndActivate({ locale: 'en', messages: {} });

// The SQL database the engine's tests share (workspaces.ts), one per worker: it lives as long
// as the worker.
if (ON_SQL)
  beforeAll(async () => {
    await sharedDatabase();
  }, 60_000);
