import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../client/db';
import { SECRETS_KEY } from '../../db/secrets';
import { readSetting, writeSetting } from '../../db/settings';
import { useToast } from './Toasts';

/** Secrets for HTTP headers and URLs (`{{secrets.NAME}}`): shown masked, stored only here. */
export function SecretsForm() {
  const secrets = useLiveQuery(async () => (await readSetting(db, SECRETS_KEY)) ?? {}, [], {});
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const toast = useToast();
  const save = (next: Record<string, string>) => writeSetting(db, SECRETS_KEY, next);
  return (
    <section className="card stack" aria-label="Secrets">
      <h2>Secrets</h2>
      <p className="muted small">
        Use them as <code>{'{{secrets.NAME}}'}</code> in HTTP request headers, URLs or bodies. They stay in this
        browser: exports and share links carry only the name, and run history shows ••••.
      </p>
      <ul className="plain-list" aria-label="Saved secrets">
        {Object.keys(secrets)
          .sort()
          .map((k) => (
            <li key={k} className="inputs-row">
              <code>{`{{secrets.${k}}}`}</code> <span aria-label={`Value of ${k} (hidden)`}>••••••••</span>
              <button
                type="button"
                className="small danger"
                aria-label={`Delete secret ${k}`}
                onClick={() => {
                  const next = { ...secrets };
                  delete next[k];
                  void save(next);
                }}
              >
                Delete
              </button>
            </li>
          ))}
      </ul>
      <form
        className="inputs-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            return toast.error(new Error('A secret name uses letters, digits and _ (e.g. API_KEY).'));
          await save({ ...secrets, [name]: value });
          setName('');
          setValue('');
          toast.info(`Secret ${name} saved.`);
        }}
      >
        <label className="stacked">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="API_KEY" />
        </label>
        <label className="stacked">
          Value
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit">Add secret</button>
      </form>
    </section>
  );
}
