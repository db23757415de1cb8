import { standardLabel } from '../standardLabels';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState, type FormEvent } from 'react';
import { objects } from '../../client/db';
import { fieldType } from '../../schema/fieldTypes';
import { FIELD_TYPES, type FieldType, type ObjectMetadata } from '../../schema/objectMetadata';
import { useObjects } from '../hooks';
import { ConfirmDialog } from './Modal';
import { useToast } from './Toasts';

const VARIABLE_MARK = '{{…}}';

/** Settings → Data model: objects (custom ones created here) and their fields added, renamed or removed. */
export function DataModelSettings() {
  const list = useObjects();
  const [selected, setSelected] = useState('person');
  const toast = useToast();
  const meta = list?.find((o) => o.name === selected) ?? list?.[0];

  const createObject = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      const created = await objects.createObject({
        labelSingular: String(form.get('singular')),
        labelPlural: String(form.get('plural')),
      });
      (e.target as HTMLFormElement).reset();
      setSelected(created.name);
      toast.info(t`Object “${created.labelPlural}” created.`);
    } catch (error) {
      toast.error(error);
    }
  };

  return (
    <>
      <h2 className="section-title">
        <Trans>Data model</Trans>
      </h2>
      <div className="settings-layout">
        <div className="card">
          <h2>
            <Trans>Objects</Trans>
          </h2>
          <ul className="object-list" aria-label={t`Objects`}>
            {list?.map((o) => (
              <li key={o.name}>
                <button type="button" aria-pressed={o.name === meta?.name} onClick={() => setSelected(o.name)}>
                  <span aria-hidden="true">{o.icon}</span> {o.labelPlural}{' '}
                  {o.isCustom && (
                    <span className="badge">
                      <Trans>Custom</Trans>
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          <form className="stack" onSubmit={createObject} aria-label={t`New object`}>
            <h3>
              <Trans>New object</Trans>
            </h3>
            <label htmlFor="object-singular">
              <Trans>Singular name</Trans>
            </label>
            <input id="object-singular" name="singular" required placeholder={t`Project`} />
            <label htmlFor="object-plural">
              <Trans>Plural name</Trans>
            </label>
            <input id="object-plural" name="plural" required placeholder={t`Projects`} />
            <button type="submit" className="primary">
              <Trans>Create object</Trans>
            </button>
          </form>
        </div>
        {meta && (
          <FieldsEditor key={meta.name} meta={meta} allObjects={list ?? []} onDeleted={() => setSelected('person')} />
        )}
      </div>
    </>
  );
}

function FieldsEditor({
  meta,
  allObjects,
  onDeleted,
}: {
  meta: ObjectMetadata;
  allObjects: ObjectMetadata[];
  onDeleted: () => void;
}) {
  const toast = useToast();
  const [type, setType] = useState<FieldType>('TEXT');
  const [removing, setRemoving] = useState<string | null>(null);
  const [deletingObject, setDeletingObject] = useState(false);

  const addField = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      const field = await objects.addField(meta.name, {
        label: String(form.get('label')),
        type,
        options: String(form.get('options') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        relationObject: String(form.get('relationObject') ?? ''),
      });
      (e.target as HTMLFormElement).reset();
      setType('TEXT');
      toast.info(t`Field “${field.label}” added.`);
    } catch (error) {
      toast.error(error);
    }
  };

  return (
    <div className="card">
      <h2>
        <Trans>{meta.labelPlural} · fields</Trans>
      </h2>
      <p className="muted small">
        <Trans>
          A field keeps its API name (<code>{VARIABLE_MARK}</code> variables use it) when you rename its label.
        </Trans>
      </p>
      <div className="table-wrap">
        <table aria-label={t`${meta.labelPlural} fields`}>
          <thead>
            <tr>
              <th>
                <Trans>Label</Trans>
              </th>
              <th>
                <Trans>API name</Trans>
              </th>
              <th>
                <Trans>Type</Trans>
              </th>
              <th>
                <span className="sr-only">
                  <Trans>Actions</Trans>
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {meta.fields.map((f) => (
              <tr key={f.name}>
                <td>
                  <input
                    aria-label={t`Label of ${f.name}`}
                    defaultValue={f.label}
                    onBlur={(e) => {
                      if (e.target.value.trim() && e.target.value !== f.label) {
                        objects
                          .renameField(meta.name, f.name, e.target.value)
                          .then(() => toast.info(t`Renamed.`), toast.error);
                      }
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                    }}
                  />
                </td>
                <td>
                  <code>{f.name}</code>
                </td>
                <td>
                  {standardLabel(fieldType(f.type).label)}
                  {f.relation ? ` → ${f.relation.objects.join(', ')}` : ''}
                </td>
                <td>
                  {f.isCustom && f.name !== meta.labelField && (
                    <button
                      type="button"
                      className="danger small"
                      aria-label={t`Remove field ${f.label}`}
                      onClick={() => setRemoving(f.name)}
                    >
                      <Trans>Remove</Trans>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="stack" onSubmit={addField} aria-label={t`Add a field`}>
        <h3>
          <Trans>Add a field</Trans>
        </h3>
        <label htmlFor="field-label">
          <Trans>Label</Trans>
        </label>
        <input id="field-label" name="label" required placeholder={t`Priority`} />
        <label htmlFor="field-type">
          <Trans>Type</Trans>
        </label>
        <select id="field-type" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {standardLabel(fieldType(t).label)}
            </option>
          ))}
        </select>
        {(type === 'SELECT' || type === 'MULTI_SELECT') && (
          <>
            <label htmlFor="field-options">
              <Trans>Options (comma-separated)</Trans>
            </label>
            <input id="field-options" name="options" required placeholder={t`Low, Medium, High`} />
          </>
        )}
        {type === 'RELATION' && (
          <>
            <label htmlFor="field-relation">
              <Trans>Links to</Trans>
            </label>
            <select id="field-relation" name="relationObject">
              {allObjects.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.labelSingular}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" className="primary">
          <Trans>Add field</Trans>
        </button>
      </form>
      {meta.isCustom && (
        <button type="button" className="danger" onClick={() => setDeletingObject(true)}>
          <Trans>Delete object “{meta.labelPlural}”</Trans>
        </button>
      )}
      <ConfirmDialog
        open={!!removing}
        title={t`Remove this field?`}
        message={t`Its values are removed from every record. This cannot be undone.`}
        confirmLabel={t`Remove field`}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const f = removing!;
          setRemoving(null);
          objects.removeField(meta.name, f).then(() => toast.info(t`Field removed.`), toast.error);
        }}
      />
      <ConfirmDialog
        open={deletingObject}
        title={t`Delete “${meta.labelPlural}”?`}
        message={t`All its records are deleted too. This cannot be undone.`}
        confirmLabel={t`Delete object`}
        onCancel={() => setDeletingObject(false)}
        onConfirm={() => {
          setDeletingObject(false);
          objects.deleteObject(meta.name).then(() => {
            onDeleted();
            toast.info(t`Object deleted.`);
          }, toast.error);
        }}
      />
    </div>
  );
}
