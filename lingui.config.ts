import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

/** The UI's languages: English (the source) and Czech. `npx lingui extract` updates src/locales/*.po. */
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'cs'],
  catalogs: [{ path: '<rootDir>/src/locales/{locale}', include: ['<rootDir>/src'] }],
  format: formatter({ lineNumbers: false }),
});
