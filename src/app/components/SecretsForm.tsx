import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../client/db';
import { SECRETS_KEY } from '../../db/secrets';
import { readSetting, writeSetting } from '../../db/settings';
import { useToast } from './Toasts';

const SECRET_REFERENCE = '{{secrets.NAME}}';

/** Secrets for HTTP headers and URLs (`{{secrets.NAME}}`): shown masked, stored only here. */
export function SecretsForm() {
  const secrets = useLiveQuery(async () => (await readSetting(db, SECRETS_KEY)) ?? {}, [], {});
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const toast = useToast();
  const save = (next: Record<string, string>) => writeSetting(db, SECRETS_KEY, next);
  return (
    <section className="card stack" aria-label={t`Secrets`}>
      <h2>
        <Trans>Secrets</Trans>
      </h2>
      <p className="muted small">
        <Trans>
          Use them as <code>{SECRET_REFERENCE}</code> in HTTP request headers, URLs or bodies. They stay in this
          browser: exports and share links carry only the name, and run history shows ••••.
        </Trans>
      </p>
      <ul className="plain-list" aria-label={t`Saved secrets`}>
        {Object.keys(secrets)
          .sort()
          .map((k) => (
            <li key={k} className="inputs-row">
              <code>{`{{secrets.${k}}}`}</code> <span aria-label={t`Value of ${k} (hidden)`}>••••••••</span>
              <button
                type="button"
                className="small danger"
                aria-label={t`Delete secret ${k}`}
                onClick={() => {
                  const next = { ...secrets };
                  delete next[k];
                  void save(next);
                }}
              >
                <Trans>Delete</Trans>
              </button>
            </li>
          ))}
      </ul>
      <form
        className="inputs-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            return toast.error(new Error(t`A secret name uses letters, digits and _ (e.g. API_KEY).`));
          await save({ ...secrets, [name]: value });
          setName('');
          setValue('');
          toast.info(t`Secret ${name} saved.`);
        }}
      >
        <label className="stacked">
          <Trans>Name</Trans>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t`API_KEY`} />
        </label>
        <label className="stacked">
          <Trans>Value</Trans>
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit">
          <Trans>Add secret</Trans>
        </button>
      </form>
    </section>
  );
}
