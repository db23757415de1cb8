import { createRoot } from 'react-dom/client';

/**
 * The baseline for "time to first render of the table": the same 50 newest company rows,
 * read with raw IndexedDB and rendered as a plain React table, without the app's data layer.
 */
type Row = { id: string; data: Record<string, unknown> };
const text = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? Object.values(v as object)
          .filter((x) => typeof x !== 'object')
          .join(' ')
      : String(v);

const request = indexedDB.open('localflow');
request.onsuccess = () => {
  const db = request.result;
  const index = db.transaction('records').objectStore('records').index('[object+createdAt]');
  const rows: Row[] = [];
  index.openCursor(IDBKeyRange.bound(['company', -Infinity], ['company', Infinity]), 'prev').onsuccess = (e) => {
    const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
    if (cursor && rows.length < 50) {
      rows.push(cursor.value);
      cursor.continue();
      return;
    }
    const fields = Object.keys(rows[0]?.data ?? {});
    createRoot(document.getElementById('root')!).render(
      <table className="records">
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f}>{f}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {fields.map((f) => (
                <td key={f}>{text(r.data[f])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>,
    );
  };
};
