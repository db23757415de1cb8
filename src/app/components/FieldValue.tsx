import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../client/db';
import { fieldType } from '../../schema/fieldTypes';
import type { FieldMetadata, ObjectMetadata } from '../../schema/objectMetadata';
import type { RecordRow } from '../../schema/record';
import { Link } from '../router';
import type { Titles } from '../relationTitles';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The record's title, from its object's title field. */
export function recordTitle(meta: ObjectMetadata | undefined, row: Pick<RecordRow, 'data'> | undefined): string {
  if (!meta || !row) return 'Untitled';
  const value = row.data[meta.labelField];
  const field = meta.fields.find((f) => f.name === meta.labelField);
  const text = field ? formatValue(field, value) : String(value ?? '');
  return text.trim() || 'Untitled';
}

/**
 * A value as text, the way a person reads it. Relations read as the related records' titles
 * when `titles` has them (see `loadRelationTitles`), else as their ids.
 */
export function formatValue(field: FieldMetadata, value: unknown, titles?: Titles): string {
  if (value === null || value === undefined || value === '') return '';
  return fieldType(field.type).format(field, value, titles);
}

/** A value for display; `plain` renders no links (inside buttons); `titles` saves relation chips a read each. */
export function FieldValue({
  field,
  value,
  plain,
  titles,
}: {
  field: FieldMetadata;
  value: unknown;
  plain?: boolean;
  titles?: Titles;
}) {
  if (field.type === 'RELATION') {
    const chip = (object: string, id: string) => {
      const title = titles?.get(id);
      if (title === undefined) return <RelationChip key={id} object={object} id={id} plain={plain} />;
      return plain ? (
        <span key={id} className="chip">
          {title}
        </span>
      ) : (
        <Link key={id} className="chip" to={`/objects/${object}/${id}`}>
          {title}
        </Link>
      );
    };
    if (Array.isArray(value))
      return <span className="chips">{value.map((t: { object: string; id: string }) => chip(t.object, t.id))}</span>;
    return typeof value === 'string' && value ? chip(field.relation?.objects[0] ?? '', value) : null;
  }
  if (field.type === 'SELECT' && value) return <span className="badge select">{formatValue(field, value)}</span>;
  if (plain) return <>{formatValue(field, value)}</>;
  if (field.type === 'EMAILS' && isObj(value) && value.primaryEmail)
    return <a href={`mailto:${value.primaryEmail}`}>{String(value.primaryEmail)}</a>;
  if (field.type === 'LINKS' && isObj(value) && value.primaryLinkUrl) {
    return (
      <a href={String(value.primaryLinkUrl)} target="_blank" rel="noreferrer noopener">
        {formatValue(field, value)}
      </a>
    );
  }
  return <>{formatValue(field, value)}</>;
}

function RelationChip({ object, id, plain }: { object: string; id: string; plain?: boolean }) {
  const found = useLiveQuery(async () => {
    const [row, meta] = await Promise.all([db.records.get(id), db.objects.get(object)]);
    return { row, meta };
  }, [object, id]);
  if (!found) return <span className="chip">…</span>;
  if (!found.row)
    return (
      <span className="chip missing" title={t`${object} ${id} no longer exists`}>
        <Trans>deleted {object}</Trans>
      </span>
    );
  if (plain) return <span className="chip">{recordTitle(found.meta, found.row)}</span>;
  return (
    <Link className="chip" to={`/objects/${object}/${id}`}>
      {recordTitle(found.meta, found.row)}
    </Link>
  );
}
