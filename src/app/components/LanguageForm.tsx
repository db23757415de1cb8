import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { i18n, isLocale, LOCALES, rememberLocale } from '../../i18n';

/**
 * The UI's language: from the browser at first, then the person's choice (kept in this browser).
 * Changing it reloads the app in the new language.
 */
export function LanguageForm() {
  return (
    <section className="card stack" aria-label={t`Language`}>
      <h2>
        <Trans>Language</Trans>
      </h2>
      <label className="stacked">
        <Trans>Language of Localflow</Trans>
        <select
          value={i18n.locale}
          onChange={(e) => {
            if (!isLocale(e.target.value)) return;
            rememberLocale(e.target.value);
            location.reload();
          }}
        >
          {Object.entries(LOCALES).map(([code, name]) => (
            // Each language's name in that language, with its lang for screen readers.
            <option key={code} value={code} lang={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">
        <Trans>
          Dates, numbers and amounts follow the language. Records and workflows keep the names you gave them.
        </Trans>
      </p>
    </section>
  );
}
