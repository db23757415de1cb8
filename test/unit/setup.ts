import 'fake-indexeddb/auto';
import { i18n } from '@lingui/core';

// Code shared with the UI speaks through Lingui: English, the source language, in unit tests.
i18n.loadAndActivate({ locale: 'en', messages: {} });
